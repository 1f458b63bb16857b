import { randomBytes } from 'node:crypto';
import type { PaymentContext } from '../../../common/src/payment-bridge';
import {
  buildPInitReq,
  buildPReq,
  checkPInitRes,
  checkPRes,
  registerCard,
  type PInitReqOut,
} from '../../../../../apps/wallet/src/schemes/set-like';
import {
  AcquirerRefusedError,
  AcquirerUnavailableError,
  type AcquirerGateway,
} from '../acquirer/acquirer.port';
import type { AuthReq, AuthRes } from '../acquirer/acquirer-wire';
import { devGatewaySigKey } from '../crypto/dev-keys';
import { signObject } from '../crypto/es256';
import { jweDecrypt } from '../crypto/jwe';
import { devGatewayKexKey } from '../crypto/dev-keys';
import { setPackagedContent } from '../messages/payload';
import { demoSetLikeConfig } from './set-like.config';
import { SetLikeBridge } from './set-like.bridge';

const ctx: PaymentContext = {
  payId: 'PH0123456789AB',
  iotpTransId: 'T1',
  brandId: 'VISA',
  protocolId: 'SETv1.0',
  protocolBrandId: 'VISA',
  amount: '12.50',
  currency: 'EUR',
  merchantOrgId: 'demo-merchant.example',
  now: new Date('2026-03-01T10:00:00Z'),
};
const rnd = (n: number) => Buffer.alloc(n, 7).map((_, i) => (i * 31 + n) & 0xff) as Buffer;

/** The acquirer answering approved (and recording what it got). */
class FakeAcquirer implements AcquirerGateway {
  readonly seen: AuthReq[] = [];
  fail?: Error;
  /** A chip card's ARPC ‖ ARC the gateway returns. */
  issuerAuthData?: string;
  async authorize(req: AuthReq): Promise<AuthRes> {
    this.seen.push(req);
    if (this.fail) throw this.fail;
    const sig = devGatewaySigKey();
    return signObject(
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
        ...(this.issuerAuthData ? { IssuerAuthData: this.issuerAuthData } : {}),
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

async function started(
  acq = new FakeAcquirer(),
  card = { pan: '4111111111111111', expiry: '2030-12' },
  credBrand?: string,
) {
  const bridge = new SetLikeBridge(demoSetLikeConfig(), acq);
  const init: PInitReqOut = buildPInitReq('VISA', 'CP01', ctx.now, randomBytes);
  const out = await bridge.start(ctx, [setPackagedContent(init.text)]);
  if (out.kind !== 'continue') throw new Error(`start: ${out.kind}`);
  const accepted = checkPInitRes(out.schemeOut[0].value, init);
  if ('problem' in accepted) throw new Error(accepted.problem);
  const wallet = registerCard(card, randomBytes, credBrand);
  const preq = (amount = '12.50') =>
    buildPReq({
      wallet,
      init,
      accepted,
      merchantId: ctx.merchantOrgId,
      amount,
      currency: 'EUR',
      od: 'b2Q=',
      brandId: 'VISA',
      now: ctx.now,
      random: randomBytes,
    });
  return { bridge, init, accepted, out, preq, acq };
}

describe('SetLikeBridge', () => {
  it('answers PInitReq with a PInitRes signed by the PH that the wallet accepts (XID, Chall-M, credentials)', async () => {
    const { out, accepted } = await started();
    if (out.kind !== 'continue') throw new Error();
    expect(out.schemeOut[0]).toMatchObject({ content: 'PCDATA', transform: 'BASE64' });
    expect(out.schemeOut[0].name).toBeUndefined();
    expect(accepted.transIds['LID-M']).toBe(ctx.payId);
    expect(out.state).toMatchObject({
      step: 'awaiting-PReq',
      XID: accepted.transIds.XID,
      challM: accepted.challM,
    });
  });

  it('refuses a PInitReq for another brand and an undecodable one', async () => {
    const bridge = new SetLikeBridge(demoSetLikeConfig(), new FakeAcquirer());
    const mc = buildPInitReq('MasterCard', 'CP01', ctx.now, rnd);
    expect(await bridge.start(ctx, [setPackagedContent(mc.text)])).toMatchObject({
      kind: 'reject',
      errorCode: 'ElInconsistent',
      attName: 'BrandId',
    });
    expect(await bridge.start(ctx, [setPackagedContent('e30=')])).toMatchObject({
      kind: 'reject',
      errorCode: 'EncapProtErr',
    });
  });

  it('completes a PReq: AuthReq with EncPI only the gateway can open, PRes Name="PRes" verified by the wallet', async () => {
    const { bridge, out, preq, acq, init, accepted } = await started();
    if (out.kind !== 'continue') throw new Error();
    const p = preq();
    const end = await bridge.continue(ctx, out.state, [setPackagedContent(p.text)]);
    expect(end).toMatchObject({ kind: 'end', processState: 'CompletedOk', receiptNameRefs: ['PRes'] });
    if (end.kind !== 'end') throw new Error();
    expect(end.schemeOut[0].name).toBe('PRes');
    expect(
      checkPRes(end.schemeOut[0].value, { init, accepted, preq: p, amount: '12.50', currency: 'EUR' }),
    ).toMatchObject({ ok: true, completionCode: 'capturePerformed' });
    const req = acq.seen[0];
    expect(JSON.stringify(req)).not.toContain('4111111111111111');
    expect(jweDecrypt(req.EncPI, devGatewayKexKey().privateKey).header.xid).toBe(accepted.transIds.XID);
    expect(JSON.stringify(end.state)).not.toContain('4111111111111111');
  });

  it('passes a chip card issuer authentication data (ARPC ‖ ARC) into the PRes, and only then', async () => {
    const auth = async (issuerAuthData?: string) => {
      const acq = new FakeAcquirer();
      acq.issuerAuthData = issuerAuthData;
      const { bridge, out, preq } = await started(acq);
      if (out.kind !== 'continue') throw new Error();
      const end = await bridge.continue(ctx, out.state, [setPackagedContent(preq().text)]);
      if (end.kind !== 'end') throw new Error(end.kind);
      const pres = JSON.parse(Buffer.from(end.schemeOut[0].value, 'base64').toString('utf8'));
      return pres.PResPayload.Results.AuthStatus as Record<string, unknown>;
    };
    expect((await auth('0123456789ABCDEF3030')).IssuerAuthData).toBe('0123456789ABCDEF3030');
    expect(Object.keys(await auth())).not.toContain('IssuerAuthData');
    expect(Object.keys(await auth('not hex'))).not.toContain('IssuerAuthData');
  });

  it('rejects a changed amount (Amount) and a MasterCard credential with VISA selected (BrandId)', async () => {
    const a = await started();
    if (a.out.kind !== 'continue') throw new Error();
    expect(
      await a.bridge.continue(ctx, a.out.state, [setPackagedContent(a.preq('1.00').text)]),
    ).toMatchObject({ errorCode: 'ElInconsistent', attName: 'Amount' });
    const b = await started(new FakeAcquirer(), { pan: '5555555555554444', expiry: '2030-12' });
    if (b.out.kind !== 'continue') throw new Error();
    expect(await b.bridge.continue(ctx, b.out.state, [setPackagedContent(b.preq().text)])).toMatchObject({
      errorCode: 'ElInconsistent',
      attName: 'BrandId',
      severity: 'HardError',
    });
    expect(b.acq.seen).toHaveLength(0);
  });

  it('answers SystemBusy when the gateway does not answer and resends the identical AuthReq next time', async () => {
    const s = await started();
    if (s.out.kind !== 'continue') throw new Error();
    const p = s.preq();
    s.acq.fail = new AcquirerUnavailableError('acquirer timed out');
    expect(await s.bridge.continue(ctx, s.out.state, [setPackagedContent(p.text)])).toMatchObject({
      kind: 'transient',
      errorCode: 'SystemBusy',
    });
    s.acq.fail = undefined;
    expect((await s.bridge.continue(ctx, s.out.state, [setPackagedContent(p.text)])).kind).toBe('end');
    const [first, second] = s.acq.seen.map(({ Sig: _s, ...rest }) => rest);
    expect(second).toEqual(first);
  });

  it('suspends when the gateway does not answer in time, keeping the AuthReq; resumptions resend it identically', async () => {
    const s = await started();
    if (s.out.kind !== 'continue') throw new Error();
    const p = s.preq();
    s.acq.fail = new AcquirerUnavailableError('acquirer timed out', true);
    const suspended = await s.bridge.continue(ctx, s.out.state, [setPackagedContent(p.text)]);
    expect(suspended).toMatchObject({ kind: 'suspend', state: { step: 'awaiting-AuthRes' } });
    if (suspended.kind !== 'suspend') throw new Error();
    expect(JSON.stringify(suspended.state)).not.toContain('4111111111111111');
    // Still no answer: stays suspended. Then the gateway answers (from its store, in reality).
    expect(await s.bridge.resume(ctx, suspended.state, [])).toMatchObject({ kind: 'suspend' });
    s.acq.fail = undefined;
    const byJanitor = await s.bridge.resume(ctx, suspended.state, []);
    const byConsumer = await s.bridge.resume(ctx, suspended.state, [setPackagedContent(p.text)]);
    expect(byJanitor).toMatchObject({ kind: 'end', processState: 'CompletedOk', receiptNameRefs: ['PRes'] });
    expect(byConsumer).toMatchObject({ kind: 'end', processState: 'CompletedOk' });
    const sent = s.acq.seen.map(({ Sig: _s, ...rest }) => rest);
    expect(new Set(sent.map((r) => JSON.stringify(r))).size).toBe(1);
    // Another PReq (a new RRPID) cannot take over the authorisation in flight.
    expect(await s.bridge.resume(ctx, suspended.state, [setPackagedContent(s.preq().text)])).toMatchObject({
      errorCode: 'ElInconsistent',
    });
  });

  it('maps a 4xx from the gateway to UnknownError HardError and a wrong challenge to EncapProtErr', async () => {
    const s = await started();
    if (s.out.kind !== 'continue') throw new Error();
    s.acq.fail = new AcquirerRefusedError(401, 'no');
    expect(await s.bridge.continue(ctx, s.out.state, [setPackagedContent(s.preq().text)])).toMatchObject({
      kind: 'reject',
      errorCode: 'UnknownError',
    });
    expect(
      await s.bridge.continue(ctx, { ...s.out.state, challM: 'AAAAAAAAAAAAAAAAAAAAAA' }, [
        setPackagedContent(s.preq().text),
      ]),
    ).toMatchObject({ errorCode: 'EncapProtErr' });
  });
});
