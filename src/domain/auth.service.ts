import type { Atomic, AuditPort } from './audit.ts';
import { AccountLockedError, ValidationError } from './errors.ts';
import type { LoginAttemptsPort } from './login-throttle.ts';
import { dummyHash, hashPassword, verifyPassword } from './password.ts';
import type { Role } from './taxonomy.ts';
import { newPassword, newSessionToken, sha256Hex } from './tokens.ts';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  language: string;
  active: boolean;
  passwordHash: string;
  /** A partner's institution (the health centre they report for); null for every other role. */
  institution?: string | null;
}

/** What signing in and out writes; each use case's writes and audit entry go on one transaction (`atomically`). */
export interface UserStoreWrites {
  create(input: { email: string; name: string; role: Role; passwordHash: string; now: Date }): Promise<AuthUser>;
  touchLogin(id: string, now: Date): Promise<void>;
  createSession(input: {
    id: string;
    userId: string;
    now: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  }): Promise<void>;
  deleteSession(sessionId: string): Promise<void>;
  /** Returns how many sessions ended. */
  deleteSessionsOf(userId: string): Promise<number>;
}

export interface UserStorePort extends UserStoreWrites, Atomic<UserStoreWrites> {
  count(): Promise<number>;
  byEmail(email: string): Promise<AuthUser | undefined>;
  sessionUser(sessionId: string, now: Date): Promise<AuthUser | undefined>;
}

/** Sign-in's second step: the TOTP factor and the short-lived "password was right" challenges. */
export interface TwoStepPort {
  factor: { isEnabled(userId: string): Promise<boolean>; verify(userId: string, code: string): Promise<boolean> };
  challenges: {
    create(input: { tokenHash: string; userId: string; now: Date; expiresAt: Date }): Promise<void>;
    /** The user a live, unused challenge belongs to. */
    peek(tokenHash: string, now: Date): Promise<AuthUser | undefined>;
    /** Marks it used; false if it was used (or expired) meanwhile. */
    consume(tokenHash: string, now: Date): Promise<boolean>;
  };
}

/** How long the code may take after the password was right. */
const CHALLENGE_TTL_MS = 5 * 60_000;

export type LoginResult =
  | { ok: true; token: string; user: AuthUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'totp_required'; challenge: string }
  | { ok: false; reason: 'locked'; retryAfterSec: number };

/** A signed-in user's password, asked again before a sensitive change of their own. */
export type ReauthResult =
  | { ok: true }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSec: number };

/**
 * A re-authentication's outcome as every route answers it: locked → AccountLockedError (429 with
 * Retry-After from the shared error handler, as at sign-in), wrong → a 400 on `field`.
 */
export function requireReauthenticated(result: ReauthResult, field: string, message: string): void {
  if (result.ok) return;
  if (result.reason === 'locked') throw new AccountLockedError(result.retryAfterSec);
  throw new ValidationError(`wrong ${field}`, [{ field, message }]);
}

export function createAuthService(
  users: UserStorePort,
  audit: AuditPort,
  sessionTtlHours: number,
  attempts?: LoginAttemptsPort,
  twoStep?: TwoStepPort,
) {
  /** Requests without a known client address share one bucket per account. */
  const from = (ip: string | null) => ip ?? 'unknown';
  /**
   * Checks the throttle and, if the try is let in, counts it as a failure in the same step: a right
   * factor takes the count back (succeeded, refund), so parallel wrong tries cannot all get past
   * the check before any of them is counted.
   */
  const lockedFor = async (email: string, ip: string | null, actorId: string | null = null) => {
    const v = await attempts?.attempt(email, from(ip));
    if (!v || v.allowed) return null;
    await audit.write({
      actorId,
      action: 'auth.login_locked',
      ip,
      details: { email: email.toLowerCase().slice(0, 254), scope: v.scope },
    });
    return { ok: false, reason: 'locked', retryAfterSec: v.retryAfterSec } as const;
  };

  const startSession = async (
    user: AuthUser,
    ip: string | null,
    userAgent: string | null,
    details?: Record<string, unknown>,
  ): Promise<LoginResult> => {
    await attempts?.succeeded(user.email, from(ip));
    const token = newSessionToken();
    await users.atomically(async (tx, record) => {
      const now = new Date();
      await tx.createSession({
        id: sha256Hex(token),
        userId: user.id,
        now,
        expiresAt: new Date(now.getTime() + sessionTtlHours * 3_600_000),
        ip,
        userAgent: userAgent?.slice(0, 512) ?? null,
      });
      await tx.touchLogin(user.id, now);
      await record({
        actorId: user.id,
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        ip,
        ...(details && { details }),
      });
    });
    return { ok: true, token, user };
  };

  /**
   * A signed-in user proves a factor again (the password, or a current TOTP code) before a
   * sensitive change of their own. Counted and throttled exactly as signing in, so a session
   * left open cannot be used to guess either.
   */
  const reauthenticateWith = async (
    user: AuthUser,
    ip: string | null,
    factor: 'password' | 'totp',
    proof: () => Promise<boolean>,
  ): Promise<ReauthResult> => {
    // Signed in: the lock is audited with the user as its actor.
    const locked = await lockedFor(user.email, ip, user.id);
    if (locked) return locked;
    if (await proof()) {
      await attempts?.succeeded(user.email, from(ip));
      return { ok: true };
    }
    await audit.write({
      actorId: user.id,
      action: 'auth.reauth_failed',
      entityType: 'user',
      entityId: user.id,
      ip,
      details: { factor },
    });
    return { ok: false, reason: 'invalid' };
  };

  return {
    /**
     * A session token for the cookie, or why not. The answer never says whether the e-mail exists:
     * an unknown address is checked against a dummy hash and locks out the same way.
     */
    async login(email: string, password: string, ip: string | null, userAgent: string | null): Promise<LoginResult> {
      const auditEmail = { email: email.toLowerCase().slice(0, 254) };
      const locked = await lockedFor(email, ip);
      if (locked) return locked;
      const user = await users.byEmail(email);
      const ok = user
        ? await verifyPassword(user.passwordHash, password)
        : await verifyPassword(await dummyHash(), password);
      if (!user || !ok || !user.active) {
        await audit.write({ actorId: user?.id ?? null, action: 'auth.login_failed', ip, details: auditEmail });
        return { ok: false, reason: 'invalid' };
      }
      if (twoStep && (await twoStep.factor.isEnabled(user.id))) {
        // No session yet: this try is not a failure, but the address's delay stays until the code is right too.
        await attempts?.refund(user.email, from(ip));
        const challenge = newSessionToken();
        const now = new Date();
        await twoStep.challenges.create({
          tokenHash: sha256Hex(challenge),
          userId: user.id,
          now,
          expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
        });
        await audit.write({ actorId: user.id, action: 'auth.password_ok', entityType: 'user', entityId: user.id, ip });
        return { ok: false, reason: 'totp_required', challenge };
      }
      return startSession(user, ip, userAgent);
    },

    /** Second step: the challenge from the first and a current TOTP code. Wrong codes count toward lockout. */
    async loginTotp(
      challenge: string,
      code: string,
      ip: string | null,
      userAgent: string | null,
    ): Promise<LoginResult> {
      if (!twoStep) return { ok: false, reason: 'invalid' };
      const hash = sha256Hex(challenge);
      const user = await twoStep.challenges.peek(hash, new Date());
      if (!user?.active) return { ok: false, reason: 'invalid' };
      const locked = await lockedFor(user.email, ip);
      if (locked) return locked;
      if (!(await twoStep.factor.verify(user.id, code))) {
        await audit.write({ actorId: user.id, action: 'auth.totp_failed', entityType: 'user', entityId: user.id, ip });
        return { ok: false, reason: 'invalid' };
      }
      if (!(await twoStep.challenges.consume(hash, new Date()))) {
        // A right code on a challenge spent meanwhile: not a wrong guess.
        await attempts?.refund(user.email, from(ip));
        return { ok: false, reason: 'invalid' };
      }
      return startSession(user, ip, userAgent, { factor: 'totp' });
    },

    reauthenticateWith,

    /** The current password again, checked against the stored hash as it is now. */
    reauthenticate(user: AuthUser, password: string, ip: string | null): Promise<ReauthResult> {
      return reauthenticateWith(user, ip, 'password', async () => {
        const fresh = await users.byEmail(user.email);
        return Boolean(fresh?.active && (await verifyPassword(fresh.passwordHash, password)));
      });
    },

    /** Sign out everywhere: every session of this user ends (open sockets drop at their next check). */
    async logoutEverywhere(actorId: string, ip: string | null): Promise<number> {
      return users.atomically(async (tx, record) => {
        const ended = await tx.deleteSessionsOf(actorId);
        await record({
          actorId,
          action: 'auth.logout_all',
          entityType: 'user',
          entityId: actorId,
          ip,
          details: { sessions: ended },
        });
        return ended;
      });
    },

    userForToken: (token: string) => users.sessionUser(sha256Hex(token), new Date()),

    async logout(token: string, actorId: string, ip: string | null) {
      await users.atomically(async (tx, record) => {
        await tx.deleteSession(sha256Hex(token));
        await record({ actorId, action: 'auth.logout', entityType: 'user', entityId: actorId, ip });
      });
    },

    /**
     * First start: create the first admin from ADMIN_EMAIL / ADMIN_PASSWORD, or generate a password
     * that the caller shows once. Several nodes starting together race on the unique e-mail; one wins.
     */
    async ensureFirstAdmin(email: string | undefined, password: string | undefined) {
      if ((await users.count()) > 0) return null;
      const address = (email ?? 'admin@kontakt.local').toLowerCase();
      const generated = password ? undefined : newPassword();
      const passwordHash = await hashPassword(password ?? (generated as string));
      try {
        await users.atomically(async (tx, record) => {
          const user = await tx.create({
            email: address,
            name: 'Administrator',
            role: 'admin',
            passwordHash,
            now: new Date(),
          });
          await record({ actorId: null, action: 'user.bootstrap_admin', entityType: 'user', entityId: user.id });
        });
        return { email: address, generatedPassword: generated };
      } catch (err) {
        if ((await users.byEmail(address)) !== undefined) return null;
        throw err;
      }
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
