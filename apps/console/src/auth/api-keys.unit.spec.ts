import { ApiKeyVerifier, DEV_API_KEYS, parseApiKeys, presentedCredentials, sha256Hex } from './api-keys';
import { cookieValue, SessionStore } from './sessions';

describe('parseApiKeys (CONSOLE_API_KEYS): readable errors naming the entry', () => {
  const hash = sha256Hex('a-long-random-key');
  it('reads entries and lower-cases the digest', () => {
    expect(
      parseApiKeys(JSON.stringify([{ name: 'alice', role: 'operator', sha256: hash.toUpperCase() }])),
    ).toEqual([{ name: 'alice', role: 'operator', sha256: hash }]);
  });

  it.each([
    ['not JSON', '[{name:', 'not valid JSON'],
    ['an object', '{}', 'must be a non-empty JSON array'],
    ['empty', '[]', 'must be a non-empty JSON array'],
    ['no name', JSON.stringify([{ role: 'viewer', sha256: hash }]), 'entry 0: name is required'],
    [
      'a bad role',
      JSON.stringify([
        { name: 'a', role: 'viewer', sha256: hash },
        { name: 'b', role: 'admin', sha256: hash },
      ]),
      'entry 1: role must be viewer or operator',
    ],
    [
      'the key instead of its hash',
      JSON.stringify([{ name: 'a', role: 'viewer', sha256: 'a-long-random-key' }]),
      'entry 0: sha256 must be 64 hex digits (the SHA-256 of the key, never the key)',
    ],
    ['a null entry', '[null]', 'entry 0: name is required'],
  ])('refuses %s', (_what, json, message) => {
    expect(() => parseApiKeys(json)).toThrow(message);
  });
});

describe('ApiKeyVerifier', () => {
  const v = new ApiKeyVerifier(DEV_API_KEYS);
  it('knows the keys by their hash only', () => {
    expect(v.verify('operator-dev-key')).toEqual({ name: 'dev-operator', role: 'operator', via: 'api-key' });
    expect(v.verify('viewer-dev-key')).toEqual({ name: 'dev-viewer', role: 'viewer', via: 'api-key' });
    expect(JSON.stringify(DEV_API_KEYS)).not.toContain('dev-key');
  });

  it('refuses unknown, empty, near-miss and oversized keys', () => {
    for (const key of ['', 'operator-dev-ke', 'Operator-dev-key', 'operator-dev-key ', 'x'.repeat(513)])
      expect(v.verify(key)).toBeUndefined();
  });
});

describe('presentedCredentials', () => {
  it.each([
    [{}, undefined],
    [{ authorization: 'ApiKey k1' }, { kind: 'api-key', key: 'k1' }],
    [{ authorization: 'apikey   k1  ' }, { kind: 'api-key', key: 'k1' }],
    [{ 'x-api-key': ' k2 ' }, { kind: 'api-key', key: 'k2' }],
    [{ authorization: 'Bearer a.b.c' }, { kind: 'bearer', token: 'a.b.c' }],
    [{ authorization: 'bearer a.b.c' }, { kind: 'bearer', token: 'a.b.c' }],
    [{ authorization: 'Bearer' }, { kind: 'bearer', token: '' }],
    [{ authorization: 'ApiKey' }, { kind: 'api-key', key: '' }],
    [{ authorization: 'ApiKey a b' }, { kind: 'api-key', key: '' }],
    [{ authorization: 'Basic dXNlcjpwYXNz' }, { kind: 'unknown-scheme', scheme: 'Basic' }],
    // another scheme in Authorization (e.g. a proxy's) does not hide X-Api-Key
    [
      { authorization: 'Basic dXNlcjpwYXNz', 'x-api-key': 'k3' },
      { kind: 'api-key', key: 'k3' },
    ],
    [{ authorization: ['ApiKey k4', 'ApiKey k5'] }, { kind: 'api-key', key: 'k4' }],
  ])('%j → %j', (headers, expected) => {
    expect(presentedCredentials(headers)).toEqual(expected);
  });
});

describe('SessionStore and cookieValue', () => {
  it('creates random session tokens that expire', () => {
    let now = 0;
    const store = new SessionStore(60, () => now);
    const principal = { name: 'dev-operator', role: 'operator' as const, via: 'api-key' as const };
    const t1 = store.create(principal);
    const t2 = store.create(principal);
    expect(t1).not.toBe(t2);
    expect(t1).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.get(t1)).toEqual({ ...principal, via: 'session' });
    expect(store.get('nope')).toBeUndefined();
    expect(store.get(undefined)).toBeUndefined();
    now = 60_000;
    expect(store.get(t1)).toBeUndefined();
    store.delete(t2);
    now = 0;
    expect(store.get(t2)).toBeUndefined();
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(cookieValue('a=1; ph_console=abc%3D; b=2', 'ph_console')).toBe('abc=');
    expect(cookieValue('xph_console=1', 'ph_console')).toBeUndefined();
    expect(cookieValue(undefined, 'ph_console')).toBeUndefined();
  });
});
