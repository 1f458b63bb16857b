import { randomBytes } from 'node:crypto';
import type { Principal } from './api-keys';

export const SESSION_COOKIE = 'ph_console';

/**
 * Browser sessions of the dashboards: the login form exchanges an API key for a random token in an
 * HttpOnly, SameSite=Strict cookie (EventSource cannot send an Authorization header). Kept in memory:
 * a console restart logs operators out, which is acceptable for an internal tool.
 */
export class SessionStore {
  private readonly sessions = new Map<string, { principal: Principal; expires: number }>();

  constructor(
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  create(principal: Principal): string {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, {
      principal: { ...principal, via: 'session' },
      expires: this.now() + this.seconds * 1000,
    });
    return token;
  }

  get(token: string | undefined): Principal | undefined {
    if (!token) return undefined;
    const s = this.sessions.get(token);
    if (!s) return undefined;
    if (s.expires <= this.now()) {
      this.sessions.delete(token);
      return undefined;
    }
    return s.principal;
  }

  delete(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  get maxAgeSeconds(): number {
    return this.seconds;
  }

  private sweep(): void {
    const now = this.now();
    for (const [t, s] of this.sessions) if (s.expires <= now) this.sessions.delete(t);
  }
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}
