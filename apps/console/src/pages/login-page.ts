import type { FastifyReply } from 'fastify';
import type { Principal } from '../auth/api-keys';
import { esc } from './format';
import { layout } from './layout';

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** An HTML page under the console's strict Content-Security-Policy. */
export function sendHtml(reply: FastifyReply, status: number, body: string): void {
  void reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(body);
}

/** Only local paths: the login never redirects elsewhere (`//host` and `/\host` are other origins). */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/';
}

export interface LoginPageOptions {
  readonly next: string;
  /** A problem to show (an API key not valid, a sign-in with the identity provider that failed). */
  readonly problem?: string;
  readonly devKeys: boolean;
  /** The issuer when sign-in with the identity provider is configured: the button beside the form. */
  readonly oidcIssuer?: string;
}

/**
 * The login page: the API-key form and, with CONSOLE_OIDC_CLIENT_ID, a "Sign in with <issuer>" link
 * (a link, not a form: the CSP's form-action 'self' would stop a form redirected to the provider).
 */
export function loginPage(o: LoginPageOptions): string {
  const next = safeNext(o.next);
  const dev = o.devKeys
    ? `<p class="note">Development keys are in force (DEV ONLY): <code>viewer-dev-key</code>, <code>operator-dev-key</code>.</p>`
    : '';
  const problem = o.problem ? `<p class="problem" id="login-problem" role="alert">${esc(o.problem)}</p>` : '';
  const form = `<form class="filters" method="post" action="/login"><input type="hidden" name="next" value="${esc(next)}">
<label>API key<input name="apiKey" type="password" autocomplete="current-password" required${o.oidcIssuer ? '' : ' autofocus'}></label>
<button class="primary" type="submit">Log in</button></form>${dev}`;
  const body = o.oidcIssuer
    ? `<h1>Log in</h1>${problem}<div class="login">
<section><h2>Identity provider</h2><p><a class="button primary" id="oidc-login" href="/login/oidc?next=${esc(encodeURIComponent(next))}">Sign in with ${esc(o.oidcIssuer)}</a></p>
<p class="note">Your role comes from the identity provider.</p></section>
<section><h2>API key</h2>${form}</section></div>`
    : `<h1>Log in</h1>${problem}${form}`;
  return layout('Log in', '', undefined, body);
}

/**
 * After a sign-in with the identity provider: the session cookie is SameSite=Strict, and a browser
 * does not send it on a redirect that a cross-site page (the provider) started. So the callback
 * answers with this page, whose refresh is a navigation of the console's own, and the next page sees
 * the session.
 */
export function signedInPage(who: Principal, next: string): string {
  const target = esc(safeNext(next));
  return layout(
    'Signed in',
    '',
    who,
    `<h1>Signed in</h1><p>Signed in as ${esc(who.username ?? who.name)} (${esc(who.role)}). <a id="continue" href="${target}">Continue</a></p>`,
    `<meta http-equiv="refresh" content="0;url=${target}">`,
  );
}
