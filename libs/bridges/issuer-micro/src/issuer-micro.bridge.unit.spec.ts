import type { PaymentContext } from '../../common/src/payment-bridge';
import { IssuerMicroBridge } from './issuer-micro.bridge';
import { demoIssuerMicroConfig, demoKmio } from './issuer-micro.config';
import {
  IssuerUnavailableError,
  signMicroAuthResponse,
  verifyMicroAuthRequest,
  type IssuerOperator,
  type MicroAuthRequest,
  type MicroAuthResponse,
  type MicroDeclineReason,
} from './issuer-operator.port';
import { decodeMpAuth, decodeMpResult, encodeMpAuth } from './messages';
import { packagedContent } from './payload';

const KMIO = demoKmio('demo-merchant.example');
const ctx = (amount = '0.05'): PaymentContext => ({
  payId: 'PH000000000042',
  iotpTransId: 'T1',
  brandId: 'x-IssuerMicro',
  protocolId: 'x-IssuerMicro-1.0',
  protocolBrandId: 'IssuerMicro',
  amount,
  currency: 'EUR',
  merchantOrgId: 'demo-merchant.example',
  now: new Date('2024-05-01T10:16:02Z'),
});
const mpAuth = [packagedContent('MP-Auth', encodeMpAuth({ cardRef: 'CR-ALICE-0001' }))];

class FakeIssuer implements IssuerOperator {
  requests: MicroAuthRequest[] = [];
  decline?: MicroDeclineReason;
  down = false;
  /** Debits, then the answer is lost (the PH timed out after the request went out). */
  answerLost = false;
  tamper = false;
  async microAuth(q: MicroAuthRequest): Promise<MicroAuthResponse> {
    if (this.down) throw new IssuerUnavailableError('down');
    this.requests.push(q);
    if (this.answerLost) throw new IssuerUnavailableError('issuer timed out', true);
    const r = signMicroAuthResponse(KMIO, {
      merchantTxnId: q.merchantTxnId,
      result: this.decline ? 'declined' : 'approved',
      authId: this.decline ? 'D1' : 'A1',
      ...(this.decline ? { reason: this.decline } : {}),
      remaining: '1',
    });
    return this.tamper ? { ...r, authId: 'A2' } : r;
  }
}

describe('issuer micro-payment payloads', () => {
  it('round-trips MP-Auth and MP-Result keys', () => {
    expect(decodeMpAuth(encodeMpAuth({ cardRef: 'CR-1' }))).toEqual({ cardRef: 'CR-1' });
    expect(() => decodeMpAuth(encodeMpAuth({ cardRef: '4111 1111' }))).toThrow('"cardRef"');
  });
});

describe(IssuerMicroBridge.name, () => {
  const setup = () => {
    const issuer = new FakeIssuer();
    return { issuer, bridge: new IssuerMicroBridge(demoIssuerMicroConfig(), issuer) };
  };

  it('suspends when the issuer does not answer in time; resumptions resend the same request (answered from the ledger)', async () => {
    const { issuer, bridge } = setup();
    issuer.answerLost = true;
    const suspended = await bridge.start(ctx(), mpAuth);
    expect(suspended).toMatchObject({ kind: 'suspend', state: { step: 'awaiting-issuer' } });
    if (suspended.kind !== 'suspend') throw new Error();
    expect(await bridge.resume(ctx(), suspended.state, [])).toMatchObject({ kind: 'suspend' });
    issuer.answerLost = false;
    expect(await bridge.resume(ctx(), suspended.state, mpAuth)).toMatchObject({
      kind: 'end',
      processState: 'CompletedOk',
    });
    expect(await bridge.resume(ctx(), suspended.state, [])).toMatchObject({ processState: 'CompletedOk' });
    expect(new Set(issuer.requests.map((r) => JSON.stringify(r))).size).toBe(1);
    const other = [packagedContent('MP-Auth', encodeMpAuth({ cardRef: 'CR-BOB-0002' }))];
    expect(await bridge.resume(ctx(), suspended.state, other)).toMatchObject({ errorCode: 'ElInconsistent' });
  });

  it('authorises: a signed MicroAuthRequest keyed by the PayId, MP-Result CompletedOk as the receipt', async () => {
    const { issuer, bridge } = setup();
    const out = await bridge.start(ctx('0.050'), mpAuth);
    expect(out).toMatchObject({ kind: 'end', processState: 'CompletedOk', receiptNameRefs: ['MP-Result'] });
    expect(issuer.requests[0]).toMatchObject({
      merchantTxnId: 'PH000000000042',
      amount: '0.05',
      cardRef: 'CR-ALICE-0001',
    });
    expect(verifyMicroAuthRequest(KMIO, issuer.requests[0])).toBe(true);
    if (out.kind === 'end')
      expect(decodeMpResult(out.schemeOut[0].value)).toEqual({ authId: 'A1', status: 'CompletedOk' });
  });

  it.each([
    ['InsufficientBalance', 'InsuffFunds'],
    ['DailyLimitReached', 'InsuffFunds'],
    ['OverPaymentLimit', 'Unspecified'],
    ['CardBlocked', 'Unspecified'],
  ] as const)('declines %s as Failed/%s without a receipt', async (reason, code) => {
    const { issuer, bridge } = setup();
    issuer.decline = reason;
    const out = await bridge.start(ctx(), mpAuth);
    expect(out).toMatchObject({ kind: 'end', processState: 'Failed', completionCode: code });
    if (out.kind === 'end') expect(out.receiptNameRefs).toBeUndefined();
  });

  it('answers SystemBusy when the issuer is down or its answer is not authentic', async () => {
    const { issuer, bridge } = setup();
    issuer.down = true;
    expect(await bridge.start(ctx(), mpAuth)).toMatchObject({ kind: 'transient', errorCode: 'SystemBusy' });
    issuer.down = false;
    issuer.tamper = true;
    expect(await bridge.start(ctx(), mpAuth)).toMatchObject({ kind: 'transient' });
  });

  it('rejects a malformed MP-Auth and any Payment Exchange', async () => {
    const { bridge } = setup();
    expect(await bridge.start(ctx(), [packagedContent('MP-Auth', 'e30=')])).toMatchObject({
      errorCode: 'EncapProtErr',
    });
    expect(await bridge.continue()).toMatchObject({ errorCode: 'ElUnexpected' });
  });
});
