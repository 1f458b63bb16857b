import { randomBytes } from 'node:crypto';
import { runPayment } from '../../apps/wallet/src/lib';
import { runEPursePayment } from '../../apps/wallet/src/lib/e-purse';
import { runSetLikePayment } from '../../apps/wallet/src/lib/set-like';
import { runIssuerMicroPayment, runSmsPayment } from '../../apps/wallet/src/lib/sms-issuer';
import { PurseCard } from '../../apps/wallet/src/schemes/e-purse';
import { ChipCard, DEMO_CHIP_CARDS } from '../../apps/wallet/src/schemes/set-like';
import { describeWithKafka } from '../support/kafka-env';
import { buildDist } from './support/standalone-process';
import { startDistributed, type DistributedStack } from './support/distributed-processes';

/**
 * Every scheme in the distributed mode (what `npm run start:distributed` runs): each bridge's Payment API
 * calls travel its own Kafka topic to a payment worker process that hosts all five bridges, which reaches
 * the bank, acquirer and HSM simulators — each its own process — over HTTP and TCP.
 */
describeWithKafka('every scheme in distributed mode', (brokers) => {
  let stack: DistributedStack;
  beforeAll(async () => {
    buildDist();
    stack = await startDistributed({
      brokers,
      databaseUrl: process.env.DATABASE_URL as string,
      tag: randomBytes(4).toString('hex'),
      gateways: 1,
      workers: 1,
      allSchemes: true,
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const gatewayUrl = () => stack.gatewayUrls[0]!;

  it('hash/secret, a chip card, the e-purse, the issuer and an SMS-confirmed payment all complete', async () => {
    const hash = await runPayment({
      gatewayUrl: gatewayUrl(),
      customer: 'alice',
      amount: '1.20',
      currency: 'EUR',
    });
    expect([hash.processState, hash.receiptVerified]).toEqual(['CompletedOk', true]);

    const profile = DEMO_CHIP_CARDS.find((c) => c.cvn === 'visa-cvn10')!;
    const card = await runSetLikePayment({
      gatewayUrl: gatewayUrl(),
      card: { pan: profile.pan, expiry: '2030-12' },
      amount: '2.30',
      currency: 'EUR',
      brand: 'VISA',
      chip: new ChipCard(profile),
    });
    expect([card.processState, card.receiptVerified, card.chip?.arpc]).toEqual([
      'CompletedOk',
      true,
      'verified',
    ]);

    const purse = PurseCard.issue('EP-0005', '20');
    const ePurse = await runEPursePayment({
      gatewayUrl: gatewayUrl(),
      card: purse,
      amount: '3.40',
      currency: 'EUR',
    });
    expect([ePurse.processState, ePurse.receiptVerified, purse.balance]).toEqual([
      'CompletedOk',
      true,
      '16.6',
    ]);

    const micro = await runIssuerMicroPayment({
      gatewayUrl: gatewayUrl(),
      cardRef: 'CR-ALICE-0001',
      amount: '0.04',
      currency: 'EUR',
    });
    expect([micro.processState, micro.receiptVerified]).toEqual(['CompletedOk', true]);

    const sms = await runSmsPayment({
      gatewayUrl: gatewayUrl(),
      smsOperatorUrl: stack.bankUrl,
      msisdn: '+4915100000003',
      amount: '0.90',
      currency: 'EUR',
      answer: 'YES',
      maxPollWaitMs: 300,
    });
    expect([sms.processState, sms.receiptVerified]).toEqual(['CompletedOk', true]);
  }, 120_000);
});
