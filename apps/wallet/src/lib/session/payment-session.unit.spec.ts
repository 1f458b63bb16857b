import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROFILE_C2, PROFILE_P1, PROFILE_P2 } from '../__fixtures__/profile-6-1';
import { C1_NA, editPayload, GATEWAY, payloadText } from '../__fixtures__/read-fixture';
import { IotpHttpClient } from '../http/iotp-http-client';
import { DemoMerchant } from '../merchant/demo-merchant';
import { PaymentSession } from './payment-session';

/**
 * Not a gateway: a node:http server that replays the PH's messages of profile §6.1 in order, so the
 * session's own bytes, checks and bookkeeping can be tested with the worked example's inputs.
 */
async function replay(answers: { status: number; body?: string }[]) {
  const received: Buffer[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(Buffer.concat(chunks));
      const a = answers.shift() ?? { status: 500 };
      if (a.body === undefined) res.writeHead(a.status).end();
      else res.writeHead(a.status, { 'content-type': 'application/iotp; charset=utf-8' }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new IotpHttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/iotp`);
  const close = async () => {
    client.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { client, received, close };
}

const NC = JSON.parse(Buffer.from(payloadText(PROFILE_C2, 'HS-Pay'), 'base64').toString('utf8')).nC as string;

/** The session of profile §6.1: fixed offer, clock and random numbers. */
function section61Session(client: IotpHttpClient) {
  const randoms = [Buffer.from(C1_NA, 'hex'), Buffer.from(NC, 'hex')];
  const times = ['2024-05-01T10:15:30.700Z', '2024-05-01T10:15:31.050Z'];
  return new PaymentSession({
    client,
    merchant: new DemoMerchant({ gatewayUrl: GATEWAY }),
    customer: 'alice',
    amount: '12.50',
    currency: 'EUR',
    offer: {
      iotpTransId: '20240501101530.e2780c0935b324b6@demo-merchant.example',
      transTimeStamp: new Date('2024-05-01T10:15:30.350Z'),
      orderId: 'ORD-9454f92b',
    },
    now: () => new Date(times.shift() ?? '2024-05-01T10:15:32.000Z'),
    random: (n) => randoms.shift() ?? randomBytes(n),
  });
}

describe(PaymentSession.name, () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('runs the payment of profile §6.1 and verifies its receipt', async () => {
    const r = await replay([
      { status: 200, body: PROFILE_P1 },
      { status: 200, body: PROFILE_P2 },
    ]);
    close = r.close;
    const session = section61Session(r.client);
    const p1 = await session.paymentRequest({ consumerPaymentId: 'CP21906fba3660' });
    expect(p1.kind).toBe('exchange');
    const result = await session.pay();
    expect(result).toMatchObject({
      iotpTransId: '20240501101530.e2780c0935b324b6@demo-merchant.example',
      transTimeStamp: '2024-05-01T10:15:30.350Z',
      paymentRef: 'M1.20',
      payId: 'PHW2RHZ07D0Z6M',
      processState: 'CompletedOk',
      statusDesc: 'Payment completed',
      receiptVerified: true,
      receiptSignatureVerified: true,
      balance: '999987.50',
      balanceCurrency: 'EUR',
      problems: [],
    });
    expect(r.received[1].toString('utf8')).toContain(payloadText(PROFILE_C2, 'HS-Pay')); // C2's HS-Pay, exactly
    expect(result.hsPay).toMatchObject({ nC: NC, y: 'PHW2RHZ07D0Z6M' });
    expect(session.steps.map((s) => `${s.direction} ${s.msgId} ${s.summary}`)).toEqual([
      '→ C1 Payment Request  EUR 12.50  x-DemoHashPay  (alice)',
      '← P1 Payment Exchange  HS-Challenge  PaymentHandlerPayId=PHW2RHZ07D0Z6M',
      '→ C2 Payment Exchange  HS-Pay',
      '← P2 Payment Response  CompletedOk  receipt verified  signature verified  balance 999987.50 EUR',
    ]);
  });

  it('cancels with Unspecified instead of paying when a_M does not verify', async () => {
    const challenge = payloadText(PROFILE_P1, 'HS-Challenge');
    const badP1 = PROFILE_P1.replace(challenge, editPayload(challenge, 'aM', 'ab'.repeat(32)));
    const r = await replay([{ status: 200, body: badP1 }, { status: 204 }]);
    close = r.close;
    const session = section61Session(r.client);
    await session.paymentRequest({ consumerPaymentId: 'CP21906fba3660' });
    const result = await session.pay();
    expect(result).toMatchObject({
      processState: 'Failed',
      completionCode: 'Unspecified',
      problems: ['merchant authentication failed'],
      receiptVerified: false,
    });
    const cancel = r.received[1].toString('utf8');
    expect(cancel).toContain('<CancelBlk ID="C2.2">');
    expect(cancel).toMatch(/CompletionCode="Unspecified" ProcessReference="PHW2RHZ07D0Z6M"/);
    expect(cancel).not.toContain('HS-Pay');
  });

  it('resends the exact bytes of an earlier message and inquires with I1', async () => {
    const r = await replay([
      { status: 200, body: PROFILE_P1 },
      { status: 200, body: PROFILE_P1 },
      { status: 204 },
    ]);
    close = r.close;
    const session = section61Session(r.client);
    await session.paymentRequest({ consumerPaymentId: 'CP21906fba3660' });
    expect((await session.resend('C1')).kind).toBe('exchange');
    expect(r.received[1].equals(r.received[0])).toBe(true);
    await session.inquire();
    const i1 = r.received[2].toString('utf8');
    expect(i1).toContain('IotpTransType="BaselineInquiry" TransTimeStamp="2024-05-01T10:15:30.350Z"');
    expect(i1).toContain(
      '<InquiryType ID="I1.4" Type="Payment" ElRef="M1.20" ProcessReference="PHW2RHZ07D0Z6M"/>',
    );
  });
});
