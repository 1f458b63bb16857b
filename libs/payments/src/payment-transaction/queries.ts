import type { ExpandPaymentReceiptResponse, IotpPaymentApiResponse, PackagedContent } from '@ph/payment-api';
import { busErrorResponse as busError, unknownPaymentResponse as unknownPayment } from './api-answers';
import { digestOf } from '../digest';
import type { SchemePackagedContent } from '../scheme-outcome';
import type { PaymentTransactionState } from './state';
import { isPending, reportedState } from './transitions';

/*
 * The read-only calls of the PH answered from the payment's state (§7.12, §7.16, §7.17, §7.19,
 * §7.22). They never change anything; an unknown (or removed) payment gets AttValIllegal on PayId.
 */

const known = (s: PaymentTransactionState): boolean => s.exists && !s.removed;

const sameContent = (a: SchemePackagedContent, b: SchemePackagedContent): boolean =>
  a.content === b.content && a.transform === b.transform && a.value === b.value;

/** The receipt items we hold, in PayReceiptNameRefs order: the PH's own scheme messages by Name. */
export function receiptItems(s: PaymentTransactionState): SchemePackagedContent[] {
  const byName = new Map(s.sent.filter((pc) => pc.name !== undefined).map((pc) => [pc.name as string, pc]));
  return s.receiptNameRefs.flatMap((name) => byName.get(name) ?? []);
}

/** PaymentNote contents of the final outcome (e.g. HS-Balance), for the Payment Response Block. */
export const paymentNotes = (s: PaymentTransactionState): readonly SchemePackagedContent[] => s.notes;

/** InquireProcessState: the real state (the AppCore hides Suspended itself), code, text, receipt. */
export function inquireProcessState(s: PaymentTransactionState): IotpPaymentApiResponse {
  if (!known(s)) return { ErrorResponse: unknownPayment('InquireProcessState') };
  const items = receiptItems(s);
  return {
    response: {
      call: 'InquireProcessState',
      ProcessState: s.processState,
      PercentComplete: s.processState === 'CompletedOk' ? '100' : '0',
      ...(s.completionCode !== undefined && { CompletionCode: s.completionCode }),
      ...(s.statusDesc !== undefined && { StatusDesc: s.statusDesc }),
      ...(s.receiptNameRefs.length > 0 && { PayReceiptNameRefs: s.receiptNameRefs }),
      ...(items.length > 0 && { PackagedContent: items }),
    },
  };
}

/** InquirePaymentStatus: for the Consumer's inquiry, so Suspended is reported as InProgress (§7.22). */
export function inquirePaymentStatus(
  s: PaymentTransactionState,
  schemeOut: readonly SchemePackagedContent[] = [],
): IotpPaymentApiResponse {
  if (!known(s)) return { ErrorResponse: unknownPayment('InquirePaymentStatus', 'PaymentHandlerPayId') };
  return {
    response: {
      call: 'InquirePaymentStatus',
      PaymentHandlerPayId: s.payId as string,
      ProcessState: reportedState(s.processState),
      ...(s.completionCode !== undefined && { CompletionCode: s.completionCode }),
      ...(s.statusDesc !== undefined && { StatusDesc: s.statusDesc }),
      ...(schemeOut.length > 0 && { PaySchemePackagedContent: schemeOut }),
    },
  };
}

/**
 * Is the presented receipt exactly ours? Every name in PayReceiptNameRefs must be presented once:
 * our outbound items compare by content, inbound ones by their recorded SHA-256 digest.
 */
export function verifyReceipt(
  s: PaymentTransactionState,
  presented: readonly PackagedContent[],
): string | undefined {
  if (s.processState !== 'CompletedOk' || s.receiptNameRefs.length === 0)
    return 'The payment has no receipt.';
  if (presented.length !== s.receiptNameRefs.length)
    return 'The receipt does not consist of the referenced items.';
  for (const name of s.receiptNameRefs) {
    const item = presented.find((pc) => pc.name === name);
    if (!item) return `Receipt item ${name} is missing.`;
    const ours = s.sent.find((pc) => pc.name === name);
    const digest = s.received.find((d) => d.name === name)?.sha256;
    const ok = ours ? sameContent(ours, item) : digest !== undefined && digest === digestOf(item);
    if (!ok) return `Receipt item ${name} does not match.`;
  }
  return undefined;
}

/** CheckPaymentReceipt: empty answer if consistent, BusError otherwise (§7.16). */
export function checkPaymentReceipt(
  s: PaymentTransactionState,
  presented: readonly PackagedContent[],
): IotpPaymentApiResponse {
  if (!known(s)) return { ErrorResponse: unknownPayment('CheckPaymentReceipt') };
  const problem = verifyReceipt(s, presented);
  if (problem)
    return {
      ErrorResponse: busError('CheckPaymentReceipt', s.payId as string, `Business Error. ${problem}`),
    };
  return { response: { call: 'CheckPaymentReceipt' } };
}

/** ExpandPaymentReceipt: the receipt as displayable data, after checking it (§7.17). */
export function expandPaymentReceipt(
  s: PaymentTransactionState,
  presented: readonly PackagedContent[],
): IotpPaymentApiResponse {
  if (!known(s)) return { ErrorResponse: unknownPayment('ExpandPaymentReceipt') };
  const problem = verifyReceipt(s, presented);
  if (problem)
    return {
      ErrorResponse: busError('ExpandPaymentReceipt', s.payId as string, `Business Error. ${problem}`),
    };
  const c = s.context;
  const response: ExpandPaymentReceiptResponse = {
    call: 'ExpandPaymentReceipt',
    ...(c && {
      BrandId: c.brandId,
      Amount: c.amount,
      CurrCodeType: 'ISO4217-A',
      CurrCode: c.currency,
      ProtocolId: c.protocolId,
      ProtocolBrandId: c.protocolBrandId,
    }),
    ...(s.statusDesc !== undefined && { PaymentHandlerDesc: s.statusDesc }),
    PaymentProperty: [
      { PropertyType: 'ProcessState', PropertyValue: s.processState, PropertyDesc: 'State of the payment' },
      ...(c
        ? [{ PropertyType: 'PaymentRef', PropertyValue: c.paymentRef, PropertyDesc: 'IOTP Payment ID' }]
        : []),
    ],
  };
  return { response };
}

/**
 * InquirePendingPayment over the PH's payments: those the PH should finish or suspend before new
 * ones (InProgress or Suspended; §7.19). The states come from a read model or from folded streams.
 */
export function inquirePendingPayment(states: readonly PaymentTransactionState[]): IotpPaymentApiResponse {
  const pending = states.filter((s) => known(s) && isPending(s.processState) && s.payId !== undefined);
  return {
    response: {
      call: 'InquirePendingPayment',
      ...(pending.length > 0 && { PaymentId: pending.map((s) => ({ PayId: s.payId as string })) }),
    },
  };
}
