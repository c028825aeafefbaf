import type { AuditPort } from './audit.ts';
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
}

export interface UserStorePort {
  count(): Promise<number>;
  byEmail(email: string): Promise<AuthUser | undefined>;
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
  sessionUser(sessionId: string, now: Date): Promise<AuthUser | undefined>;
  deleteSession(sessionId: string): Promise<void>;
  /** Returns how many sessions ended. */
  deleteSessionsOf(userId: string): Promise<number>;
}

/** Failed sign-ins per account (any node): the lockout counter. */
export interface LoginAttemptsPort {
  failures(email: string): Promise<{ count: number; retryAfterSec: number }>;
  fail(email: string): Promise<void>;
  reset(email: string): Promise<void>;
}

export type LoginResult =
  | { ok: true; token: string; user: AuthUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSec: number };

export function createAuthService(
  users: UserStorePort,
  audit: AuditPort,
  sessionTtlHours: number,
  lockout?: { attempts: LoginAttemptsPort; maxFailures: number },
) {
  return {
    /**
     * A session token for the cookie, or why not. The answer never says whether the e-mail exists:
     * an unknown address is checked against a dummy hash and locks out the same way.
     */
    async login(email: string, password: string, ip: string | null, userAgent: string | null): Promise<LoginResult> {
      const auditEmail = { email: email.toLowerCase().slice(0, 254) };
      const before = await lockout?.attempts.failures(email);
      if (lockout && before && before.count >= lockout.maxFailures) {
        await audit.write({ actorId: null, action: 'auth.login_locked', ip, details: auditEmail });
        return { ok: false, reason: 'locked', retryAfterSec: before.retryAfterSec };
      }
      const user = await users.byEmail(email);
      const ok = user
        ? await verifyPassword(user.passwordHash, password)
        : await verifyPassword(await dummyHash(), password);
      if (!user || !ok || !user.active) {
        await lockout?.attempts.fail(email);
        await audit.write({ actorId: user?.id ?? null, action: 'auth.login_failed', ip, details: auditEmail });
        return { ok: false, reason: 'invalid' };
      }
      await lockout?.attempts.reset(email);
      const token = newSessionToken();
      const now = new Date();
      await users.createSession({
        id: sha256Hex(token),
        userId: user.id,
        now,
        expiresAt: new Date(now.getTime() + sessionTtlHours * 3_600_000),
        ip,
        userAgent: userAgent?.slice(0, 512) ?? null,
      });
      await users.touchLogin(user.id, now);
      await audit.write({ actorId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id, ip });
      return { ok: true, token, user };
    },

    /** Sign out everywhere: every session of this user ends (open sockets drop at their next check). */
    async logoutEverywhere(actorId: string, ip: string | null): Promise<number> {
      const ended = await users.deleteSessionsOf(actorId);
      await audit.write({
        actorId,
        action: 'auth.logout_all',
        entityType: 'user',
        entityId: actorId,
        ip,
        details: { sessions: ended },
      });
      return ended;
    },

    userForToken: (token: string) => users.sessionUser(sha256Hex(token), new Date()),

    async logout(token: string, actorId: string, ip: string | null) {
      await users.deleteSession(sha256Hex(token));
      await audit.write({ actorId, action: 'auth.logout', entityType: 'user', entityId: actorId, ip });
    },

    /**
     * First start: create the first admin from ADMIN_EMAIL / ADMIN_PASSWORD, or generate a password
     * that the caller shows once. Several nodes starting together race on the unique e-mail; one wins.
     */
    async ensureFirstAdmin(email: string | undefined, password: string | undefined) {
      if ((await users.count()) > 0) return null;
      const address = (email ?? 'admin@kontakt.local').toLowerCase();
      const generated = password ? undefined : newPassword();
      try {
        const user = await users.create({
          email: address,
          name: 'Administrator',
          role: 'admin',
          passwordHash: await hashPassword(password ?? (generated as string)),
          now: new Date(),
        });
        await audit.write({ actorId: null, action: 'user.bootstrap_admin', entityType: 'user', entityId: user.id });
        return { email: address, generatedPassword: generated };
      } catch (err) {
        if ((await users.byEmail(address)) !== undefined) return null;
        throw err;
      }
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
