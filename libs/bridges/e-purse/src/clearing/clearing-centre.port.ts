import type {
  BookRecordRequest,
  BookResult,
  CutRequest,
  CutResult,
  OpenPurchaseRequest,
  OpenPurchaseResult,
  RecordStatus,
} from './clearing-centre-wire';

/** The purse scheme's clearing centre (schemes.md §1.2 "card issuer / clearing house", E2/E5/E8). */
export interface ClearingCentre {
  openPurchase(request: OpenPurchaseRequest): Promise<OpenPurchaseResult>;
  bookRecord(request: BookRecordRequest): Promise<BookResult>;
  recordStatus(idM: string, txRef: string): Promise<RecordStatus>;
  submitCut(cut: CutRequest): Promise<CutResult>;
}

/** The request did not reach the centre or was refused unprocessed (connection refused, 503): retry. */
export class ClearingCentreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClearingCentreUnavailableError';
  }
}

/** The request went out but no answer came in time: the centre may have acted on it. */
export class ClearingCentreTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClearingCentreTimeoutError';
  }
}
