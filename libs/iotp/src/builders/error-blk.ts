import { ERROR_CODE_INFO, type ErrorCode } from '../codes/error-codes';
import type { Severity } from '../codes/severity';
import type { ErrorLocationSpec, IotpWireError } from '../blocks/wire-error';
import type { XmlElement } from '../xml/xml-node';
import { buildPackagedContent, type PackagedContentSpec } from './packaged-content';
import { el } from './xml-build';

export interface ErrorCompSpec {
  readonly id: string;
  readonly lang?: string;
  readonly errorCode: ErrorCode;
  readonly errorDesc: string;
  /** Defaults to the code's default severity. */
  readonly severity?: Severity;
  /** Whole seconds ≥ 1; required with TransientError and dropped otherwise (profile §1.5). */
  readonly minRetrySecs?: number;
  readonly swVendorErrorRef?: string;
  /** Exactly one ErrorLocation per ErrorComp in our messages (profile §1.5). */
  readonly location: ErrorLocationSpec;
  /** The offending value or missing name (`<PackagedContent>name</PackagedContent>`). */
  readonly packagedContent?: string | PackagedContentSpec;
}

export const buildErrorLocation = (l: ErrorLocationSpec): XmlElement =>
  el('ErrorLocation', {
    ElementType: l.elementType,
    IotpMsgRef: l.iotpMsgRef,
    BlkRef: l.blkRef,
    CompRef: l.compRef,
    ElementRef: l.elementRef,
    AttName: l.attName,
  });

export const buildErrorComp = (s: ErrorCompSpec): XmlElement => {
  const severity = s.severity ?? ERROR_CODE_INFO[s.errorCode].defaultSeverity;
  const transient = severity === 'TransientError';
  if (ERROR_CODE_INFO[s.errorCode].transientOnly && !transient)
    throw new RangeError(`${s.errorCode} is only used with TransientError`);
  if (transient && !(Number.isSafeInteger(s.minRetrySecs) && (s.minRetrySecs as number) >= 1))
    throw new RangeError('TransientError needs MinRetrySecs, a whole number ≥ 1');
  const pc = typeof s.packagedContent === 'string' ? { value: s.packagedContent } : s.packagedContent;
  return el(
    'ErrorComp',
    {
      ID: s.id,
      'xml:lang': s.lang ?? 'en',
      ErrorCode: s.errorCode,
      ErrorDesc: s.errorDesc,
      Severity: severity,
      MinRetrySecs: transient ? String(s.minRetrySecs) : undefined,
      SwVendorErrorRef: s.swVendorErrorRef,
    },
    [buildErrorLocation(s.location), pc && buildPackagedContent(pc)],
  );
};

export interface ErrorBlkSpec {
  readonly id: string;
  /** One ErrorComp per message (profile §1.5): a spec to build, or a copied element (inquiry answers). */
  readonly errorComp: ErrorCompSpec | XmlElement;
  readonly paySchemeData?: readonly XmlElement[];
}

const isElementLike = (x: ErrorCompSpec | XmlElement): x is XmlElement => 'name' in x && 'children' in x;

export const buildErrorBlk = (s: ErrorBlkSpec): XmlElement =>
  el('ErrorBlk', { ID: s.id }, [
    isElementLike(s.errorComp) ? s.errorComp : buildErrorComp(s.errorComp),
    ...(s.paySchemeData ?? []),
  ]);

/** The Error Block answering a reader's IotpWireError. */
export const buildErrorBlkFromWireError = (
  error: IotpWireError,
  ids: { readonly blkId: string; readonly compId: string },
  extra: {
    readonly minRetrySecs?: number;
    readonly swVendorErrorRef?: string;
    readonly iotpMsgRef?: string;
  } = {},
): XmlElement =>
  buildErrorBlk({
    id: ids.blkId,
    errorComp: {
      id: ids.compId,
      errorCode: error.code,
      errorDesc: error.desc,
      severity: error.severity,
      minRetrySecs: extra.minRetrySecs,
      swVendorErrorRef: extra.swVendorErrorRef,
      location: extra.iotpMsgRef ? { ...error.location, iotpMsgRef: extra.iotpMsgRef } : error.location,
      packagedContent: error.packagedContent,
    },
  });
