import {
  CARD_ID,
  SEQUENCE,
  type BookRecordRequest,
  type CutRequest,
  type OpenPurchaseRequest,
} from '@ph/bridges/e-purse';
import { isKnownCurrency } from '@ph/money';

/** A request the clearing centre refuses unread (HTTP 400). */
export class ClearingCentreRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClearingCentreRequestError';
  }
}

const PAY_ID = /^[!-~]{1,14}$/;
const AMOUNT = /^(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;
const HEX32 = /^[0-9a-fA-F]{32}$/;

type Obj = Readonly<Record<string, unknown>>;

function field(obj: Obj, key: string, syntax: RegExp): string {
  const v = obj[key];
  if (typeof v !== 'string' || !syntax.test(v))
    throw new ClearingCentreRequestError(`"${key}" missing or ill-formed`);
  return v;
}

function object(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ClearingCentreRequestError(`${what} must be a JSON object`);
  return value as Obj;
}

function currencyField(obj: Obj): string {
  const cur = field(obj, 'cur', /^[A-Z]{3}$/);
  if (!isKnownCurrency(cur)) throw new ClearingCentreRequestError('"cur" is not an ISO 4217 currency');
  return cur;
}

export function parseOpenPurchase(body: unknown): OpenPurchaseRequest {
  const o = object(body, 'the request');
  return {
    idM: field(o, 'idM', CARD_ID),
    txRef: field(o, 'txRef', PAY_ID),
    purseId: field(o, 'purseId', CARD_ID),
    u: field(o, 'u', AMOUNT),
    cur: currencyField(o),
  };
}

export function parseBookRecord(body: unknown): BookRecordRequest {
  const o = object(body, 'the request');
  const r = object(o.record, '"record"');
  return {
    idM: field(o, 'idM', CARD_ID),
    txRef: field(o, 'txRef', PAY_ID),
    record: {
      idC: field(r, 'idC', CARD_ID),
      seqC: field(r, 'seqC', SEQUENCE),
      u: field(r, 'u', AMOUNT),
      cur: currencyField(r),
      nM: field(r, 'nM', HEX32).toLowerCase(),
      idM: field(r, 'idM', CARD_ID),
      macC: field(r, 'macC', HEX32).toLowerCase(),
    },
  };
}

export function parseCut(body: unknown): CutRequest {
  const o = object(body, 'the request');
  if (!Array.isArray(o.records) || o.records.length === 0 || o.records.length > 10_000)
    throw new ClearingCentreRequestError('"records" must be a non-empty array');
  return {
    idM: field(o, 'idM', CARD_ID),
    cutSeq: field(o, 'cutSeq', /^[1-9][0-9]{0,9}$/),
    cur: currencyField(o),
    total: field(o, 'total', AMOUNT),
    records: o.records.map((r: unknown) => {
      const rec = object(r, 'a record');
      return { idC: field(rec, 'idC', CARD_ID), seqC: field(rec, 'seqC', SEQUENCE) };
    }),
  };
}
