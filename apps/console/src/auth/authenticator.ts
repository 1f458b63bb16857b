import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthProblem, ProblemError } from '../http/problem';
import { type ApiKeyVerifier, type Principal, presentedCredentials, type Role } from './api-keys';
import { IdentityProviderError, type OidcVerifier } from './oidc';
import { FailedAuthThrottle } from './failed-auth-throttle';
import { cookieValue, SESSION_COOKIE, type SessionStore } from './sessions';

export type ConsoleRequest = FastifyRequest & { principal?: Principal };

/** Who may call a route: anyone (`public`), any authenticated user (`viewer`) or operators only. */
export type Access = 'public' | Role;
export const ACCESS = 'console:access';
export const Allow = (access: Access) => SetMetadata(ACCESS, access);

export const AUTHENTICATOR = Symbol('Authenticator');

export const REALM = 'ph-console';

/** Why a request is not let in; `bearer` marks a refused bearer token (its WWW-Authenticate differs). */
export interface Refusal {
  readonly refused: 401 | 403 | 503;
  readonly detail: string;
  readonly bearer?: boolean;
}

const quoted = (s: string) => `"${s.replace(/[\\"]/g, '').slice(0, 200)}"`;

export class Authenticator {
  constructor(
    readonly keys: ApiKeyVerifier,
    readonly sessions: SessionStore,
    /** The OIDC/JWT bearer option; absent: bearer tokens are refused. */
    readonly oidc?: OidcVerifier,
    /** Refused keys and tokens per client address (guessing is slowed down). */
    readonly throttle: FailedAuthThrottle = new FailedAuthThrottle(),
  ) {}

  /**
   * The caller: an API key (`Authorization: ApiKey …` or `X-Api-Key`), a bearer token
   * (`Authorization: Bearer <JWT>`, when OIDC is configured) or, failing those, the dashboard's
   * session cookie. A refusal when credentials were presented but are not good.
   */
  async identify(request: FastifyRequest): Promise<Principal | Refusal | undefined> {
    const c = presentedCredentials(request.headers);
    if (c === undefined) return this.sessions.get(cookieValue(request.headers.cookie, SESSION_COOKIE));
    if (c.kind === 'api-key')
      return this.keys.verify(c.key) ?? { refused: 401, detail: 'The API key is not valid.' };
    if (c.kind === 'unknown-scheme')
      return {
        refused: 401,
        detail: `The Authorization scheme ${c.scheme} is not accepted; use ApiKey${this.oidc ? ' or Bearer' : ''}.`,
      };
    if (!this.oidc)
      return {
        refused: 401,
        bearer: true,
        detail: 'Bearer tokens are not accepted: no identity provider is configured (CONSOLE_OIDC_ISSUER).',
      };
    if (c.token === '') return { refused: 401, bearer: true, detail: 'The bearer token is empty.' };
    try {
      const r = await this.oidc.verify(c.token);
      if (r.ok) return r.principal;
      return { refused: r.status, bearer: true, detail: r.detail };
    } catch (error) {
      if (error instanceof IdentityProviderError)
        return { refused: 503, bearer: true, detail: error.message };
      throw error;
    }
  }

  /** WWW-Authenticate challenges of a 401 with no usable credentials: every scheme the console takes. */
  challenges(): string[] {
    return [`ApiKey realm=${quoted(REALM)}`, ...(this.oidc ? [`Bearer realm=${quoted(REALM)}`] : [])];
  }
}

/** 429 after too many refused keys or tokens from one address. */
export function tooManyFailures(retryAfterSeconds: number): ProblemError {
  return new ProblemError(
    429,
    `Too many refused API keys or tokens from this address; try again in ${retryAfterSeconds} s.`,
    'Too many requests',
    { retryAfterSeconds },
  );
}

export function isRefusal(who: Principal | Refusal | undefined): who is Refusal {
  return who !== undefined && 'refused' in who;
}

export async function requirePrincipal(
  auth: Authenticator,
  request: ConsoleRequest,
  needed: Role,
): Promise<Principal> {
  const wait = auth.throttle.retryAfterSeconds(request.ip);
  if (wait > 0) throw tooManyFailures(wait);
  const who = await auth.identify(request);
  if (isRefusal(who) && who.refused === 401) auth.throttle.fail(request.ip);
  if (who === undefined)
    throw new AuthProblem(
      401,
      `Authenticate with \`Authorization: ApiKey <key>\` or \`X-Api-Key: <key>\`${auth.oidc ? ' or `Authorization: Bearer <JWT>`' : ''}.`,
      auth.challenges(),
    );
  if (isRefusal(who)) {
    if (who.refused === 503)
      throw new ProblemError(
        503,
        `The bearer token cannot be checked now: ${who.detail}`,
        'Service unavailable',
      );
    const bearer =
      who.refused === 401
        ? `Bearer realm=${quoted(REALM)}, error="invalid_token", error_description=${quoted(who.detail)}`
        : `Bearer realm=${quoted(REALM)}, error="insufficient_scope", error_description=${quoted(who.detail)}`;
    throw new AuthProblem(who.refused, who.detail, who.bearer ? [bearer] : auth.challenges());
  }
  if (needed === 'operator' && who.role !== 'operator')
    throw new AuthProblem(
      403,
      `${who.username ?? who.name} has the role ${who.role}; this needs the role operator.`,
      who.via === 'oidc'
        ? [
            `Bearer realm=${quoted(REALM)}, error="insufficient_scope", error_description="needs the role operator"`,
          ]
        : [],
      { role: who.role, requiredRole: 'operator' },
    );
  // A browser session may change something only from the console's own pages (CSRF): a cookie alone
  // is not enough, the request must carry the header that only same-origin script can add.
  if (
    who.via === 'session' &&
    !['GET', 'HEAD'].includes(request.method) &&
    request.headers['x-console-request'] !== '1'
  )
    throw new ProblemError(
      403,
      'Changes from a browser session need the X-Console-Request: 1 header.',
      'Forbidden',
    );
  request.principal = who;
  return who;
}

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly auth: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access =
      this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'operator'; // fail closed: a route without a declaration needs the strongest role
    if (access === 'public') return true;
    await requirePrincipal(this.auth, context.switchToHttp().getRequest<ConsoleRequest>(), access);
    return true;
  }
}
