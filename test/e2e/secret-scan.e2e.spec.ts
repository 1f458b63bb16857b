import { EPurseSession } from '../../apps/wallet/src/lib/e-purse';
import { PurseCard } from '../../apps/wallet/src/schemes/e-purse';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  PaymentSession,
  SetLikeSession,
  runPayment,
  type IotpAnswer,
  type SessionStep,
} from '../../apps/wallet/src/lib';
import {
  SchemeSession,
  SimulatedPhone,
  jsonContent,
  runIssuerMicroPayment,
  runSmsPayment,
} from '../../apps/wallet/src/lib/sms-issuer';
import { KNOWN_BRANDS } from '../../apps/wallet/src/lib/merchant/offer-brands';
import { buildPInitReq, ChipCard, DEMO_CHIP_CARDS } from '../../apps/wallet/src/schemes/set-like';
import { buildSmsStart } from '../../apps/wallet/src/schemes/sms-confirm/sms-payloads';
import { buildMpAuth } from '../../apps/wallet/src/schemes/issuer-micro/mp-payloads';
import { captureLogs, startFullSystem, type CapturedLogs, type FullSystem } from './support/full-system';
import {
  SecretScanner,
  answerItems,
  cardNumber,
  demoSecrets,
  describeFindings,
  eventItems,
  logItems,
  privateScalar,
  tableCount,
  tableItems,
  type ScanItem,
  type Secret,
} from './support/secret-scan';

jest.setTimeout(240_000);

const VISA = { pan: '4111111111111111', expiry: '2030-12' };
const INSUFFICIENT = { pan: '4000000000009995', expiry: '2030-12' };
const MASTERCARD = { pan: '5555555555554444', expiry: '2030-12' };
const ALICE_PHONE = '+4915100000001';

const errorCode = (a: IotpAnswer) => (a.kind === 'error' ? a.block.errorComps[0]?.errorCode : undefined);
/** Scheme payloads travel base64-encoded (profile §3.2). */
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * Issue 5, "Done when": no full card number, PIN block in clear, key or customer secret in any log,
 * event, projection or error text. The whole system runs every scheme through a success, a decline,
 * bad input and an outage (and a time-out where the simulator has one), with every log line captured at
 * `trace`; then every log line, every event of $all, every row of the event-store, read-model and
 * acquirer schemas and every answer the wallets got is scanned.
 */
describe('secret scan of logs, events, read models and error texts', () => {
  let sys: FullSystem;
  let logs: CapturedLogs;
  let releaseConsole: () => void = () => undefined;
  /** What the wallets received, per payment. */
  const answers: ScanItem[] = [];
  /** Secrets that exist only at run time (cardholder keys, PANSecrets, SMS reply codes). */
  const runtimeSecrets: Secret[] = [];
  const record = (label: string, steps: readonly SessionStep[]) => answers.push(...answerItems(label, steps));

  beforeAll(async () => {
    logs = captureLogs('e2e-secret-scan');
    // The capture keeps the production logger's redaction (probe through a child, then dropped).
    logs.logger.child({ probe: true }).trace({ card: { pan: VISA.pan } }, 'redaction probe');
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toContain('"pan":"[redacted]"');
    expect(logs.logger.level).toBe('trace');
    logs.lines.length = 0;
    releaseConsole = logs.captureConsole();
    sys = await startFullSystem({
      logger: logs.logger,
      acquirerTimeoutMs: 700,
      smsTimeoutMs: 700,
      issuerTimeoutMs: 700,
      centreTimeoutMs: 700,
      smsPollAfterSecs: 1,
    });
  });
  afterAll(async () => {
    await sys?.stop();
    releaseConsole();
  });

  const setLike = (label: string, session: SetLikeSession) => {
    runtimeSecrets.push(
      { name: `cardholder private key (${label})`, kind: 'key', bytes: privateScalar(session.wallet.key) },
      { name: `PANSecret (${label})`, kind: 'customer secret', text: session.wallet.panSecret },
    );
    return session;
  };

  describe('runs every scheme', () => {
    it('hash/secret: success, decline, wrong MAC, malformed HS-Init, bank outage', async () => {
      const ok = await runPayment({
        gatewayUrl: sys.gatewayUrl,
        customer: 'alice',
        amount: '12.50',
        currency: 'EUR',
      });
      record('hash ok', ok.steps);
      expect(ok.processState).toBe('CompletedOk');

      const declined = await runPayment({
        gatewayUrl: sys.gatewayUrl,
        customer: 'carol',
        amount: '3.00',
        currency: 'EUR',
      });
      record('hash declined', declined.steps);
      expect(declined.completionCode).toBe('InsuffFunds');

      const badMac = new PaymentSession({
        gatewayUrl: sys.gatewayUrl,
        customer: 'bob',
        amount: '1.00',
        currency: 'EUR',
      });
      await badMac.paymentRequest();
      const badMacResult = await badMac.pay({ tamper: 'aC' });
      record('hash bad aC', badMac.steps);
      expect(badMacResult.completionCode).toBe('AuthError');
      await badMac.inquire();
      record('hash bad aC', badMac.steps.slice(-1));

      // A broken wallet that puts its pass phrase into HS-Init: it must not come back or be kept.
      const malformed = new SchemeSession({
        gatewayUrl: sys.gatewayUrl,
        amount: '1.00',
        currency: 'EUR',
        brand: KNOWN_BRANDS['x-DemoHashPay'],
      });
      const answer = await malformed.paymentRequest(
        jsonContent(
          'HS-Init',
          b64('{"type":"HS-Init","v":1,"C":"alice","p":"alice-dev-passphrase","nA":"zz"}'),
        ),
        'Payment Request  malformed HS-Init',
      );
      record('hash malformed', malformed.steps);
      expect(errorCode(answer)).toBe('EncapProtErr');

      const outage = new PaymentSession({
        gatewayUrl: sys.gatewayUrl,
        customer: 'alice',
        amount: '4.00',
        currency: 'EUR',
      });
      await outage.paymentRequest();
      await sys.control('bank', '/admin/outage', { down: true });
      try {
        const busy = await outage.pay();
        expect(busy.errorCode).toBe('SystemBusy');
      } finally {
        await sys.control('bank', '/admin/outage', { down: false });
      }
      const after = outage.resultOf(await outage.resend('C2'));
      record('hash outage', outage.steps);
      expect(after.processState).toBe('CompletedOk');
    });

    it('SET-like: success (VISA, MasterCard), decline, brand mismatch, clear PAN in a malformed PReq, outage, time-out', async () => {
      const visa = setLike(
        'visa',
        new SetLikeSession({ gatewayUrl: sys.gatewayUrl, card: VISA, amount: '12.50', currency: 'EUR' }),
      );
      const ok = await visa.pay(await visa.paymentRequest());
      record('set visa', ok.steps);
      expect(ok.processState).toBe('CompletedOk');

      const mc = setLike(
        'mc',
        new SetLikeSession({ gatewayUrl: sys.gatewayUrl, card: MASTERCARD, amount: '20', currency: 'EUR' }),
      );
      record('set mc', (await mc.pay(await mc.paymentRequest())).steps);

      // Chip cards: the ARQC through the HSM (KQ), approved with an ARPC, and a wrong ARQC declined.
      for (const [profile, tamperArqc] of [
        [DEMO_CHIP_CARDS[0], false],
        [DEMO_CHIP_CARDS[1], true],
      ] as const) {
        const chip = setLike(
          `chip ${profile.cvn}`,
          new SetLikeSession({
            gatewayUrl: sys.gatewayUrl,
            card: { pan: profile.pan, expiry: '2030-12' },
            amount: '6.00',
            currency: 'EUR',
            chip: new ChipCard(profile),
            tamperArqc,
          }),
        );
        const paid = await chip.pay(await chip.paymentRequest());
        record(`set chip ${profile.cvn}`, paid.steps);
        expect(paid.processState).toBe(tamperArqc ? 'Failed' : 'CompletedOk');
      }

      const insuff = setLike(
        'insufficient',
        new SetLikeSession({
          gatewayUrl: sys.gatewayUrl,
          card: INSUFFICIENT,
          amount: '12.50',
          currency: 'EUR',
        }),
      );
      const declined = await insuff.pay(await insuff.paymentRequest());
      record('set declined', declined.steps);
      expect(declined.completionCode).toBe('PaymentDecl');

      const mismatch = setLike(
        'mismatch',
        new SetLikeSession({
          gatewayUrl: sys.gatewayUrl,
          card: MASTERCARD,
          amount: '5.00',
          currency: 'EUR',
          brand: 'VISA',
        }),
      );
      const refused = await mismatch.pay(await mismatch.paymentRequest());
      record('set brand mismatch', refused.steps);
      expect(refused.answer.kind).toBe('error');

      // A broken wallet sends the card data unencrypted: the PH must neither echo nor keep them.
      const clear = new SchemeSession({
        gatewayUrl: sys.gatewayUrl,
        amount: '3.00',
        currency: 'EUR',
        brand: KNOWN_BRANDS.VISA,
      });
      const init = buildPInitReq('VISA', clear.consumerPaymentId, new Date(), (n) => Buffer.alloc(n, 7));
      const p1 = await clear.paymentRequest(
        { content: 'PCDATA', transform: 'BASE64', value: init.text },
        'PInitReq',
      );
      if (p1.kind === 'exchange') {
        const p2 = await clear.exchange(
          {
            content: 'PCDATA',
            transform: 'BASE64',
            value: b64(
              JSON.stringify({
                ver: 'SETLIKE/1',
                msg: 'PReq',
                PANData: { PAN: VISA.pan, CardExpiry: '203012', PANSecret: 'clear-pan-secret-xyz' },
                EncPI: `not encrypted: ${VISA.pan}`,
              }),
            ),
          },
          'PReq with PAN in clear',
        );
        expect(errorCode(p2)).toBe('EncapProtErr');
      }
      record('set clear PAN', clear.steps);
      runtimeSecrets.push({
        name: 'PANSecret sent in clear',
        kind: 'customer secret',
        text: 'clear-pan-secret-xyz',
      });

      const outage = setLike(
        'outage',
        new SetLikeSession({ gatewayUrl: sys.gatewayUrl, card: VISA, amount: '7.25', currency: 'EUR' }),
      );
      const exchange = await outage.paymentRequest();
      await sys.control('acquirer', '/admin/outage', { down: true });
      try {
        expect((await outage.pay(exchange)).errorCode).toBe('SystemBusy');
      } finally {
        await sys.control('acquirer', '/admin/outage', { down: false });
      }
      const resumed = outage.resultOf(await outage.resend('C2'));
      record('set outage', outage.steps);
      expect(resumed.processState).toBe('CompletedOk');

      // Time-out: the acquirer answers after the bridge gave up (SystemBusy or a suspension, depending
      // on the build); the scan only needs the path to have run.
      await sys.control('acquirer', '/admin/cards/mc-approved', { delayMs: 1500 }, 'PUT');
      const slow = setLike(
        'slow',
        new SetLikeSession({ gatewayUrl: sys.gatewayUrl, card: MASTERCARD, amount: '6.00', currency: 'EUR' }),
      );
      try {
        await slow.pay(await slow.paymentRequest());
        await sleep(1500);
      } finally {
        await sys.control('acquirer', '/admin/cards/mc-approved', { delayMs: 0 }, 'PUT');
      }
      await slow.resend('C2');
      record('set time-out', slow.steps);
    });

    it('SMS confirmation: YES, NO, malformed SMS-Start, operator outage, operator time-out', async () => {
      const sms = (answer: 'YES' | 'NO', msisdn = ALICE_PHONE) =>
        runSmsPayment({
          gatewayUrl: sys.gatewayUrl,
          smsOperatorUrl: sys.bankUrl,
          msisdn,
          amount: '4.20',
          currency: 'EUR',
          answer,
          maxPollWaitMs: 300,
          busyWaitMs: 500,
          busyRetries: 20,
        });
      const ok = await sms('YES');
      record('sms yes', ok.steps);
      expect(ok.processState).toBe('CompletedOk');
      const no = await sms('NO');
      record('sms no', no.steps);
      expect(no.completionCode).toBe('ConsCancelled');

      const bad = new SchemeSession({
        gatewayUrl: sys.gatewayUrl,
        amount: '1.00',
        currency: 'EUR',
        brand: KNOWN_BRANDS['x-SmsConfirm'],
      });
      const badMsisdn = await bad.paymentRequest(
        jsonContent('SMS-Start', b64('{"type":"SMS-Start","v":1,"msisdn":"0049-not-e164"}')),
        'bad SMS-Start',
      );
      expect(errorCode(badMsisdn)).toBe('EncapProtErr');
      await bad.paymentRequest(jsonContent('SMS-Start', b64('{"type":"SMS-Start",')), 'truncated SMS-Start');
      record('sms malformed', bad.steps);

      await sys.control('bank', '/sms/admin', { down: true });
      const timer = setTimeout(() => void sys.control('bank', '/sms/admin', { down: false }), 1000);
      try {
        const outage = await sms('YES', '+4915100000002');
        record('sms outage', outage.steps);
        expect(outage.busyRetries).toBeGreaterThan(0);
      } finally {
        clearTimeout(timer);
        await sys.control('bank', '/sms/admin', { down: false });
      }

      await sys.control('bank', '/sms/admin', { latencyMs: 1200 });
      const slow = new SchemeSession({
        gatewayUrl: sys.gatewayUrl,
        amount: '1.00',
        currency: 'EUR',
        brand: KNOWN_BRANDS['x-SmsConfirm'],
      });
      try {
        await slow.paymentRequest(
          jsonContent('SMS-Start', buildSmsStart('+4915100000003')),
          'SMS-Start (slow operator)',
        );
      } finally {
        await sys.control('bank', '/sms/admin', { latencyMs: 0 });
      }
      await sleep(800);
      await slow.resend();
      record('sms time-out', slow.steps);

      // The reply codes the phones received are one-time customer secrets: never logged or kept by the PH.
      for (const msisdn of [ALICE_PHONE, '+4915100000002', '+4915100000003']) {
        for (const m of await new SimulatedPhone(sys.bankUrl, msisdn).messages()) {
          const k = /Reply YES (\S+)/.exec(m.text)?.[1];
          if (k)
            runtimeSecrets.push({ name: `SMS reply code to ${msisdn}`, kind: 'customer secret', text: k });
        }
      }
      expect(runtimeSecrets.some((s) => s.name.startsWith('SMS reply code'))).toBe(true);
    });

    it('issuer micro-payments: success, declines, malformed MP-Auth, issuer outage, issuer time-out', async () => {
      const micro = (cardRef: string, amount: string) =>
        runIssuerMicroPayment({ gatewayUrl: sys.gatewayUrl, cardRef, amount, currency: 'EUR' });
      const ok = await micro('CR-ALICE-0001', '0.05');
      record('micro ok', ok.steps);
      expect(ok.processState).toBe('CompletedOk');
      const insuff = await micro('CR-BOB-0001', '0.75');
      record('micro insuff', insuff.steps);
      expect(insuff.completionCode).toBe('InsuffFunds');
      record('micro blocked', (await micro('CR-CAROL-0001', '0.10')).steps);
      record('micro unknown card', (await micro('CR-NOBODY-0001', '0.10')).steps);

      const bad = new SchemeSession({
        gatewayUrl: sys.gatewayUrl,
        amount: '0.10',
        currency: 'EUR',
        brand: KNOWN_BRANDS['x-IssuerMicro'],
      });
      // A card number where the card token belongs: refused, never kept (bridge state) or passed on.
      const pan = await bad.paymentRequest(
        jsonContent('MP-Auth', buildMpAuth(VISA.pan)),
        'MP-Auth with a PAN',
      );
      expect(errorCode(pan)).toBe('EncapProtErr');
      record('micro malformed', bad.steps);

      await sys.control('bank', '/issuer/admin', { down: true });
      let outage;
      try {
        outage = await micro('CR-ALICE-0001', '0.06');
        expect(outage.errorCode).toBe('SystemBusy');
      } finally {
        await sys.control('bank', '/issuer/admin', { down: false });
      }
      expect((await outage.session.resend()).kind).toBe('response');
      record('micro outage', outage.session.steps);

      await sys.control('bank', '/issuer/admin', { latencyMs: 1200 });
      let slow;
      try {
        slow = await micro('CR-ALICE-0001', '0.07');
      } finally {
        await sys.control('bank', '/issuer/admin', { latencyMs: 0 });
      }
      await sleep(800);
      await slow.session.resend();
      record('micro time-out', slow.session.steps);
    });

    it('e-purse: success, blocked purse, bad purse MAC, HSM outage, clearing centre time-out', async () => {
      const purse = (id: string, balance = '100') => PurseCard.issue(id, balance);
      const session = (card: PurseCard, amount: string) =>
        new EPurseSession({ gatewayUrl: sys.gatewayUrl, card, amount, currency: 'EUR' });
      const ep1 = purse('EP-0001');
      const ok = session(ep1, '1.20');
      expect((await ok.pay(await ok.paymentRequest())).processState).toBe('CompletedOk');
      record('e-purse ok', ok.steps);
      const blocked = session(purse('EP-0002'), '1.00');
      expect((await blocked.pay(await blocked.paymentRequest())).completionCode).toBe('BadInstrument');
      record('e-purse blocked', blocked.steps);
      const badMac = session(ep1, '1.30');
      expect((await badMac.pay(await badMac.paymentRequest(), 'bad-mac')).completionCode).toBe('AuthError');
      record('e-purse bad MAC', badMac.steps);

      const down = session(ep1, '1.40');
      sys.hsm.controls.setOutage('refuse');
      try {
        expect((await down.paymentRequest()).kind).toBe('error');
      } finally {
        sys.hsm.controls.setOutage('none');
      }
      expect((await down.pay(await down.resend('C1'))).processState).toBe('CompletedOk');
      record('e-purse HSM outage', down.steps);

      const late = session(ep1, '1.50');
      const p1 = await late.paymentRequest();
      await sys.control('bank', '/clearing-centre/admin', { latencyMs: 1200 });
      try {
        expect((await late.pay(p1)).errorCode).toBe('SystemBusy');
      } finally {
        await sys.control('bank', '/clearing-centre/admin', { latencyMs: 0 });
      }
      await sleep(800);
      expect(late.resultOf(await late.resend('C2')).processState).toBe('CompletedOk');
      record('e-purse time-out', late.steps);
    });

    it('hostile input carrying a card number and a pass phrase at POST /iotp', async () => {
      for (const body of [
        `<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0"><Pan>${VISA.pan}</Pan>`,
        `not xml at all: card ${MASTERCARD.pan} pass phrase alice-dev-passphrase`,
      ]) {
        const res = await fetch(sys.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/iotp; charset=utf-8' },
          body,
        });
        answers.push({ source: `answer to hostile POST (HTTP ${res.status})`, text: await res.text() });
      }
    });
  });

  describe('scan', () => {
    let items: ScanItem[];
    let scanner: SecretScanner;

    beforeAll(async () => {
      await sleep(1500); // the projector catches up with the last events
      const secrets = [
        ...demoSecrets(),
        ...runtimeSecrets,
        cardNumber(VISA.pan),
        cardNumber(INSUFFICIENT.pan),
        cardNumber(MASTERCARD.pan),
      ];
      scanner = new SecretScanner(secrets);
      const events = await eventItems(sys.store);
      const esTables = await tableItems(sys.pool, sys.schemas.eventStore);
      const rmTables = await tableItems(sys.pool, sys.schemas.readModels);
      const acqTables = await tableItems(sys.pool, sys.schemas.acquirer);
      items = [...logItems(logs.lines), ...events, ...esTables, ...rmTables, ...acqTables, ...answers];
      // The scan saw something of every kind (the system logs little: warnings and errors only).
      expect(logs.lines.length).toBeGreaterThan(0);
      expect(logs.lines.some((l) => l.includes('simulated bank outage'))).toBe(true);
      expect(events.length).toBeGreaterThan(50);
      expect(await tableCount(sys.pool, sys.schemas.readModels)).toBeGreaterThan(0);
      expect(rmTables.length).toBeGreaterThan(10);
      expect(answers.length).toBeGreaterThan(40);
      expect(runtimeSecrets.length).toBeGreaterThan(8);
    });

    it('finds no card number, key, pass phrase or customer secret anywhere', () => {
      const findings = scanner.scan(items);
      expect(describeFindings(findings)).toBe('');
    });

    it('self-check: reports secrets planted in a copy of the captured data', () => {
      const pick = (prefix: string) => {
        const i = items.findIndex((x) => x.source.startsWith(prefix));
        expect(i).toBeGreaterThanOrEqual(0);
        return items[i];
      };
      const log = pick('log line');
      const event = pick('event ');
      const row = pick(`table ${sys.schemas.readModels}.`);
      const answer = pick('answer ');
      const kcmAlice = 'a7ca55c73416a5945ae4381f938544dfc73784975bbe758a2786719492e0e8de';
      const merchantKeyB64 = Buffer.from(
        'f10ac7a575421f85be5e40a8f4dc3f4a1527251ccc13aa4a776c841589fbae26',
        'hex',
      ).toString('base64');
      const cardholder = runtimeSecrets.find((s) => s.name.startsWith('cardholder private key'))!;
      const planted: ScanItem[] = [
        {
          source: 'planted log (K_CM hex, upper case)',
          text: log.text.replace('{', `{"k":"${kcmAlice.toUpperCase()}",`),
        },
        { source: 'planted event (known PAN)', text: event.text.replace('{', `{"note":"card ${VISA.pan}",`) },
        { source: 'planted row (unknown Luhn-valid PAN)', text: `${row.text} 4012888888881881` },
        { source: 'planted answer (merchant key base64)', text: `${answer.text}<x>${merchantKeyB64}</x>` },
        {
          source: 'planted blob (cardholder key inside base64 JSON)',
          text: Buffer.from(JSON.stringify({ d: cardholder.bytes!.toString('base64url') })).toString(
            'base64',
          ),
        },
        { source: 'planted log (pass phrase)', text: `${log.text} bob-dev-passphrase` },
      ];
      const findings = scanner.scan(planted);
      for (const p of planted)
        expect(findings.map((f) => f.source.replace(' (inside a base64 blob)', ''))).toContain(p.source);
      expect(findings.find((f) => f.source.startsWith('planted row'))?.kind).toBe(
        'Luhn-valid card-like number',
      );
      // …and stays quiet on the unplanted originals and on what may legitimately appear.
      expect(scanner.scan([log, event, row, answer])).toEqual([]);
      expect(
        scanner.scan([
          {
            source: 'allowed',
            text: '411111…1111 20240501101530.e2780c0935b324b6 1717171717171 payment-PH01234567890123',
          },
        ]),
      ).toEqual([]);
    });
  });
});
