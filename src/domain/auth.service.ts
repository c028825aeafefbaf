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
}

export function createAuthService(users: UserStorePort, audit: AuditPort, sessionTtlHours: number) {
  return {
    /** A session token for the cookie, or null; the answer never says whether the e-mail exists. */
    async login(email: string, password: string, ip: string | null, userAgent: string | null) {
      const user = await users.byEmail(email);
      const ok = user
        ? await verifyPassword(user.passwordHash, password)
        : await verifyPassword(await dummyHash(), password);
      if (!user || !ok || !user.active) {
        await audit.write({
          actorId: user?.id ?? null,
          action: 'auth.login_failed',
          ip,
          details: { email: email.toLowerCase().slice(0, 254) },
        });
        return null;
      }
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
      return { token, user };
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
