import { encodePayload } from './json-payload';
import { decodeHsBalance, encodeHsBalance } from './hs-balance';
import { decodeHsChallenge, encodeHsChallenge } from './hs-challenge';
import { decodeHsInit, encodeHsInit } from './hs-init';
import { decodeHsPay, encodeHsPay } from './hs-pay';
import { decodeHsResult, encodeHsResult } from './hs-result';
import { PayloadError } from './payload-error';

// Exact PackagedContent texts of profile §5.3.
const INIT =
  'eyJ0eXBlIjoiSFMtSW5pdCIsInYiOjEsIkMiOiJhbGljZSIsIm5BIjoiMDAwMTAyMDMwNDA1MDYwNzA4MDkwYTBiMGMwZDBlMGYxMDExMTIxMzE0MTUxNjE3MTgxOTFhMWIxYzFkMWUxZiJ9';
const CHALLENGE =
  'eyJ0eXBlIjoiSFMtQ2hhbGxlbmdlIiwidiI6MSwiQyI6ImFsaWNlIiwiTSI6ImRlbW8tbWVyY2hhbnQuZXhhbXBsZSIsIkIiOiJkZW1vLWJhbmsuZXhhbXBsZSIsInQiOiIyMDI0MDUwMVQxMDE2MDJaLTAwMDAwMDJhIiwieSI6IlBIMDAwMDAwMDAwMDQyIiwidSI6IjEyLjUiLCJjdXIiOiJFVVIiLCJhTSI6IjU5ZjE1N2VhYzhjZmI5NzEwMDk1MjBhNjFhOGJlM2MzZWVhZDZhMDMwNDZlZjg3M2FlN2Q1NGY5YzY3NmYwOTAifQ==';
const PAY =
  'eyJ0eXBlIjoiSFMtUGF5IiwidiI6MSwiQyI6ImFsaWNlIiwidCI6IjIwMjQwNTAxVDEwMTYwMlotMDAwMDAwMmEiLCJ5IjoiUEgwMDAwMDAwMDAwNDIiLCJ1IjoiMTIuNSIsImN1ciI6IkVVUiIsImFDIjoiOGIzMjZlMjM0MWU5NzBlZGIwYmJiYzcwMWYwYzU2NjE3MGVlYjVjOWNmOTkwZGVkMWIyODAyNmZiYzBiNzM3OSIsIm5DIjoiMjAyMTIyMjMyNDI1MjYyNzI4MjkyYTJiMmMyZDJlMmYzMDMxMzIzMzM0MzUzNjM3MzgzOTNhM2IzYzNkM2UzZiIsInBpIjoiYzY1OGUyODY2NzcxNGNjMWNlMGNjNGE5YmEyZmQ2MjQwMDkzYzllZTY2OTkyMzExOTZmZjVjZTkzZDQyNGM5NiIsIm8iOiI4ZmRhMjA3MzE1YzdlODU3ZmNhY2MyYmRiOGU3NTJmZjhlZTkyY2E4Y2M4YzAxOTJjNTJjNmE4YzAzM2NkZmVhIn0=';
const RESULT =
  'eyJ0eXBlIjoiSFMtUmVzdWx0IiwidiI6MSwieSI6IlBIMDAwMDAwMDAwMDQyIiwidSI6IjEyLjUiLCJjdXIiOiJFVVIiLCJzdGF0dXMiOiJDb21wbGV0ZWRPayIsIkFCIjoiZTZjZWQwMzQ3OWM3ODBkNzdhYTZkNWNkY2FiMDhhMTNjZWJlZjVkOTZlNDViZThjODMzZDE2ZTU5MmVhMTE4YyIsIlQiOiJjZTc1YjcxODNhYjliZGFkM2JjODMwODU4ZDM3NjQ0YjE4NDcyZGZkOTQ0NDdjYWE3NWMwZmEwY2I2MGQ4YWZmIn0=';
const BALANCE =
  'eyJ0eXBlIjoiSFMtQmFsYW5jZSIsInYiOjEsIkMiOiJhbGljZSIsImJhbGFuY2UiOiI5OTk5ODcuNSIsImN1ciI6IkVVUiJ9';

const h = (text: string) => Buffer.from(text, 'hex');
const nA = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const nC = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x20 + i));
const common = { t: '20240501T101602Z-0000002a', y: 'PH000000000042', u: '12.5', cur: 'EUR' };
const challenge = {
  C: 'alice',
  M: 'demo-merchant.example',
  B: 'demo-bank.example',
  ...common,
  aM: h('59f157eac8cfb971009520a61a8be3c3eead6a03046ef873ae7d54f9c676f090'),
};
const pay = {
  C: 'alice',
  ...common,
  aC: h('8b326e2341e970edb0bbbc701f0c566170eeb5c9cf990ded1b28026fbc0b7379'),
  nC,
  pi: h('c658e28667714cc1ce0cc4a9ba2fd6240093c9ee6699231196ff5ce93d424c96'),
  o: h('8fda207315c7e857fcacc2bdb8e752ff8ee92ca8cc8c0192c52c6a8c033cdfea'),
};
const result = {
  y: common.y,
  u: common.u,
  cur: common.cur,
  status: 'CompletedOk' as const,
  ack: {
    AB: h('e6ced03479c780d77aa6d5cdcab08a13cebef5d96e45be8c833d16e592ea118c'),
    T: h('ce75b7183ab9bdad3bc830858d37644b18472dfd94447caa75c0fa0cb60d8aff'),
  },
};
const b64 = (json: string) => Buffer.from(json).toString('base64');

describe('hash/secret payloads (profile §5.3)', () => {
  it('emits the exact texts', () => {
    expect(encodeHsInit({ C: 'alice', nA })).toBe(INIT);
    expect(encodeHsChallenge(challenge)).toBe(CHALLENGE);
    expect(encodeHsPay(pay)).toBe(PAY);
    expect(encodeHsResult(result)).toBe(RESULT);
    expect(encodeHsBalance({ C: 'alice', balance: '999987.5', cur: 'EUR' })).toBe(BALANCE);
  });

  it('reads the exact texts back', () => {
    expect(decodeHsInit(INIT)).toEqual({ C: 'alice', nA });
    expect(decodeHsChallenge(CHALLENGE)).toEqual(challenge);
    expect(decodeHsPay(PAY)).toEqual(pay);
    expect(decodeHsResult(RESULT)).toEqual(result);
    expect(decodeHsBalance(BALANCE)).toEqual({ C: 'alice', balance: '999987.5', cur: 'EUR' });
  });

  it('accepts any key order, whitespace, upper-case hex, unknown keys and XML whitespace in the base64', () => {
    const json = `{ "nA" : "${nA.toString('hex').toUpperCase()}", "extra": [1], "C": "alice", "v": 1, "type": "HS-Init" }`;
    const wrapped = b64(json).replace(/(.{20})/g, '$1\n  ');
    expect(decodeHsInit(wrapped)).toEqual({ C: 'alice', nA });
  });

  it('emits HS-Result with a reason and without AB/T', () => {
    const text = encodeHsResult({ y: 'PH1', u: '1', cur: 'EUR', status: 'AuthError', reason: 'BadAC' });
    expect(Buffer.from(text, 'base64').toString()).toBe(
      '{"type":"HS-Result","v":1,"y":"PH1","u":"1","cur":"EUR","status":"AuthError","reason":"BadAC"}',
    );
  });

  it.each([
    ['invalid base64', 'not*base64'],
    ['empty', ''],
    ['not JSON', b64('{"type":')],
    ['an array', b64('[]')],
    ['wrong type', encodePayload({ type: 'HS-Pay', v: 1, C: 'alice', nA: nA.toString('hex') })],
    ['v as a string', encodePayload({ type: 'HS-Init', v: '1', C: 'alice', nA: nA.toString('hex') })],
    ['missing nA', encodePayload({ type: 'HS-Init', v: 1, C: 'alice' })],
    ['short nA', encodePayload({ type: 'HS-Init', v: 1, C: 'alice', nA: 'abcd' })],
    ['C too long', encodePayload({ type: 'HS-Init', v: 1, C: 'a'.repeat(33), nA: nA.toString('hex') })],
    ['C a number', b64(`{"type":"HS-Init","v":1,"C":7,"nA":"${nA.toString('hex')}"}`)],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]).toString('base64')],
  ])('rejects HS-Init that is %s', (_, text) => {
    expect(() => decodeHsInit(text)).toThrow(PayloadError);
  });

  it('rejects a non-minimal amount and a lower-case currency in HS-Pay', () => {
    const raw = JSON.parse(Buffer.from(PAY, 'base64').toString());
    expect(() => decodeHsPay(b64(JSON.stringify({ ...raw, u: '12.50' })))).toThrow(PayloadError);
    expect(() => decodeHsPay(b64(JSON.stringify({ ...raw, cur: 'eur' })))).toThrow(PayloadError);
  });

  it('rejects HS-Result with AB but no T, or an unknown status', () => {
    const raw = JSON.parse(Buffer.from(RESULT, 'base64').toString());
    delete raw.T;
    expect(() => decodeHsResult(b64(JSON.stringify(raw)))).toThrow(PayloadError);
    expect(() => decodeHsResult(b64(JSON.stringify({ ...raw, status: 'Paid' })))).toThrow(PayloadError);
  });
});
