import { FailedAuthThrottle } from './failed-auth-throttle';

describe('FailedAuthThrottle', () => {
  let now = 0;
  const throttle = () =>
    new FailedAuthThrottle({ maxFailures: 3, windowMs: 10_000, lockoutMs: 30_000, now: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses a client after maxFailures within the window, for the lockout, then lets it try again', () => {
    const t = throttle();
    t.fail('10.0.0.1');
    t.fail('10.0.0.1');
    expect(t.retryAfterSeconds('10.0.0.1')).toBe(0);
    t.fail('10.0.0.1');
    expect(t.retryAfterSeconds('10.0.0.1')).toBe(30);
    expect(t.retryAfterSeconds('10.0.0.2')).toBe(0);
    now += 29_500;
    expect(t.retryAfterSeconds('10.0.0.1')).toBe(1);
    now += 600;
    expect(t.retryAfterSeconds('10.0.0.1')).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const t = throttle();
    t.fail('c');
    t.fail('c');
    now += 10_001;
    t.fail('c');
    expect(t.retryAfterSeconds('c')).toBe(0);
  });

  it('keeps at most maxClients clients in memory', () => {
    const t = new FailedAuthThrottle({
      maxFailures: 2,
      windowMs: 10_000,
      lockoutMs: 30_000,
      maxClients: 2,
      now: () => now,
    });
    t.fail('a');
    t.fail('b');
    t.fail('c'); // 'a' forgotten
    t.fail('a');
    expect(t.retryAfterSeconds('a')).toBe(0);
    t.fail('c');
    expect(t.retryAfterSeconds('c')).toBe(30);
  });
});
