import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PaymentSession, runPayment } from '../../apps/wallet/src/lib';
import { startConsoleSystem, type ConsoleSystem } from './support/console-system';

/** The dashboards in Debian's chromium (never a downloaded browser), driven by playwright-core. */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
const haveChromium = existsSync(CHROMIUM);
const suite = haveChromium ? describe : describe.skip;

suite(
  `console dashboards in chromium${haveChromium ? '' : ' (skipped: /usr/bin/chromium not found; apt-get install chromium)'}`,
  () => {
    let sys: ConsoleSystem;
    let browser: BrowserContext;
    let profile: string;

    async function login(key: string): Promise<Page> {
      // One persistent profile (a fresh --user-data-dir): each login starts without cookies.
      await browser.clearCookies();
      const page = await browser.newPage();
      await page.goto(`${sys.consoleUrl}/login`);
      await page.fill('input[name=apiKey]', key);
      await Promise.all([page.waitForURL(`${sys.consoleUrl}/`), page.click('button[type=submit]')]);
      return page;
    }
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      profile = mkdtempSync(join(tmpdir(), 'ph-chromium-'));
      sys = await startConsoleSystem();
      browser = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await sys?.stop();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    it('finds a payment on the inquiry page and opens its timeline and receipt', async () => {
      const paid = await runPayment({
        gatewayUrl: sys.gatewayUrl,
        customer: 'alice',
        amount: '12.5',
        currency: 'EUR',
      });
      await sys.waitForPayment(paid.payId!, ['CompletedOk']);
      const page = await login('viewer-dev-key');
      await shot(page, 'overview');
      await page.goto(`${sys.consoleUrl}/payments`);
      await page.fill('input[name=payId]', paid.payId!);
      await Promise.all([page.waitForURL(/payId=/), page.click('#search button[type=submit]')]);
      const row = page.locator(`#results tr[data-pay-id="${paid.payId}"]`);
      await expect(row.textContent()).resolves.toContain('12.50 EUR'); // the currency's minor units
      await shot(page, 'inquiry');
      await Promise.all([
        page.waitForURL(new RegExp(`/payments/${paid.payId}$`)),
        row.locator('a').first().click(),
      ]);
      const timeline = await page.locator('#timeline li').allTextContents();
      expect(timeline[0]).toContain('PaymentStarted');
      expect(timeline[timeline.length - 1]).toContain('PaymentCompleted');
      expect(timeline[timeline.length - 1]).toContain('CompletedOk');
      await expect(page.locator('#receipt-check').textContent()).resolves.toBe('digests match');
      expect(await page.locator('#receipt tbody tr').count()).toBeGreaterThan(0);
      await shot(page, 'payment-timeline-receipt');
      await page.close();
    });

    it('shows a new payment arriving live on the payment-log page, and holds it while paused', async () => {
      const page = await login('viewer-dev-key');
      await page.goto(`${sys.consoleUrl}/log?eventType=PaymentCompleted`);
      await page.waitForSelector('#live-status.ok');
      const paid = await runPayment({
        gatewayUrl: sys.gatewayUrl,
        customer: 'alice',
        amount: '3.00',
        currency: 'EUR',
      });
      await page.waitForSelector(`#log-rows tr:has-text("${paid.payId}")`, { timeout: 10_000 });
      await shot(page, 'payment-log-live');
      await page.click('#pause');
      const held = await runPayment({
        gatewayUrl: sys.gatewayUrl,
        customer: 'alice',
        amount: '1.00',
        currency: 'EUR',
      });
      await page.waitForSelector('#pause:has-text("1 new")', { timeout: 10_000 });
      expect(await page.locator(`#log-rows tr:has-text("${held.payId}")`).count()).toBe(0);
      await page.click('#pause');
      await page.waitForSelector(`#log-rows tr:has-text("${held.payId}")`);
      await page.close();
    });

    it('lists a suspended payment on the pending page; a viewer is refused, an operator cancels it', async () => {
      const session = new PaymentSession({
        gatewayUrl: sys.gatewayUrl,
        customer: 'bob',
        amount: '6.00',
        currency: 'EUR',
      });
      await session.paymentRequest();
      let payId: string | undefined;
      for (const until = Date.now() + 10_000; !payId && Date.now() < until;) {
        const { rows } = await sys.pool.query<{ pay_id: string }>(
          `SELECT pay_id FROM "${sys.schemas.readModels}".pending_payments WHERE process_state = 'InProgress'`,
        );
        payId = rows[0]?.pay_id;
        if (!payId) await new Promise((r) => setTimeout(r, 50));
      }
      await sys.suspend(payId!);
      await sys.waitForPayment(payId!, ['Suspended']);

      const viewer = await login('viewer-dev-key');
      viewer.on('dialog', (d) => void d.accept());
      await viewer.goto(`${sys.consoleUrl}/pending`);
      const row = viewer.locator(`#pending tr[data-pay-id="${payId}"]`);
      await expect(row.textContent()).resolves.toContain('Suspended');
      await row.locator('button[data-action=cancel]').click();
      await viewer.waitForSelector('#action-result.problem');
      await expect(viewer.locator('#action-result').textContent()).resolves.toMatch(
        /Forbidden \(403\).*operator/,
      );
      await shot(viewer, 'pending-viewer-refused');
      await viewer.close();

      const operator = await login('operator-dev-key');
      operator.on('dialog', (d) => void d.accept());
      await operator.goto(`${sys.consoleUrl}/pending`);
      await operator.locator(`#pending tr[data-pay-id="${payId}"] button[data-action=cancel]`).click();
      await operator.waitForSelector('#action-result.ok');
      await expect(operator.locator('#action-result').textContent()).resolves.toContain('Failed');
      await shot(operator, 'pending-operator-cancelled');
      await sys.waitForPayment(payId!, ['Failed']);
      await operator.goto(`${sys.consoleUrl}/payments/${payId}`);
      await expect(operator.locator('#timeline').textContent()).resolves.toContain('PaymentFailed');
      await operator.close();
    });

    it('an operator resumes a payment the bank left unanswered: the late answer completes it, once', async () => {
      const session = new PaymentSession({
        gatewayUrl: sys.gatewayUrl,
        customer: 'alice',
        amount: '2.15',
        currency: 'EUR',
      });
      expect((await session.paymentRequest()).kind).toBe('exchange');
      await sys.bankFaults({ answerDelayMs: 2000 });
      let payId: string | undefined;
      try {
        const busy = await session.pay();
        expect(busy.errorCode).toBe('SystemBusy');
        payId = busy.payId;
      } finally {
        await sys.bankFaults({ answerDelayMs: 0 });
      }
      await sys.waitForPayment(payId!, ['Suspended']);

      const operator = await login('operator-dev-key');
      operator.on('dialog', (d) => void d.accept());
      await operator.goto(`${sys.consoleUrl}/pending`);
      const row = operator.locator(`#pending tr[data-pay-id="${payId}"]`);
      await expect(row.textContent()).resolves.toContain('Suspended');
      await shot(operator, 'pending-suspended');
      await row.locator('button[data-action=resume]').click();
      await operator.waitForSelector('#action-result.ok', { timeout: 15_000 });
      await expect(operator.locator('#action-result').textContent()).resolves.toContain('CompletedOk');
      await sys.waitForPayment(payId!, ['CompletedOk']);
      await operator.goto(`${sys.consoleUrl}/payments/${payId}`);
      const timeline = (await operator.locator('#timeline').textContent()) ?? '';
      expect(timeline).toContain('PaymentSuspended');
      expect(timeline).toContain('PaymentResumed');
      expect(timeline).toContain('PaymentCompleted');
      await shot(operator, 'payment-resumed-by-operator');
      await operator.close();
      // The Consumer's retransmission now gets the Payment Response; the bank debited once.
      expect(session.resultOf(await session.resend('C2')).processState).toBe('CompletedOk');
      const { rows } = await sys.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${sys.schemas.eventStore}".events WHERE stream_id = $1 AND type = 'PaymentCompleted'`,
        [`payment-${payId}`],
      );
      expect(rows[0].n).toBe(1);
    });

    it('sends a browser without a session to the login page', async () => {
      await browser.clearCookies();
      const page = await browser.newPage();
      await page.goto(`${sys.consoleUrl}/pending`);
      expect(page.url()).toContain('/login?next=%2Fpending');
      await page.close();
    });
  },
);
