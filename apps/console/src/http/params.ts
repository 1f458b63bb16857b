import { badRequest } from './problem';

/*
 * Query parameters of the operator API: every one is checked and a bad one gets a 400 that names it.
 * Amounts stay decimal strings (compared in PostgreSQL as numeric, never as floats); times are
 * ISO 8601 with a zone; cursors are opaque (base64url JSON) and checked on the way back in.
 */

export type Query = Readonly<Record<string, unknown>>;

const DECIMAL = /^[0-9]{1,30}(\.[0-9]{1,30})?$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const TOKEN = /^[A-Za-z0-9._:@-]{1,80}$/;
export const PROCESS_STATES = [
  'NotYetStarted',
  'InProgress',
  'Suspended',
  'CompletedOk',
  'Failed',
  'ProcessError',
] as const;

export function only(query: Query, allowed: readonly string[]): void {
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k));
  if (unknown.length > 0)
    throw badRequest(
      `Unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; allowed: ${allowed.join(', ')}.`,
      {
        invalidParams: unknown.map((name) => ({ name, reason: 'unknown parameter' })),
      },
    );
}

function single(query: Query, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v))
    throw badRequest(`Parameter ${name} is given more than once.`, invalid(name, 'repeated'));
  if (typeof v !== 'string')
    throw badRequest(`Parameter ${name} must be a string.`, invalid(name, 'not a string'));
  return v === '' ? undefined : v;
}

const invalid = (name: string, reason: string) => ({ invalidParams: [{ name, reason }] });

export function token(query: Query, name: string): string | undefined {
  const v = single(query, name);
  if (v !== undefined && !TOKEN.test(v))
    throw badRequest(
      `Parameter ${name} must be 1–80 characters of letters, digits and . _ : @ -.`,
      invalid(name, 'bad format'),
    );
  return v;
}

export function oneOf<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
  const v = single(query, name);
  if (v !== undefined && !(allowed as readonly string[]).includes(v))
    throw badRequest(`Parameter ${name} must be one of ${allowed.join(', ')}.`, invalid(name, 'not allowed'));
  return v as T | undefined;
}

export function decimal(query: Query, name: string): string | undefined {
  const v = single(query, name);
  if (v !== undefined && !DECIMAL.test(v))
    throw badRequest(
      `Parameter ${name} must be a plain decimal such as 12.50 (no sign, no exponent).`,
      invalid(name, 'not a decimal'),
    );
  return v;
}

export function time(query: Query, name: string): string | undefined {
  const v = single(query, name);
  if (v === undefined) return undefined;
  if (!ISO_TIME.test(v) || Number.isNaN(Date.parse(v)))
    throw badRequest(
      `Parameter ${name} must be an ISO 8601 time with a zone, e.g. 2025-01-31T12:00:00Z.`,
      invalid(name, 'not a time'),
    );
  return new Date(Date.parse(v)).toISOString();
}

export function integer(query: Query, name: string, fallback: number, min: number, max: number): number {
  const v = single(query, name);
  if (v === undefined) return fallback;
  if (!/^[0-9]{1,9}$/.test(v) || Number(v) < min || Number(v) > max)
    throw badRequest(
      `Parameter ${name} must be an integer from ${min} to ${max}.`,
      invalid(name, 'out of range'),
    );
  return Number(v);
}

export function currencyCode(query: Query, name: string): string | undefined {
  const v = single(query, name);
  if (v !== undefined && !/^[A-Z]{3}$/.test(v))
    throw badRequest(`Parameter ${name} must be an ISO 4217 code such as EUR.`, invalid(name, 'bad format'));
  return v;
}

/** from < to when both are given; amountMin ≤ amountMax is checked in SQL-free decimal comparison. */
export function checkRange(
  fromName: string,
  from: string | undefined,
  toName: string,
  to: string | undefined,
): void {
  if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to))
    throw badRequest(`${fromName} must not be after ${toName}.`, invalid(fromName, 'after ' + toName));
}

export function compareDecimals(a: string, b: string): number {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  const ain = ai!.replace(/^0+(?=\d)/, '');
  const bin = bi!.replace(/^0+(?=\d)/, '');
  if (ain.length !== bin.length) return ain.length < bin.length ? -1 : 1;
  if (ain !== bin) return ain < bin ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const x = af.padEnd(width, '0');
  const y = bf.padEnd(width, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Opaque keyset cursors: base64url of a small JSON tuple with a kind tag, checked on decode. */
export function encodeCursor(kind: string, values: readonly string[]): string {
  return Buffer.from(JSON.stringify([kind, ...values]), 'utf8').toString('base64url');
}

export function decodeCursor(query: Query, name: string, kind: string, arity: number): string[] | undefined {
  const v = single(query, name);
  if (v === undefined) return undefined;
  const bad = () =>
    badRequest(`Parameter ${name} is not a cursor this endpoint issued.`, invalid(name, 'bad cursor'));
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(v)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== arity + 1 ||
    parsed[0] !== kind ||
    !parsed.every((p) => typeof p === 'string' && p.length <= 100)
  )
    throw bad();
  return parsed.slice(1) as string[];
}
