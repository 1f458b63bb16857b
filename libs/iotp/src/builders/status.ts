import type { ProcessState } from '../codes/process-state';
import type { XmlElement } from '../xml/xml-node';
import { el } from './xml-build';

export interface StatusSpec {
  readonly id: string;
  readonly lang?: string;
  readonly statusType: string;
  readonly elRef?: string;
  readonly processState: ProcessState;
  readonly completionCode?: string;
  readonly processReference?: string;
  readonly statusDesc?: string;
}

/** Status Component (iotp-messages §5.1); a Failed status must carry a completion code. */
export const buildStatus = (s: StatusSpec): XmlElement => {
  if (s.processState === 'Failed' && !s.completionCode)
    throw new RangeError('Failed Status needs a CompletionCode');
  if (s.completionCode && s.completionCode.length > 14)
    throw new RangeError('CompletionCode exceeds 14 characters');
  return el('Status', {
    ID: s.id,
    'xml:lang': s.lang ?? 'en',
    StatusType: s.statusType,
    ElRef: s.elRef,
    ProcessState: s.processState,
    CompletionCode: s.completionCode,
    ProcessReference: s.processReference,
    StatusDesc: s.statusDesc,
  });
};
