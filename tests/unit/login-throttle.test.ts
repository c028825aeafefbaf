import { describe, expect, it } from 'vitest';
import {
  admit,
  pairDelaySec,
  recordFailure,
  type ThrottleRecord,
  takeBack,
  verdict,
} from '../../src/domain/login-throttle.ts';
import { clientOf, throttlePolicyOf } from '../../src/pipeline/login-attempts.ts';

const policy = throttlePolicyOf({
  LOGIN_LOCKOUT_ATTEMPTS: 5,
  LOGIN_LOCKOUT_MINUTES: 15,
  LOGIN_ACCOUNT_MAX_FAILURES: 50,
  LOGIN_ACCOUNT_WINDOW_MINUTES: 60,
});

describe('sign-in throttle rules (the numbers the README promises)', () => {
  it('five free failures per address, then 30 s doubling up to 15 minutes', () => {
    expect([4, 5, 6, 7, 8, 9, 10, 20].map((n) => pairDelaySec(policy, n))).toEqual([
      0, 30, 60, 120, 240, 480, 900, 900,
    ]);
    expect(policy.pairMemorySec).toBe(24 * 3600);
  });

  it("delays only the failing address, and refuses every address once the account's ceiling is met", () => {
    const r: ThrottleRecord = { pairs: {}, account: null };
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) recordFailure(policy, r, 'stranger', t0);
    expect(verdict(policy, r, 'stranger', t0)).toMatchObject({ allowed: false, scope: 'address', retryAfterSec: 30 });
    expect(verdict(policy, r, 'stranger', t0 + 30_000)).toEqual({ allowed: true });
    expect(verdict(policy, r, 'owner', t0)).toEqual({ allowed: true });
    for (let i = 0; i < 45; i++) recordFailure(policy, r, `a${i}`, t0 + 1000);
    expect(verdict(policy, r, 'owner', t0 + 1000)).toMatchObject({ allowed: false, scope: 'account' });
    // The window (60 min) from the first failure ends the ceiling.
    expect(verdict(policy, r, 'owner', t0 + 3600_000)).toEqual({ allowed: true });
  });

  it('forgets an address 24 hours after its last failure', () => {
    const r: ThrottleRecord = { pairs: {}, account: null };
    for (let i = 0; i < 9; i++) recordFailure(policy, r, 'x', 0);
    recordFailure(policy, r, 'x', 24 * 3600_000);
    expect(r.pairs.x?.n).toBe(1);
  });

  it('counts a try as it is let in; a right factor takes that count back', () => {
    const r: ThrottleRecord = { pairs: {}, account: null };
    // Five tries let in before any answer: each is counted at once, the sixth is refused.
    const verdicts = Array.from({ length: 6 }, () => admit(policy, r, 'x', 0));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
    expect(verdicts[5]).toMatchObject({ allowed: false, scope: 'address' });
    expect(r.account?.n).toBe(5);
    // From another address, right: forgotten there and off the account-wide count.
    expect(admit(policy, r, 'y', 1)).toEqual({ allowed: true });
    takeBack(policy, r, 'y', 1, true);
    expect(r.pairs.y).toBeUndefined();
    expect(r.account?.n).toBe(5);
    // Right but a code to come: one off both counts, the address's entry kept.
    expect(admit(policy, r, 'z', 2)).toEqual({ allowed: true });
    takeBack(policy, r, 'z', 2, false);
    expect(r.pairs.z?.n).toBe(0);
    expect(r.account?.n).toBe(5);
  });

  it('counts an IPv6 client by its /56, an IPv4 one by its address', () => {
    expect(clientOf('2001:db8:1:2ff::1')).toBe(clientOf('2001:db8:1:2aa:ffff::9'));
    expect(clientOf('2001:db8:1:2ff::1')).not.toBe(clientOf('2001:db8:1:3ff::1'));
    expect(clientOf('2001:0db8:0001:0200:0:0:0:1')).toBe(clientOf('2001:db8:1:200::1'));
    expect(clientOf('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientOf('192.0.2.1')).not.toBe(clientOf('192.0.2.2'));
    expect(clientOf('unknown')).toBe('unknown');
  });
});
