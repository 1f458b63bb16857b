import { normaliseCompletionCode } from '../../codes/completion-codes';
import { PROCESS_STATES, type ProcessState } from '../../codes/process-state';
import { normaliseStatusType } from '../../codes/status-type';
import type { XmlElement } from '../../xml/xml-node';
import { empty, enumAttr, requireToken, type ReadCtx } from '../read-context';
import { token } from '../xml-access';

/** Status Component (iotp-messages §5.1). */
export interface StatusComp {
  readonly id: string;
  readonly lang: string;
  /** `Unidentified` is read as `Undefined`. */
  readonly statusType: string;
  readonly elRef?: string;
  readonly processState: ProcessState;
  /** `PaymCancelled` (RFC 3867 spelling) is read as `PaymtCancelled`. */
  readonly completionCode?: string;
  readonly processReference?: string;
  readonly statusDesc?: string;
  readonly element: XmlElement;
}

export const readStatus = (el: XmlElement, parent: ReadCtx): StatusComp => {
  const id = requireToken(el, 'ID', parent);
  const ctx = { ...parent, compRef: id };
  empty(el, ctx);
  const completionCode = token(el, 'CompletionCode') || undefined;
  return {
    id,
    lang: requireToken(el, 'xml:lang', ctx),
    statusType: normaliseStatusType(requireToken(el, 'StatusType', ctx)),
    elRef: token(el, 'ElRef') || undefined,
    processState: enumAttr(el, 'ProcessState', PROCESS_STATES, ctx),
    completionCode: completionCode && normaliseCompletionCode(completionCode),
    processReference: el.attrs['ProcessReference'],
    statusDesc: el.attrs['StatusDesc'],
    element: el,
  };
};
