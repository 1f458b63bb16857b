/**
 * The clearing centre's HTTP messages (JSON), shared by the bridge's client and the simulator in
 * apps/bank-simulator/src/clearing-centre. Amounts are minimal-form decimal strings (profile §3.2).
 */

/** E2: the merchant card opens a purchase; the centre checks the purse's hot list and hands out seqM. */
export interface OpenPurchaseRequest {
  readonly idM: string;
  /** = PaymentHandlerPayId; the purchase is idempotent by (idM, txRef). */
  readonly txRef: string;
  readonly purseId: string;
  readonly u: string;
  readonly cur: string;
}

export type PurseRefusal = 'CardBlocked' | 'CardExpired' | 'UnknownCard';

export type OpenPurchaseResult =
  | { readonly outcome: 'opened'; readonly seqM: string }
  | { readonly outcome: 'refused'; readonly reason: PurseRefusal | 'UnknownMerchantCard' };

/** The purse's purchase record as it travelled (EP-DebitRecord keys; nM and macC in hex). */
export interface DebitRecordWire {
  readonly idC: string;
  readonly seqC: string;
  readonly u: string;
  readonly cur: string;
  readonly nM: string;
  readonly idM: string;
  readonly macC: string;
}

/** E5: the merchant card books (credits) a verified purchase record; idempotent by (idM, txRef). */
export interface BookRecordRequest {
  readonly idM: string;
  readonly txRef: string;
  readonly record: DebitRecordWire;
}

export type BookRejection = 'SeqReplayed' | 'BadMacC' | 'UnknownPurchase' | PurseRefusal;

export type BookResult =
  | { readonly outcome: 'booked'; readonly seqM: string }
  | { readonly outcome: 'rejected'; readonly reason: BookRejection };

/** What the centre knows of a booking request (the janitor's question after a time-out). */
export type RecordStatus = BookResult | { readonly outcome: 'unknown' };

/** E8: a cut ("Kassenschnitt") of the merchant card's booked records, settled once. */
export interface CutRequest {
  readonly idM: string;
  /** Strictly increasing per merchant card; the cut is idempotent by (idM, cutSeq). */
  readonly cutSeq: string;
  readonly cur: string;
  /** Sum of the records' amounts (minimal form). */
  readonly total: string;
  readonly records: readonly { readonly idC: string; readonly seqC: string }[];
}

export type CutRejection =
  | 'DoubleSubmission'
  | 'CutSeqConflict'
  | 'CutSeqOutOfOrder'
  | 'UnknownRecord'
  | 'TotalMismatch'
  | 'UnknownMerchantCard';

export type CutResult =
  | {
      readonly outcome: 'settled';
      readonly idM: string;
      readonly cutSeq: string;
      readonly count: number;
      readonly total: string;
      readonly cur: string;
      readonly settledAt: string;
      /** True when this exact cut had been settled before: nothing was settled again. */
      readonly resubmitted: boolean;
    }
  | {
      readonly outcome: 'rejected';
      readonly reason: CutRejection;
      /** The records that made the cut fail (already settled, unknown). */
      readonly records?: readonly { readonly idC: string; readonly seqC: string }[];
    };
