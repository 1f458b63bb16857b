import type { FastifyRequest } from 'fastify';
import { AuthProblem, ProblemError } from '../http/problem';
import { ApiKeyVerifier, DEV_API_KEYS, type Principal } from './api-keys';
import { Authenticator, type ConsoleRequest, requirePrincipal } from './authenticator';
import { type BearerResult, IdentityProviderError, type OidcVerifier } from './oidc';
import { SessionStore } from './sessions';

const request = (headers: Record<string, string>, method = 'GET') =>
  ({ headers, method }) as unknown as ConsoleRequest & FastifyRequest;

/** An OIDC verifier stand-in: the token text names the outcome. */
const oidc = {
  async verify(token: string): Promise<BearerResult> {
    if (token === 'down')
      throw new IdentityProviderError('The identity provider’s JWKS could not be fetched (HTTP 500).');
    if (token === 'operator')
      return { ok: true, principal: { name: 'sub-1', role: 'operator', via: 'oidc', username: 'olga' } };
    if (token === 'viewer') return { ok: true, principal: { name: 'sub-2', role: 'viewer', via: 'oidc' } };
    if (token === 'norole') return { ok: false, status: 403, subject: 'sub-3', detail: 'no console role' };
    return { ok: false, status: 401, detail: 'The token has "expired".' };
  },
} as unknown as OidcVerifier;

async function refusal(p: Promise<Principal>): Promise<AuthProblem | ProblemError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemError);
    return error as ProblemError;
  }
  throw new Error('was let in');
}

describe('requirePrincipal', () => {
  const keysOnly = new Authenticator(new ApiKeyVerifier(DEV_API_KEYS), new SessionStore(60));
  const withOidc = new Authenticator(new ApiKeyVerifier(DEV_API_KEYS), new SessionStore(60), oidc);

  it('lets in API keys by role and records the principal on the request', async () => {
    const req = request({ 'x-api-key': 'operator-dev-key' }, 'POST');
    await expect(requirePrincipal(keysOnly, req, 'operator')).resolves.toMatchObject({
      name: 'dev-operator',
    });
    expect(req.principal).toMatchObject({ role: 'operator' });
  });

  it('401 without credentials, offering the schemes the console takes', async () => {
    const a = (await refusal(requirePrincipal(keysOnly, request({}), 'viewer'))) as AuthProblem;
    expect(a.status).toBe(401);
    expect(a.challenges).toEqual(['ApiKey realm="ph-console"']);
    const b = (await refusal(requirePrincipal(withOidc, request({}), 'viewer'))) as AuthProblem;
    expect(b.challenges).toEqual(['ApiKey realm="ph-console"', 'Bearer realm="ph-console"']);
    expect(b.detail).toContain('Bearer <JWT>');
  });

  it('401 for an unknown key or scheme', async () => {
    expect(
      (await refusal(requirePrincipal(keysOnly, request({ 'x-api-key': 'nope' }), 'viewer'))).detail,
    ).toBe('The API key is not valid.');
    const basic = await refusal(
      requirePrincipal(keysOnly, request({ authorization: 'Basic eDp5' }), 'viewer'),
    );
    expect(basic).toMatchObject({ status: 401, detail: expect.stringContaining('Basic is not accepted') });
  });

  it('bearer tokens: refused without an identity provider, invalid_token for a bad one', async () => {
    const off = (await refusal(
      requirePrincipal(keysOnly, request({ authorization: 'Bearer x.y.z' }), 'viewer'),
    )) as AuthProblem;
    expect(off.status).toBe(401);
    expect(off.detail).toContain('CONSOLE_OIDC_ISSUER');
    expect(off.challenges[0]).toMatch(/^Bearer realm="ph-console", error="invalid_token"/);
    const bad = (await refusal(
      requirePrincipal(withOidc, request({ authorization: 'Bearer forged' }), 'viewer'),
    )) as AuthProblem;
    // quotes in the description are dropped so the header stays well-formed
    expect(bad.challenges).toEqual([
      'Bearer realm="ph-console", error="invalid_token", error_description="The token has expired."',
    ]);
  });

  it('bearer tokens: the role decides; a viewer gets 403 insufficient_scope on an operator route', async () => {
    const auth = request({ authorization: 'Bearer operator' }, 'POST');
    await expect(requirePrincipal(withOidc, auth, 'operator')).resolves.toMatchObject({
      name: 'sub-1',
      via: 'oidc',
    });
    const viewer = (await refusal(
      requirePrincipal(withOidc, request({ authorization: 'Bearer viewer' }, 'POST'), 'operator'),
    )) as AuthProblem;
    expect(viewer.status).toBe(403);
    expect(viewer.extensions).toEqual({ role: 'viewer', requiredRole: 'operator' });
    expect(viewer.challenges[0]).toContain('error="insufficient_scope"');
    const none = (await refusal(
      requirePrincipal(withOidc, request({ authorization: 'Bearer norole' }), 'viewer'),
    )) as AuthProblem;
    expect(none.status).toBe(403);
  });

  it('503 when the identity provider cannot be asked (not the token’s fault)', async () => {
    const down = await refusal(
      requirePrincipal(withOidc, request({ authorization: 'Bearer down' }), 'viewer'),
    );
    expect(down.status).toBe(503);
    expect(down).not.toBeInstanceOf(AuthProblem);
  });

  it('a viewer key gets 403 on an operator route; a browser session needs the CSRF header to change anything', async () => {
    const v = await refusal(
      requirePrincipal(keysOnly, request({ 'x-api-key': 'viewer-dev-key' }, 'POST'), 'operator'),
    );
    expect(v).toMatchObject({
      status: 403,
      detail: 'dev-viewer has the role viewer; this needs the role operator.',
    });
    const token = keysOnly.sessions.create({ name: 'dev-operator', role: 'operator', via: 'api-key' });
    const cookie = `ph_console=${token}`;
    const csrf = await refusal(requirePrincipal(keysOnly, request({ cookie }, 'POST'), 'operator'));
    expect(csrf).toMatchObject({ status: 403, detail: expect.stringContaining('X-Console-Request') });
    await expect(
      requirePrincipal(keysOnly, request({ cookie, 'x-console-request': '1' }, 'POST'), 'operator'),
    ).resolves.toMatchObject({ via: 'session' });
  });
});
