// The SET-like message module shared by the k6 scripts and `npm run load` (load-tests/lib/iotp-set-like.js)
// under Node with node:crypto injected (the same adapter the runner uses): its messages go through the
// bridge's own decoders, signature checks and the gateway key, then real card payments run through
// gateway + worker + SET-like bridge + acquirer simulator (the end-to-end tests' composition).
import * as nodeCrypto from 'node:crypto';
import {
  DEV_CA_PUBLIC as BRIDGE_CA,
  SetLikeBridge,
  acctHash,
  canonicalJson,
  decodePInitReq,
  decodePReq,
  demoSetLikeConfig,
  devGatewayKexKey,
  devGatewaySigKey,
  digestOf,
  dualSignatureInput,
  jweDecrypt,
  signObject as bridgeSign,
  thumbprint as bridgeThumbprint,
  verifyBytes,
  verifyCredential,
  type AcquirerGateway,
  type AuthReq,
  type AuthRes,
  type Credential,
} from '@ph/bridges/set-like';
import type { PaymentContext, SchemePackagedContent } from '../../libs/bridges/common/src/payment-bridge';
import { nodeCryptoAdapter } from '../../load-tests/lib/node-crypto-adapter.js';
import * as set from '../../load-tests/lib/iotp-set-like.js';
import { startSetLikeSystem, type SetLikeSystem } from '../e2e/support/set-like-system';

// The k6 adapter (load-tests/k6/set-like.js) runs here too: its k6 modules are stood in for by node:crypto
// and no-ops, and its Web Crypto calls go to Node's implementation of the same standard API.
jest.mock(
  'k6/crypto',
  () => {
    const c = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const ab = (b: Buffer) => Uint8Array.from(b).buffer;
    const u8 = (d: ArrayBuffer) => new Uint8Array(d);
    return {
      __esModule: true,
      default: {
        sha256: (d: ArrayBuffer) => ab(c.createHash('sha256').update(u8(d)).digest()),
        sha1: (d: ArrayBuffer) => ab(c.createHash('sha1').update(u8(d)).digest()),
        hmac: (_alg: string, k: ArrayBuffer, d: ArrayBuffer) =>
          ab(c.createHmac('sha256', u8(k)).update(u8(d)).digest()),
        randomBytes: (n: number) => ab(c.randomBytes(n)),
      },
    };
  },
  { virtual: true },
);
jest.mock('k6/http', () => ({ __esModule: true, default: { post: () => ({ status: 599, body: '' }) } }), {
  virtual: true,
});
jest.mock('k6', () => ({ check: () => true }), { virtual: true });
jest.mock(
  'k6/metrics',
  () => {
    class Metric {
      add() {}
    }
    return { Counter: Metric, Rate: Metric, Trend: Metric };
  },
  { virtual: true },
);

const crypto = nodeCryptoAdapter(nodeCrypto);
const VISA = '4111111111111111';
const now = new Date('2026-03-01T10:00:00Z');
const ctx: PaymentContext = {
  payId: 'PH0123456789AB',
  iotpTransId: 'T1',
  brandId: 'VISA',
  protocolId: 'SETv1.0',
  protocolBrandId: 'VISA',
  amount: '12.50',
  currency: 'EUR',
  merchantOrgId: 'demo-merchant.example',
  now,
};
const pcdata = (value: string, name?: string): SchemePackagedContent => ({
  ...(name ? { name } : {}),
  content: 'PCDATA',
  transform: 'BASE64',
  value,
});

/** An acquirer that opens EncPI with the gateway key and checks it as the simulator does. */
class CheckingAcquirer implements AcquirerGateway {
  readonly problems: string[] = [];
  readonly seen: AuthReq[] = [];
  async authorize(req: AuthReq): Promise<AuthRes> {
    this.seen.push(req);
    const { header, plaintext } = jweDecrypt(req.EncPI, devGatewayKexKey().privateKey);
    const pi = JSON.parse(plaintext.toString('utf8'));
    const cred = req.CardholderCred as Credential;
    if (header.xid !== req.TransIDs.XID) this.problems.push('xid');
    if (digestOf(pi) !== req.PIDigest) this.problems.push('PIDigest');
    if (acctHash(pi.PANData.PAN, pi.PANData.CardExpiry, pi.PANData.PANSecret) !== cred.AcctHash)
      this.problems.push('AcctHash');
    if (!verifyBytes(cred.PubKey, dualSignatureInput(digestOf(pi), req.OIDigest), req.DS))
      this.problems.push('DS');
    if (
      pi.PIHead.MerchantID !== req.MerchantID ||
      canonicalJson(pi.PIHead.Inputs.PurchAmt) !== canonicalJson(req.AuthReqAmt)
    )
      this.problems.push('PIHead');
    const sig = devGatewaySigKey();
    return bridgeSign(
      {
        ver: 'SETLIKE/1',
        msg: 'AuthRes',
        Date: '2026-03-01T10:00:01Z',
        RRPID: req.RRPID,
        XID: req.TransIDs.XID,
        AuthCode: 'approved',
        AuthAmt: req.AuthReqAmt,
        AuthRatio: '1',
        AuthDate: '2026-03-01T10:00:01Z',
        RespReason: 'approved',
        CapStatus: { CapCode: 'success', CapAmt: req.AuthReqAmt, CapRatio: '1', BatchID: 'B1' },
      } satisfies AuthRes,
      sig.privateKey,
      sig.kid,
    );
  }
  capture = () => Promise.reject(new Error('unused'));
  reverse = () => Promise.reject(new Error('unused'));
  status = () => Promise.reject(new Error('unused'));
}

/** The PH's P1 / P2 around a bridge's scheme output, as the AppCore writes them (only what the module reads). */
const p1Of = (pay: set.SetPayment, value: string) =>
  `<IotpMessage><TransRefBlk ID="P1.1"><MsgId ID="P1"/></TransRefBlk><PayExchBlk ID="P1.2">` +
  `<PaySchemeData ID="P1.3" PaymentRef="M1.20" ConsumerPaymentId="${pay.consumerPaymentId}" PaymentHandlerPayId="${ctx.payId}">` +
  `<PackagedContent Content="PCDATA" Transform="BASE64">${value}</PackagedContent></PaySchemeData></PayExchBlk></IotpMessage>`;
const p2Of = (value: string, state: string, extra = '') =>
  `<IotpMessage><TransRefBlk ID="P2.1"><MsgId ID="P2"/></TransRefBlk><IotpSignatures ID="P2.2"/><PayRespBlk ID="P2.3">` +
  `<Status ID="P2.4" StatusType="Payment" ProcessState="${state}"${extra}/><PayReceipt ID="P2.5" PaymentRef="M1.20" PayReceiptNameRefs="PRes"/>` +
  `<PaySchemeData ID="P2.6" PaymentRef="M1.20"><PackagedContent Name="PRes" Content="PCDATA" Transform="BASE64">${value}</PackagedContent></PaySchemeData></PayRespBlk></IotpMessage>`;

/** Two payments with one wallet through the bridge and the checking acquirer (the 2nd names its credentials). */
async function bridgeRoundTrip(crypto: set.SetCrypto) {
  const acq = new CheckingAcquirer();
  const bridge = new SetLikeBridge(demoSetLikeConfig(), acq);
  const wallet = await set.registerCard(crypto, { pan: VISA });
  for (const round of [1, 2]) {
    const pay = set.startSetPayment(crypto, wallet, {
      phUrl: 'http://127.0.0.1:8080/iotp',
      amount: '12.50',
      now,
    });
    expect(pay.c1).toContain('ProtocolId="SETv1.0"');
    expect(pay.c1).toContain('ProtocolBrandId="VISA"');
    const init = decodePInitReq(pay.pinitReq);
    expect(init).toMatchObject({ BrandID: 'VISA', 'LID-C': pay.consumerPaymentId });
    // The second payment names the credentials it already holds; the PH leaves them out.
    expect(init.Thumbs).toHaveLength(round === 1 ? 0 : 2);
    const start = await bridge.start(ctx, [pcdata(pay.pinitReq)]);
    if (start.kind !== 'continue') throw new Error(`start: ${JSON.stringify(start)}`);
    const pinitRes = JSON.parse(Buffer.from(start.schemeOut[0].value, 'base64').toString('utf8'));
    expect(pinitRes.Creds).toHaveLength(round === 1 ? 2 : 0);

    const c2 = await set.answerPInitRes(crypto, pay, p1Of(pay, start.schemeOut[0].value), now);
    expect(c2).toMatchObject({ ok: true, payId: ctx.payId });
    const preqText = set.packagedContents(c2.body as string)[0].value;
    expect(preqText).toBe(pay.preq);
    const preq = decodePReq(preqText);
    expect(preq.OIData.TransIDs.XID).toBe(pay.xid);
    expect(
      verifyBytes(
        wallet.credential.PubKey,
        dualSignatureInput(preq.PIDigest, digestOf(preq.OIData)),
        preq.DS,
      ),
    ).toBe(true);
    expect(preqText).not.toContain(VISA);
    expect(Buffer.from(preqText, 'base64').toString('utf8')).not.toContain(VISA);

    const end = await bridge.continue(ctx, start.state, [pcdata(preqText)]);
    expect(end).toMatchObject({ kind: 'end', processState: 'CompletedOk', receiptNameRefs: ['PRes'] });
    if (end.kind !== 'end') throw new Error();
    const result = await set.checkSetPaymentResponse(
      crypto,
      pay,
      p2Of(end.schemeOut[0].value, 'CompletedOk'),
    );
    expect(result).toMatchObject({
      ok: true,
      processState: 'CompletedOk',
      authCode: 'approved',
      capCode: 'success',
      presCompletionCode: 'capturePerformed',
      capturedCents: 1250,
    });
    expect(set.cardEndedAsExpected(result, VISA)).toBe(true);
    // A PRes for another payment (its Chall-C, XID, RRPID) is refused.
    const other = set.startSetPayment(crypto, wallet, { phUrl: 'http://127.0.0.1:8080/iotp', now });
    Object.assign(other, {
      xid: pay.xid,
      preqRrpid: pay.preqRrpid,
      merchantKey: pay.merchantKey,
      purchAmt: pay.purchAmt,
    });
    expect(
      (await set.checkSetPaymentResponse(crypto, other, p2Of(end.schemeOut[0].value, 'CompletedOk'))).ok,
    ).toBe(false);
  }
  expect(acq.problems).toEqual([]);
  expect(acq.seen).toHaveLength(2);
}

describe('load-tests/lib/iotp-set-like.js against the SET-like bridge code', () => {
  it('knows the simulated CA and builds JCS, thumbprints and a CA-signed cardholder credential like the bridge', async () => {
    expect(set.DEV_CA_PUBLIC).toEqual(BRIDGE_CA);
    const sample = { b: [1, 'é', { z: true, a: null }], a: 'x"y', c: undefined };
    expect(set.jcs(sample)).toBe(canonicalJson(sample));
    const wallet = await set.registerCard(crypto, { pan: VISA });
    const cred = verifyCredential(wallet.credential, BRIDGE_CA, now);
    expect(cred).toMatchObject({ CredType: 'cardholder', BrandID: 'VISA' });
    expect(wallet.credential.AcctHash).toBe(acctHash(VISA, '2030-12', wallet.panSecret));
    expect(set.thumbprint(crypto, wallet.credential)).toBe(bridgeThumbprint(wallet.credential as Credential));
    expect(set.purchAmt('0.01', 'EUR')).toEqual({ currency: '978', amount: '1', amtExp10: '-2' });
    expect(set.purchAmtCents(set.purchAmt('12.50', 'EUR'))).toBe(1250);
    expect(set.fromUtf8(set.fromB64u(set.b64u(Buffer.from('€ä𝄞'))))).toBe('€ä𝄞');
  });

  it('PInitReq → bridge PInitRes → PReq the bridge decodes and checks, EncPI the gateway opens → PRes verified', async () => {
    await bridgeRoundTrip(crypto);
  });

  it('the same with the k6 adapter (k6/crypto stand-in + Web Crypto: ECDSA, ECDH, AES-GCM)', async () => {
    Object.assign(globalThis, { __ENV: {}, __VU: 1, __ITER: 0 });
    const path = '../../load-tests/k6/set-like.js';
    const k6 = (await import(path)) as { k6SetCrypto: set.SetCrypto; CARDS: string[]; SET_AMOUNT: string };
    expect(k6.CARDS).toEqual(['4111111111111111', '5555555555554444']);
    expect(k6.SET_AMOUNT).toBe('0.01');
    await bridgeRoundTrip(k6.k6SetCrypto);
  });

  it("refuses a PInitRes that is not the PH's (tampered signature, foreign challenge) before sending card data", async () => {
    const bridge = new SetLikeBridge(demoSetLikeConfig(), new CheckingAcquirer());
    const wallet = await set.registerCard(crypto, { pan: VISA });
    const pay = set.startSetPayment(crypto, wallet, {
      phUrl: 'http://127.0.0.1:8080/iotp',
      amount: '12.50',
      now,
    });
    const start = await bridge.start(ctx, [pcdata(pay.pinitReq)]);
    if (start.kind !== 'continue') throw new Error();
    const res = JSON.parse(Buffer.from(start.schemeOut[0].value, 'base64').toString('utf8'));
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64');
    const tampered = await set.answerPInitRes(
      crypto,
      pay,
      p1Of(pay, enc({ ...res, 'Chall-M': 'AAAAAAAAAAAAAAAAAAAAAA' })),
      now,
    );
    expect(tampered).toMatchObject({ ok: false, problem: 'PInitRes signature does not verify' });
    const foreign = await set.answerPInitRes(
      crypto,
      pay,
      p1Of(pay, enc({ ...res, 'Chall-C': 'BBBBBBBBBBBBBBBBBBBBBB' })),
      now,
    );
    expect(foreign.ok).toBe(false);
    expect(pay.preq).toBeUndefined();
  });

  it('expected outcomes of the demo cards and CARDS parsing', () => {
    expect(set.expectedCardOutcome('4000000000000002')).toEqual({
      processState: 'Failed',
      completionCode: 'PaymentDecl',
      statusDesc: 'declined',
    });
    expect(set.parseCards(undefined)).toEqual(['4111111111111111', '5555555555554444']);
    expect(() => set.parseCards('1234')).toThrow('not a card number');
    expect(set.brandOfPan('5555555555554444')).toBe('MasterCard');
  });
});

describe('load-tests/lib/iotp-set-like.js through the real gateway, SET-like bridge and acquirer simulator', () => {
  let sys: SetLikeSystem;
  beforeAll(async () => {
    sys = await startSetLikeSystem();
  }, 60_000);
  afterAll(async () => {
    await sys?.stop();
  });

  const available = async (cardId: string) => {
    const { rows } = await sys.pool.query(
      `SELECT available_minor::text AS a FROM ${sys.schemas.acquirer}.cards WHERE card_id = $1`,
      [cardId],
    );
    return BigInt((rows[0] as { a: string }).a);
  };
  const post = async (body: string) => {
    const res = await fetch(sys.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/iotp; charset=utf-8' },
      body,
    });
    expect(res.status).toBe(200);
    return res.text();
  };
  async function pay(wallet: set.CardWallet, amount: string) {
    const p = set.startSetPayment(crypto, wallet, { phUrl: sys.gatewayUrl, amount });
    const c2 = await set.answerPInitRes(crypto, p, await post(p.c1));
    if (!c2.ok) throw new Error(c2.problem);
    return set.checkSetPaymentResponse(crypto, p, await post(c2.body as string));
  }
  const xidState = async (xid: string) =>
    ((await (await fetch(`${sys.acquirerUrl}/set/xid/${xid}`)).json()) as { state: string }).state;

  it('VISA and MasterCard pay (twice with one wallet): CompletedOk, PRes verified, the acquirer captured exactly the amounts', async () => {
    for (const [pan, cardId] of [
      [VISA, 'visa-approved'],
      ['5555555555554444', 'mc-approved'],
    ]) {
      const before = await available(cardId);
      const wallet = await set.registerCard(crypto, { pan });
      const results = [await pay(wallet, '12.50'), await pay(wallet, '0.01')];
      for (const r of results) {
        expect(r).toMatchObject({
          ok: true,
          processState: 'CompletedOk',
          authCode: 'approved',
          capCode: 'success',
        });
        expect(set.cardEndedAsExpected(r, pan)).toBe(true);
        expect(await xidState(r.xid as string)).toBe('captured');
      }
      expect(results.map((r) => r.capturedCents)).toEqual([1250, 1]);
      expect(before - (await available(cardId))).toBe(1251n);
    }
  }, 60_000);

  it('a declined and an expired card end Failed/PaymentDecl with a verified PRes, as the load runner expects', async () => {
    for (const pan of ['4000000000000002', '4000000000000069']) {
      const r = await pay(await set.registerCard(crypto, { pan }), '1.00');
      expect(r).toMatchObject({
        ok: true,
        processState: 'Failed',
        completionCode: 'PaymentDecl',
        capturedCents: 0,
      });
      expect(set.cardEndedAsExpected(r, pan)).toBe(true);
      expect(set.cardEndedAsExpected(r, VISA)).toBe(false);
      expect(await xidState(r.xid as string)).toBe('declined');
    }
  }, 60_000);
});
