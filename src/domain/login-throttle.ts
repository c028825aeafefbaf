/**
 * Sign-in throttling rules, kept apart from where the counters live (Redis, or memory while Redis
 * is away). Two counters per account:
 * - per (account, client address): `freeFailures` wrong tries, then each further try waits
 *   `baseDelaySec · 2^(n − freeFailures)` seconds after the last failure, up to `maxDelaySec`;
 *   forgotten `pairMemorySec` after the last failure, or at once on a right password from there.
 *   A stranger's failures therefore delay only the stranger's address.
 * - per account, across all addresses: `accountMaxFailures` failures within `accountWindowSec`
 *   refuse every address until that window ends (a guess spread over many addresses); a right
 *   password does not clear it, an admin's unlock does.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  baseDelaySec: number;
  maxDelaySec: number;
  pairMemorySec: number;
  accountMaxFailures: number;
  accountWindowSec: number;
}

/** What the store knows about one account: failures per address (hashed) and across all of them. */
export interface ThrottleRecord {
  pairs: Record<string, { n: number; t: number }>;
  /** Failures in the account window that started at `t0` (ms). */
  account: { n: number; t0: number } | null;
}

export type ThrottleVerdict =
  | { allowed: true }
  | { allowed: false; scope: 'account' | 'address'; retryAfterSec: number; until: number };

export function pairDelaySec(p: ThrottlePolicy, failures: number): number {
  if (failures < p.freeFailures) return 0;
  const exp = Math.min(failures - p.freeFailures, 30);
  return Math.min(p.maxDelaySec, p.baseDelaySec * 2 ** exp);
}

const live = (p: ThrottlePolicy, pair: { n: number; t: number } | undefined, now: number) =>
  pair && now - pair.t < p.pairMemorySec * 1000 ? pair : undefined;

const accountOpen = (p: ThrottlePolicy, r: ThrottleRecord, now: number) =>
  r.account && now - r.account.t0 < p.accountWindowSec * 1000 ? r.account : null;

export const refuse = (scope: 'account' | 'address', until: number, now: number): ThrottleVerdict => ({
  allowed: false,
  scope,
  until,
  retryAfterSec: Math.max(1, Math.ceil((until - now) / 1000)),
});

export function verdict(p: ThrottlePolicy, r: ThrottleRecord, pairKey: string, now: number): ThrottleVerdict {
  const acct = accountOpen(p, r, now);
  if (acct && acct.n >= p.accountMaxFailures) return refuse('account', acct.t0 + p.accountWindowSec * 1000, now);
  const pair = live(p, r.pairs[pairKey], now);
  if (!pair) return { allowed: true };
  const until = pair.t + pairDelaySec(p, pair.n) * 1000;
  return until > now ? refuse('address', until, now) : { allowed: true };
}

/** One more failure from this address (mutates and returns the record). */
export function recordFailure(p: ThrottlePolicy, r: ThrottleRecord, pairKey: string, now: number): ThrottleRecord {
  const pair = live(p, r.pairs[pairKey], now);
  r.pairs[pairKey] = { n: (pair?.n ?? 0) + 1, t: now };
  const acct = accountOpen(p, r, now);
  r.account = acct ? { n: acct.n + 1, t0: acct.t0 } : { n: 1, t0: now };
  return r;
}

/**
 * One try, checked and counted in one step: if it is let in it counts as a failure at once (the
 * record is mutated), so parallel tries cannot all pass the check before any of them is counted.
 * A right factor takes the count back (takeBack).
 */
export function admit(p: ThrottlePolicy, r: ThrottleRecord, pairKey: string, now: number): ThrottleVerdict {
  const v = verdict(p, r, pairKey, now);
  if (v.allowed) recordFailure(p, r, pairKey, now);
  return v;
}

/**
 * A try that was not a failure after all: one off the account-wide count, and the address's entry
 * forgotten (`forget`, a right password that signs in) or one off it (the sign-in goes on to a code).
 */
export function takeBack(
  p: ThrottlePolicy,
  r: ThrottleRecord,
  pairKey: string,
  now: number,
  forget: boolean,
): ThrottleRecord {
  const pair = r.pairs[pairKey];
  if (forget) delete r.pairs[pairKey];
  else if (pair && pair.n > 0) r.pairs[pairKey] = { n: pair.n - 1, t: pair.t };
  const acct = accountOpen(p, r, now);
  if (acct && acct.n > 0) r.account = { n: acct.n - 1, t0: acct.t0 };
  return r;
}

/** For the admins' users list: is the account refused everywhere, or delayed from some addresses? */
export function lockSummary(p: ThrottlePolicy, r: ThrottleRecord, now: number): LockSummary | null {
  const acct = accountOpen(p, r, now);
  if (acct && acct.n >= p.accountMaxFailures)
    return { scope: 'account', until: new Date(acct.t0 + p.accountWindowSec * 1000), addresses: 0 };
  let latest = 0;
  let addresses = 0;
  for (const key of Object.keys(r.pairs)) {
    const v = verdict(p, { pairs: r.pairs, account: null }, key, now);
    if (!v.allowed) {
      addresses++;
      latest = Math.max(latest, v.until);
    }
  }
  return addresses ? { scope: 'address', until: new Date(latest), addresses } : null;
}

export type LockSummary = { scope: 'account' | 'address'; until: Date; addresses: number };

/** Failed sign-ins per account and per (account, address), shared by every api node. */
export interface LoginAttemptsPort {
  /**
   * Checks and counts in one atomic step (admit): a try let in is a failure until succeeded() or
   * refund() takes it back, so N parallel wrong tries cannot all pass before any is counted.
   */
  attempt(account: string, address: string): Promise<ThrottleVerdict>;
  /**
   * A right password (or code) from this address: its delay is forgotten and this try's provisional
   * count comes off the account-wide count (earlier failures stay counted there).
   */
  succeeded(account: string, address: string): Promise<void>;
  /** Right, but the sign-in goes on to a second step: this try's provisional count comes off both counts. */
  refund(account: string, address: string): Promise<void>;
  /** An admin's unlock: every delay and the account-wide count go. */
  unlock(account: string): Promise<void>;
  summary(account: string): Promise<LockSummary | null>;
}

/** Seconds a store must keep an account's record for these rules to hold. */
export const recordTtlSec = (p: ThrottlePolicy) => Math.max(p.pairMemorySec, p.accountWindowSec);
