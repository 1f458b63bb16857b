// The message-building module shared by the k6 scripts and `npm run load` (load-tests/lib), under Node
// with node:crypto injected: the profile's known-answer vectors, then real payments through the embedded
// Payment Handler (the same harness as the end-to-end tests).
import * as hs from '../../load-tests/lib/iotp-hash-secret.js';
import { startHarness, type Harness } from '../e2e/support/standalone-harness';
import { nodeCrypto } from './support/node-crypto';
import { PreciseDecimal } from '@ph/money';

const seq = (from: number) => Uint8Array.from({ length: 32 }, (_, i) => from + i);

describe('load-tests/lib/iotp-hash-secret.js: known answers (profile §5)', () => {
  it('signs the §6.1 offer exactly like the reference merchant (§5.5 digests and value)', () => {
    const offer = hs.signedOffer(nodeCrypto, {
      phUrl: 'http://127.0.0.1:8080/iotp',
      customerId: 'alice',
      amount: '12.50',
      currency: 'EUR',
      now: new Date('2024-05-01T10:15:30.350Z'),
      iotpTransId: '20240501101530.e2780c0935b324b6@demo-merchant.example',
      orderId: 'ORD-9454f92b',
    });
    expect(Object.fromEntries(offer.digests)).toEqual({
      'M1.2': 'AvshSjd9RYnwPxGi1pq1E58troSGFDhaaoanjSvJur4=',
      'M1.5': 'zIdZkCALaJnmnUSzOmBNjee3LNDgM53ys58Gu1fSgUU=',
      'M1.20': 'p4FtRSaZ5cGfFEvUqj0d4XBY4SgLw6GBrD0In4PsylM=',
      'M1.11': 'HniIRJLGFdxXSBWP7qseGP+jgdT0TF6KQrHywQDFcp0=',
      'M1.15': 'crnIUWRG7g1vStW1jmkrfC5YH2zP8ji4Od6VWdc06Q8=',
      'M1.13': 'QEk/zveTsskmLmnP0e9zEuwNJ4lfq4ZFvQpD7TAnSX0=',
      'M1.18': 'fYCoThpRBQncko88FJ645+KRwnWeuCn7TKW544YR4lo=',
    });
    expect(hs.hex(offer.manifestHash)).toBe(
      '6c0d678603096f52f8f560a04155f58f874619941ebf97986ed7e31617e4c88e',
    );
    expect(offer.signatureValue).toBe('4otZIfC2jNeqKiBzLF4j7q2gZAnal+LD6fT2C3MzE/I=');
  });

  it('DOM-HASH of §5.4 input 1, and whitespace kept only inside PackagedContent (input 2)', () => {
    const status = hs.el('Status', [
      ['ID', 'P2.5'],
      ['xml:lang', 'en'],
      ['StatusType', 'Payment'],
      ['ElRef', 'M1.20'],
      ['ProcessState', 'CompletedOk'],
      ['ProcessReference', 'PH000000000042'],
    ]);
    expect(hs.hex(hs.domHash(nodeCrypto, status))).toBe(
      'd2d9799e5484e82658b3a3b59ed7451de122bc7e370943b9c76766c7b05000d8',
    );
    const psd = hs.el(
      'PaySchemeData',
      [
        ['ID', 'C2.3'],
        ['PaymentRef', 'M1.20'],
      ],
      [
        '\n  ',
        hs.el(
          'PackagedContent',
          [
            ['Name', 'N'],
            ['Content', 'PCDATA'],
          ],
          [' a&b <c> '],
        ),
        '\n',
      ],
    );
    expect(hs.hex(hs.domHash(nodeCrypto, psd))).toBe(
      '8f507280a05644e9ab55dce8f4e6fe94d64e67956681ccc65abb8d12e218962d',
    );
  });

  it('derives the demo keys and the HS-Pay MACs of §5.2, and the HS-Init/HS-Pay texts of §5.3', () => {
    const alice = hs.demoCustomer(nodeCrypto, 'alice');
    expect(hs.hex(alice.kcm)).toBe('a7ca55c73416a5945ae4381f938544dfc73784975bbe758a2786719492e0e8de');
    expect(hs.hex(alice.kcb)).toBe('045d9e73bd0e364b719f9f454f57146929d38c7596d05f8ee43600c3872786e9');
    expect(hs.base64(hs.utf8(hs.hsInitJson('alice', seq(0))))).toBe(
      'eyJ0eXBlIjoiSFMtSW5pdCIsInYiOjEsIkMiOiJhbGljZSIsIm5BIjoiMDAwMTAyMDMwNDA1MDYwNzA4MDkwYTBiMGMwZDBlMGYxMDExMTIxMzE0MTUxNjE3MTgxOTFhMWIxYzFkMWUxZiJ9',
    );
    // Answer the §5.3 challenge with n_C = 20..3f: the HS-Pay must be byte-identical to §5.3.
    const pay = hs.startPayment(nodeCrypto, {
      phUrl: 'http://127.0.0.1:8080/iotp',
      nA: seq(0),
      now: new Date('2024-05-01T10:16:02Z'),
    });
    pay.nC = seq(0x20);
    const challenge =
      'eyJ0eXBlIjoiSFMtQ2hhbGxlbmdlIiwidiI6MSwiQyI6ImFsaWNlIiwiTSI6ImRlbW8tbWVyY2hhbnQuZXhhbXBsZSIsIkIiOiJkZW1vLWJhbmsuZXhhbXBsZSIsInQiOiIyMDI0MDUwMVQxMDE2MDJaLTAwMDAwMDJhIiwieSI6IlBIMDAwMDAwMDAwMDQyIiwidSI6IjEyLjUiLCJjdXIiOiJFVVIiLCJhTSI6IjU5ZjE1N2VhYzhjZmI5NzEwMDk1MjBhNjFhOGJlM2MzZWVhZDZhMDMwNDZlZjg3M2FlN2Q1NGY5YzY3NmYwOTAifQ==';
    const p1 =
      `<IotpMessage><TransRefBlk ID="P1.1"><MsgId ID="P1"/></TransRefBlk><PayExchBlk ID="P1.2">` +
      `<PaySchemeData ID="P1.3" PaymentRef="M1.20" ConsumerPaymentId="${pay.consumerPaymentId}" PaymentHandlerPayId="PH000000000042">` +
      `<PackagedContent Name="HS-Challenge" Content="MIME:application/json" Transform="BASE64">${challenge}</PackagedContent>` +
      `</PaySchemeData></PayExchBlk></IotpMessage>`;
    const c2 = hs.answerChallenge(nodeCrypto, pay, p1);
    expect(c2.ok).toBe(true);
    expect(c2.body).toContain(
      'eyJ0eXBlIjoiSFMtUGF5IiwidiI6MSwiQyI6ImFsaWNlIiwidCI6IjIwMjQwNTAxVDEwMTYwMlotMDAwMDAwMmEiLCJ5IjoiUEgwMDAwMDAwMDAwNDIiLCJ1IjoiMTIuNSIsImN1ciI6IkVVUiIsImFDIjoiOGIzMjZlMjM0MWU5NzBlZGIwYmJiYzcwMWYwYzU2NjE3MGVlYjVjOWNmOTkwZGVkMWIyODAyNmZiYzBiNzM3OSIsIm5DIjoiMjAyMTIyMjMyNDI1MjYyNzI4MjkyYTJiMmMyZDJlMmYzMDMxMzIzMzM0MzUzNjM3MzgzOTNhM2IzYzNkM2UzZiIsInBpIjoiYzY1OGUyODY2NzcxNGNjMWNlMGNjNGE5YmEyZmQ2MjQwMDkzYzllZTY2OTkyMzExOTZmZjVjZTkzZDQyNGM5NiIsIm8iOiI4ZmRhMjA3MzE1YzdlODU3ZmNhY2MyYmRiOGU3NTJmZjhlZTkyY2E4Y2M4YzAxOTJjNTJjNmE4YzAzM2NkZmVhIn0=',
    );
    // A challenge whose a_M is spoilt is refused before any π is computed.
    const spoilt = hs.startPayment(nodeCrypto, { phUrl: 'http://127.0.0.1:8080/iotp', nA: seq(1) });
    expect(hs.answerChallenge(nodeCrypto, spoilt, p1.replace(spoilt.consumerPaymentId, 'x')).ok).toBe(false);
  });

  it('minimal amounts (profile §3.2) and base64 round trips', () => {
    expect(['12.50', '012.00', '0.001', '245.35', '.5'].map(hs.minimalAmount)).toEqual([
      '12.5',
      '12',
      '0.001',
      '245.35',
      '0.5',
    ]);
    for (let n = 0; n < 7; n++) {
      const bytes = nodeCrypto.randomBytes(n);
      expect(Buffer.from(hs.base64(bytes), 'base64')).toEqual(Buffer.from(bytes));
      expect(hs.fromBase64(hs.base64(bytes))).toEqual(bytes);
    }
    expect(Buffer.from(hs.utf8('€ä𝄞')).toString('utf8')).toBe('€ä𝄞');
  });
});

describe('load-tests/lib/iotp-hash-secret.js against a real gateway (embedded standalone)', () => {
  let ph: Harness;
  beforeAll(async () => {
    ph = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await ph?.stop();
  });

  async function pay(customer: string, amount: string) {
    const p = hs.startPayment(nodeCrypto, { phUrl: ph.gatewayUrl, customer, amount });
    const r1 = await ph.post(p.c1, { 'content-type': hs.IOTP_CONTENT_TYPE });
    expect(r1.status).toBe(200);
    const c2 = hs.answerChallenge(nodeCrypto, p, r1.body);
    if (!c2.ok) throw new Error(c2.problem);
    const r2 = await ph.post(c2.body as string, { 'content-type': hs.IOTP_CONTENT_TYPE });
    expect(r2.status).toBe(200);
    return hs.checkPaymentResponse(nodeCrypto, p, r2.body);
  }

  it('pays: CompletedOk, A_B and T verified, the bank debited exactly the amount', async () => {
    const before = await ph.balance('alice');
    const result = await pay('alice', '12.50');
    expect(result).toMatchObject({ ok: true, processState: 'CompletedOk', hsStatus: 'CompletedOk' });
    expect(hs.endedAsExpected(result, 'alice')).toBe(true);
    const after = new PreciseDecimal(before).minus('12.50');
    expect(after.equals(result.balance ?? 'NaN')).toBe(true);
    expect(after.equals(await ph.balance('alice'))).toBe(true);
  }, 30_000);

  it('carol is declined InsuffFunds with a verified receipt, as the load runner expects', async () => {
    const result = await pay('carol', '1.00');
    expect(result).toMatchObject({ ok: true, processState: 'Failed', completionCode: 'InsuffFunds' });
    expect(hs.endedAsExpected(result, 'carol')).toBe(true);
  }, 30_000);
});
