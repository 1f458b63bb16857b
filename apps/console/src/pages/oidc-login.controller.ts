import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow, AUTHENTICATOR, type Authenticator, type ConsoleRequest } from '../auth/authenticator';
import { IdentityProviderError } from '../auth/oidc';
import { LOGIN_COOKIE, type LoginFailure, type OidcLogin } from '../auth/oidc-login';
import { cookieValue, SESSION_COOKIE } from '../auth/sessions';
import type { Query as Q } from '../http/params';
import { ProblemError, problemOf } from '../http/problem';
import { loginPage, safeNext, sendHtml, signedInPage } from './login-page';
import { DEV_KEYS_IN_FORCE, OIDC_LOGIN } from './pages.controller';

/** A caller that asks for JSON (and not HTML) gets problem+json instead of the login page. */
function wantsProblem(req: ConsoleRequest): boolean {
  const accept = req.headers.accept ?? '';
  return /application\/(problem\+)?json/i.test(accept) && !/text\/html/i.test(accept);
}

/**
 * Sign-in with the identity provider (authorization code flow with PKCE): `GET /login/oidc` sends
 * the browser to the provider, `GET /login/oidc/callback` takes the code back and makes the same
 * session cookie the API-key login makes. Every failure ends on the login page with its reason (or
 * as problem+json for a caller that asks for JSON), never with a session.
 */
@Controller('login/oidc')
export class OidcLoginController {
  constructor(
    @Inject(AUTHENTICATOR) private readonly auth: Authenticator,
    @Inject(OIDC_LOGIN) private readonly login: OidcLogin | null,
    @Inject(DEV_KEYS_IN_FORCE) private readonly devKeys: boolean,
  ) {}

  @Get()
  @Allow('public')
  async start(
    @Query('next') next: unknown,
    @Req() req: ConsoleRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const login = this.configured();
    let target = safeNext(typeof next === 'string' ? next : undefined);
    if (target.startsWith('/login')) target = '/';
    const redirectUri = login.redirectUri({ protocol: req.protocol, host: req.headers.host });
    let started: { location: string; cookie: string };
    try {
      started = await login.start(target, redirectUri);
    } catch (error) {
      if (!(error instanceof IdentityProviderError)) throw error;
      this.failed(req, reply, target, {
        status: 503,
        reason: 'unavailable',
        detail: `The identity provider cannot be reached now: ${error.message}`,
      });
      return;
    }
    void reply
      .code(302)
      .header('cache-control', 'no-store')
      .header('set-cookie', this.loginCookie(started.cookie, redirectUri, login.config.loginSeconds))
      .header('location', started.location)
      .send();
  }

  @Get('callback')
  @Allow('public')
  async callback(@Query() query: Q, @Req() req: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    const login = this.configured();
    const result = await login.finish(query, cookieValue(req.headers.cookie, LOGIN_COOKIE));
    // The login cookie is spent whatever the outcome.
    const https = login.redirectUri({ protocol: req.protocol, host: req.headers.host }).startsWith('https:');
    const clear = this.loginCookie('', https ? 'https:' : 'http:', 0);
    void reply.header('cache-control', 'no-store');
    if (!result.ok) {
      void reply.header('set-cookie', clear);
      this.failed(req, reply, result.next, result.failure);
      return;
    }
    const token = this.auth.sessions.create(result.principal);
    void reply.header('set-cookie', [
      clear,
      `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${this.auth.sessions.maxAgeSeconds}${https ? '; Secure' : ''}`,
    ]);
    const who = this.auth.sessions.get(token)!;
    sendHtml(reply, 200, signedInPage(who, result.next));
  }

  private configured(): OidcLogin {
    if (!this.login)
      throw new ProblemError(
        404,
        'Sign-in with an identity provider is not configured (CONSOLE_OIDC_CLIENT_ID).',
      );
    return this.login;
  }

  /** SameSite=Lax: the provider's redirect back is a cross-site navigation that must carry it. */
  private loginCookie(value: string, redirectUri: string, maxAge: number): string {
    const secure = redirectUri.startsWith('https:') ? '; Secure' : '';
    return `${LOGIN_COOKIE}=${value}; Path=/login/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
  }

  private failed(req: ConsoleRequest, reply: FastifyReply, next: string, failure: LoginFailure): void {
    if (wantsProblem(req)) {
      const problem = {
        ...problemOf(new ProblemError(failure.status, failure.detail), req.url.split('?')[0]),
        reason: failure.reason,
      };
      void reply.code(failure.status).header('content-type', 'application/problem+json').send(problem);
      return;
    }
    sendHtml(
      reply,
      failure.status,
      loginPage({
        next,
        problem: `Sign-in with the identity provider failed: ${failure.detail}`,
        devKeys: this.devKeys,
        ...(this.login && { oidcIssuer: this.login.issuer }),
      }),
    );
  }
}
