/** The e-purse payloads of profile §3.5 as the purse software reads and writes them (JSON, base64). */

export const EP_CONTENT = 'MIME:application/json';
export const EP_TRANSFORM = 'BASE64';

export interface DebitRequest {
  readonly idM: string;
  readonly u: string;
  readonly cur: string;
  readonly txRef: string;
  readonly nM: string;
  readonly seqM: string;
  readonly macM: string;
}

export interface CreditConf {
  readonly idM: string;
  readonly seqM: string;
  readonly txRef: string;
  readonly mac: string;
}

export interface EpResult {
  readonly txRef: string;
  readonly status: string;
  readonly reason: string;
}

export const encodeJson = (payload: Readonly<Record<string, string | number>>): string =>
  Buffer.from(JSON.stringify(payload), 'utf8').toString('base64');

/** Decodes a payload and checks its `type`, `v` and that `keys` are strings; undefined when it is not one. */
export function decodeJson<T>(
  text: string,
  type: string,
  keys: readonly (keyof T & string)[],
): T | undefined {
  try {
    const obj = JSON.parse(Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8')) as Record<
      string,
      unknown
    >;
    if (obj.type !== type || obj.v !== 1) return undefined;
    return keys.every((k) => typeof obj[k] === 'string') ? (obj as T) : undefined;
  } catch {
    return undefined;
  }
}

export const decodeDebitRequest = (text: string) =>
  decodeJson<DebitRequest>(text, 'EP-DebitReq', ['idM', 'u', 'cur', 'txRef', 'nM', 'seqM', 'macM']);
export const decodeCreditConf = (text: string) =>
  decodeJson<CreditConf>(text, 'EP-CreditConf', ['idM', 'seqM', 'txRef', 'mac']);
export const decodeEpResult = (text: string) =>
  decodeJson<EpResult>(text, 'EP-Result', ['txRef', 'status', 'reason']);
