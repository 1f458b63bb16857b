import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startTestIdentityProvider, type TestIdentityProvider } from '../e2e/support/oidc-provider';
import { startConsoleSystem, type ConsoleSystem } from './support/console-system';

/**
 * Sign-in to the dashboards through the identity-provider simulator in Debian's chromium. The
 * provider's issuer is http://localhost:<port> and the console is http://127.0.0.1:<port>: two
 * sites, so the provider's redirect back is a cross-site navigation as it is in a bank (the login
 * cookie must be SameSite=Lax, and the SameSite=Strict session cookie is first sent by the page the
 * console itself navigates to).
 */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
const haveChromium = existsSync(CHROMIUM);
const suite = haveChromium ? describe : describe.skip;

suite(
  `console sign-in with the identity provider in chromium${haveChromium ? '' : ' (skipped: /usr/bin/chromium not found)'}`,
  () => {
    const CLIENT_ID = 'ph-console-web';
    let idp: TestIdentityProvider;
    let sys: ConsoleSystem;
    let browser: BrowserContext;
    let profile: string;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      profile = mkdtempSync(join(tmpdir(), 'ph-chromium-'));
      idp = await startTestIdentityProvider('ph-console', { host: 'localhost', consentPage: true });
      sys = await startConsoleSystem({
        consoleEnv: {
          CONSOLE_OIDC_ISSUER: idp.issuer,
          CONSOLE_OIDC_AUDIENCE: 'ph-console',
          CONSOLE_OIDC_CLIENT_ID: CLIENT_ID, // a public client: PKCE only
          CONSOLE_OIDC_ROLES_CLAIM: 'realm_access.roles',
          CONSOLE_OIDC_OPERATOR_ROLES: 'ph-operator',
          CONSOLE_OIDC_VIEWER_ROLES: 'ph-viewer',
        },
      });
      idp.registerClient({ clientId: CLIENT_ID, redirectUris: [`${sys.consoleUrl}/login/oidc/callback`] });
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
      await idp?.stop();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    it('an operator signs in through the provider and lands on the page asked for', async () => {
      idp.setLogin({
        sub: 'f3c1a7e2-operator',
        claims: { realm_access: { roles: ['ph-operator'] }, preferred_username: 'olga' },
      });
      await browser.clearCookies();
      const page = await browser.newPage();
      await page.goto(`${sys.consoleUrl}/pending`);
      expect(page.url()).toBe(`${sys.consoleUrl}/login?next=%2Fpending`);
      const button = page.locator('#oidc-login');
      await expect(button.textContent()).resolves.toBe(`Sign in with ${idp.issuer}`);
      await page.screenshot({ path: join(SHOTS, 'login-oidc.png'), fullPage: true });
      await Promise.all([page.waitForURL(`${idp.issuer}/**`), button.click()]);
      await page.screenshot({ path: join(SHOTS, 'login-oidc-provider.png') });
      await Promise.all([page.waitForURL(`${sys.consoleUrl}/pending`), page.click('#approve')]);
      await expect(page.locator('header .who').textContent()).resolves.toContain('olga (operator)');
      await expect(page.locator('h1').textContent()).resolves.toBe('Pending payments');
      const cookies = await browser.cookies(sys.consoleUrl);
      expect(cookies.find((c) => c.name === 'ph_console')).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
      });
      expect(cookies.find((c) => c.name === 'ph_console_oidc')).toBeUndefined();
      // the provider saw a PKCE request
      expect(idp.authorizationRequests().at(-1)).toMatchObject({
        client_id: CLIENT_ID,
        code_challenge_method: 'S256',
      });
      await page.screenshot({ path: join(SHOTS, 'login-oidc-signed-in.png'), fullPage: true });
      // logging out ends the session
      await Promise.all([page.waitForURL(`${sys.consoleUrl}/login`), page.click('header .who button')]);
      await page.goto(`${sys.consoleUrl}/pending`);
      expect(page.url()).toContain('/login?next=%2Fpending');
      await page.close();
    });

    it('shows the reason on the login page when the provider refuses, with no session', async () => {
      idp.setLogin({ error: 'access_denied', errorDescription: 'The user declined.' });
      await browser.clearCookies();
      const page = await browser.newPage();
      await page.goto(`${sys.consoleUrl}/login?next=%2Flog`);
      await Promise.all([page.waitForURL(/\/login\/oidc\/callback\?/), page.click('#oidc-login')]);
      await expect(page.locator('#login-problem').textContent()).resolves.toContain(
        'did not sign you in: access_denied (The user declined.)',
      );
      await expect(page.locator('#oidc-login').isVisible()).resolves.toBe(true);
      await page.screenshot({ path: join(SHOTS, 'login-oidc-refused.png'), fullPage: true });
      expect((await browser.cookies(sys.consoleUrl)).map((c) => c.name)).not.toContain('ph_console');
      await page.close();
    });

    it('a user without a console role is told so', async () => {
      idp.setLogin({ sub: 'payroll-1', claims: { realm_access: { roles: ['payroll'] } } });
      await browser.clearCookies();
      const page = await browser.newPage();
      await page.goto(`${sys.consoleUrl}/login`);
      await Promise.all([page.waitForURL(`${idp.issuer}/**`), page.click('#oidc-login')]);
      await Promise.all([page.waitForURL(/\/login\/oidc\/callback\?/), page.click('#approve')]);
      await expect(page.locator('#login-problem').textContent()).resolves.toMatch(/no console role/);
      await page.close();
    });
  },
);
