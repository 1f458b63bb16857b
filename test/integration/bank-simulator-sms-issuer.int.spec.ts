import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  demoKmio,
  HttpIssuerOperator,
  signMicroAuthRequest,
  verifyMicroAuthResponse,
  type MicroAuthRequest,
} from '@ph/bridges/issuer-micro';
import { HttpSmsOperator, SmsOperatorUnavailableError } from '@ph/bridges/sms-confirm';
import { createBankSimulatorApp } from '../../apps/bank-simulator/src';
import { createTestSchema, type TestSchema } from '../support/database';
import { PreciseDecimal } from '@ph/money';

jest.setTimeout(30_000);

const M = 'demo-merchant.example';
const KMIO = demoKmio(M);
let txn = 0;
const auth = (cardRef: string, amount: string, over: Partial<MicroAuthRequest> = {}): MicroAuthRequest =>
  signMicroAuthRequest(KMIO, {
    merchantId: M,
    merchantTxnId: `PH${String(++txn).padStart(12, '0')}`,
    cardRef,
    amount,
    currency: 'EUR',
    productId: 'song-42',
    timestamp: new Date().toISOString(),
    ...over,
  });

describe('bank simulator: SMS operator and Issuer Operator on PostgreSQL', () => {
  let db: TestSchema;
  let app: NestFastifyApplication;
  let base: string;
  beforeAll(async () => {
    db = await createTestSchema('sms_issuer');
    app = await createBankSimulatorApp({ pool: db.pool, schema: db.schema });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  describe('SMS operator', () => {
    const operator = () => new HttpSmsOperator({ baseUrl: base, timeoutMs: 1000 });

    it('sends from a booked TPOA once per clientRef, shows it in the phone outbox, routes the reply back', async () => {
      const since = new Date(Date.now() - 1000);
      const a = await operator().send({
        from: 'IOTP-PH',
        to: '+4915100000001',
        text: 'offer 1 YES ABC',
        clientRef: 'SO-1',
      });
      const b = await operator().send({
        from: 'IOTP-PH',
        to: '+4915100000001',
        text: 'offer 1 YES ABC',
        clientRef: 'SO-1',
      });
      expect(b.messageId).toBe(a.messageId);
      const outbox = (await (await fetch(`${base}/sms/outbox?to=%2B4915100000001`)).json()) as {
        messages: { text: string; from: string }[];
      };
      expect(outbox.messages.filter((m) => m.text === 'offer 1 YES ABC')).toHaveLength(1);
      expect((await post('/sms/inbound', { from: '+4915100000001', text: 'YES ABC' })).status).toBe(200);
      const inbox = await operator().inbox('IOTP-PH', since);
      expect(inbox.map((m) => [m.from, m.text])).toContainEqual(['+4915100000001', 'YES ABC']);
    });

    it('refuses an unbooked TPOA, a reply with no reply path and a malformed number', async () => {
      await expect(
        operator().send({ from: 'EVIL', to: '+4915100000001', text: 'x', clientRef: 'c' }),
      ).rejects.toBeInstanceOf(SmsOperatorUnavailableError);
      expect((await post('/sms/inbound', { from: '+4915199999999', text: 'YES X' })).status).toBe(404);
      expect((await post('/sms/inbound', { from: '0151', text: 'YES X' })).status).toBe(400);
    });

    it('simulates latency and outage', async () => {
      await post('/sms/admin', { latencyMs: 300 });
      const t0 = Date.now();
      await operator().inbox('IOTP-PH', new Date());
      expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
      await post('/sms/admin', { latencyMs: 0, down: true });
      await expect(operator().inbox('IOTP-PH', new Date())).rejects.toBeInstanceOf(
        SmsOperatorUnavailableError,
      );
      await post('/sms/admin', { down: false });
    });
  });

  describe('Issuer Operator', () => {
    const issuer = () => new HttpIssuerOperator({ baseUrl: base, timeoutMs: 1000 });
    const card = async (ref: string) =>
      (await (await fetch(`${base}/issuer/cards/${ref}`)).json()) as Record<string, string>;

    it('approves, debits, answers a duplicate identically (one debit) and signs with K_MIO', async () => {
      const q = auth('CR-ALICE-0001', '0.1');
      const first = await issuer().microAuth(q);
      expect(first).toMatchObject({ result: 'approved', merchantTxnId: q.merchantTxnId });
      expect(verifyMicroAuthResponse(KMIO, first)).toBe(true);
      const { mac: _mac, ...fields } = q;
      const again = await issuer().microAuth(
        signMicroAuthRequest(KMIO, { ...fields, timestamp: new Date(Date.now() + 5000).toISOString() }),
      );
      expect(again).toEqual(first);
      const other = await issuer().microAuth(
        auth('CR-ALICE-0001', '0.2', { merchantTxnId: q.merchantTxnId }),
      );
      expect(other).toMatchObject({ result: 'declined', reason: 'DuplicateTxn' });
      expect((await card('CR-ALICE-0001')).balance).toBe('49.9');
    });

    it('declines over the per-payment limit, over the daily limit, insufficient balance, unknown and blocked cards', async () => {
      expect(await issuer().microAuth(auth('CR-ALICE-0001', '2.01'))).toMatchObject({
        reason: 'OverPaymentLimit',
      });
      expect(await issuer().microAuth(auth('CR-BOB-0001', '0.51'))).toMatchObject({
        reason: 'InsufficientBalance',
      });
      expect(await issuer().microAuth(auth('CR-NOBODY', '0.01'))).toMatchObject({ reason: 'UnknownCard' });
      expect(await issuer().microAuth(auth('CR-CAROL-0001', '0.01'))).toMatchObject({
        reason: 'CardBlocked',
      });
      for (let i = 0; i < 9; i++) await issuer().microAuth(auth('CR-ALICE-0001', '2'));
      const last = await issuer().microAuth(auth('CR-ALICE-0001', '2'));
      expect(last).toMatchObject({ result: 'declined', reason: 'DailyLimitReached', remaining: '1.9' });
    });

    it('aggregates the approved micro-payments into one settlement record per card per day', async () => {
      const { settlements } = (await (await fetch(`${base}/issuer/settlements/CR-ALICE-0001`)).json()) as {
        settlements: { total: string; payments: number }[];
      };
      expect(settlements).toHaveLength(1);
      expect(settlements[0]).toMatchObject({ total: '18.1', payments: 10 });
    });

    it('applies concurrent identical requests once', async () => {
      const before = (await card('CR-BOB-0001')).balance;
      const q = auth('CR-BOB-0001', '0.001');
      const answers = await Promise.all([1, 2, 3, 4].map(() => issuer().microAuth(q)));
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect(new PreciseDecimal(before).minus((await card('CR-BOB-0001')).balance).toFixed()).toBe('0.001');
    });

    it('refuses a wrong MAC with 401 and is unavailable during an outage', async () => {
      const bad = { ...auth('CR-ALICE-0001', '0.01'), mac: '00'.repeat(32) };
      expect((await post('/issuer/micro-auth', bad)).status).toBe(401);
      await post('/issuer/admin', { down: true });
      await expect(issuer().microAuth(auth('CR-ALICE-0001', '0.01'))).rejects.toMatchObject({
        kind: 'IssuerUnavailable',
      });
      await post('/issuer/admin', { down: false });
    });
  });
});
