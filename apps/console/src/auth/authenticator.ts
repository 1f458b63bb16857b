import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from '../http/problem';
import { type ApiKeyVerifier, type Principal, presentedKey, type Role } from './api-keys';
import { cookieValue, SESSION_COOKIE, type SessionStore } from './sessions';

export type ConsoleRequest = FastifyRequest & { principal?: Principal };

/** Who may call a route: anyone (`public`), any authenticated user (`viewer`) or operators only. */
export type Access = 'public' | Role;
export const ACCESS = 'console:access';
export const Allow = (access: Access) => SetMetadata(ACCESS, access);

export const AUTHENTICATOR = Symbol('Authenticator');

export class Authenticator {
  constructor(
    readonly keys: ApiKeyVerifier,
    readonly sessions: SessionStore,
  ) {}

  /**
   * The caller: an API key (`Authorization: ApiKey …` or `X-Api-Key`) or, failing that, the
   * dashboard's session cookie. `invalid` when a key was presented but is not known.
   */
  identify(request: FastifyRequest): Principal | 'invalid' | undefined {
    const key = presentedKey(request.headers);
    if (key !== undefined) return this.keys.verify(key) ?? 'invalid';
    return this.sessions.get(cookieValue(request.headers.cookie, SESSION_COOKIE));
  }
}

export function requirePrincipal(auth: Authenticator, request: ConsoleRequest, needed: Role): Principal {
  const who = auth.identify(request);
  if (who === undefined)
    throw new ProblemError(
      401,
      'Authenticate with `Authorization: ApiKey <key>` or `X-Api-Key: <key>`.',
      'Unauthorized',
    );
  if (who === 'invalid') throw new ProblemError(401, 'The API key is not valid.', 'Unauthorized');
  if (needed === 'operator' && who.role !== 'operator')
    throw new ProblemError(
      403,
      `${who.name} has the role ${who.role}; this needs the role operator.`,
      'Forbidden',
      {
        role: who.role,
        requiredRole: 'operator',
      },
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

  canActivate(context: ExecutionContext): boolean {
    const access =
      this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'operator'; // fail closed: a route without a declaration needs the strongest role
    if (access === 'public') return true;
    requirePrincipal(this.auth, context.switchToHttp().getRequest<ConsoleRequest>(), access);
    return true;
  }
}
