import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { AccountChange, AccountRow, AccountStorePort, LinkKind } from '../domain/account-store.port.ts';
import type { TotpStorePort } from '../domain/totp.service.ts';
import { atomically } from './audit.repository.ts';
import type { Db } from './db.ts';
import { sessions, type UserRow, users, userTokens, userTotp } from './schema/index.ts';

/** Users as admins manage them, one-time links, and the TOTP factor. */
export function createAccountRepository(db: Db): AccountStorePort {
  return {
    atomically: atomically(db, createAccountRepository),

    async list(now: Date): Promise<AccountRow[]> {
      const invitePending = sql<boolean>`exists (select 1 from ${userTokens} t where t.user_id = ${users.id}
        and t.kind = 'invite' and t.used_at is null and t.expires_at > ${now})`;
      const rows = await db
        .select({ u: users, totp: userTotp.confirmedAt, invitePending })
        .from(users)
        .leftJoin(userTotp, eq(userTotp.userId, users.id))
        .orderBy(asc(users.name), asc(users.email));
      return rows.map(({ u, totp, invitePending }) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        institution: u.institution,
        active: u.active,
        hasPassword: u.passwordHash !== '',
        invitePending: Boolean(invitePending),
        totpEnabled: totp !== null,
        createdAt: u.createdAt,
        lastLoginAt: u.lastLoginAt,
      }));
    },

    async byId(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },

    async byEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
      return row;
    },

    async create(input) {
      const [row] = await db
        .insert(users)
        .values({
          email: input.email.toLowerCase(),
          name: input.name,
          role: input.role,
          institution: input.institution,
          passwordHash: input.passwordHash,
          active: input.active,
          createdAt: input.now,
        })
        .onConflictDoNothing({ target: users.email })
        .returning();
      return row;
    },

    /**
     * Role, name or active flag, refusing to leave no active admin. The active admins' rows are
     * locked first, so two admins demoting each other at once cannot both succeed.
     */
    async change(id: string, change: AccountChange) {
      return db.transaction(async (tx) => {
        const admins = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.role, 'admin'), eq(users.active, true)))
          .for('update');
        const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
        if (!before) return { outcome: 'not_found' } as const;
        const losesAdmin =
          before.role === 'admin' &&
          before.active &&
          ((change.role !== undefined && change.role !== 'admin') || change.active === false);
        if (losesAdmin && !admins.some((a) => a.id !== id)) return { outcome: 'last_admin' } as const;
        const [after] = await tx.update(users).set(change).where(eq(users.id, id)).returning();
        if (!after) return { outcome: 'not_found' } as const;
        return { outcome: 'ok', before, after } as const;
      });
    },

    async setPassword(id: string, passwordHash: string, activate: boolean) {
      const rows = await db
        .update(users)
        .set({ passwordHash, ...(activate && { active: true }) })
        .where(eq(users.id, id))
        .returning({ id: users.id });
      return rows.length === 1;
    },

    async deleteSessionsOf(userId: string, keepSessionId?: string): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined))
        .returning({ id: sessions.id });
      return rows.length;
    },

    async createLink(input) {
      await db.insert(userTokens).values({
        tokenHash: input.tokenHash,
        userId: input.userId,
        kind: input.kind,
        createdBy: input.createdBy,
        createdAt: input.now,
        expiresAt: input.expiresAt,
      });
    },

    async linkUser(tokenHash: string, kinds: LinkKind[], now: Date) {
      const [row] = await db
        .select({ u: users, kind: userTokens.kind })
        .from(userTokens)
        .innerJoin(users, eq(users.id, userTokens.userId))
        .where(
          and(
            eq(userTokens.tokenHash, tokenHash),
            inArray(userTokens.kind, kinds),
            isNull(userTokens.usedAt),
            gt(userTokens.expiresAt, now),
          ),
        );
      return row ? { user: row.u, kind: row.kind } : undefined;
    },

    async consumeLink(tokenHash: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(userTokens)
        .set({ usedAt: now })
        .where(and(eq(userTokens.tokenHash, tokenHash), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)))
        .returning({ h: userTokens.tokenHash });
      return rows.length === 1;
    },

    /** Earlier links stop working: a new one was issued, or the account was deactivated. */
    async revokeLinks(userId: string, kinds: LinkKind[], now: Date) {
      await db
        .update(userTokens)
        .set({ usedAt: now })
        .where(and(eq(userTokens.userId, userId), inArray(userTokens.kind, kinds), isNull(userTokens.usedAt)));
    },
  };
}

export function createTotpRepository(db: Db): TotpStorePort {
  return {
    atomically: atomically(db, createTotpRepository),
    async get(userId) {
      const [row] = await db
        .select({ secretEnc: userTotp.secretEnc, confirmedAt: userTotp.confirmedAt, lastStep: userTotp.lastStep })
        .from(userTotp)
        .where(eq(userTotp.userId, userId));
      return row;
    },
    async putPending(userId, secretEnc, now) {
      await db
        .insert(userTotp)
        .values({ userId, secretEnc, createdAt: now })
        .onConflictDoUpdate({
          target: userTotp.userId,
          set: { secretEnc, createdAt: now, lastStep: null },
          // Never overwrite a confirmed factor by a new enrolment.
          setWhere: isNull(userTotp.confirmedAt),
        });
    },
    async confirm(userId, now) {
      await db.update(userTotp).set({ confirmedAt: now }).where(eq(userTotp.userId, userId));
    },
    async useStep(userId, step) {
      const rows = await db
        .update(userTotp)
        .set({ lastStep: step })
        .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step))))
        .returning({ s: userTotp.lastStep });
      return rows.length === 1;
    },
    async remove(userId) {
      const rows = await db.delete(userTotp).where(eq(userTotp.userId, userId)).returning({ u: userTotp.userId });
      return rows.length === 1;
    },
  };
}

/** The sign-in challenges of TwoStepPort, kept as one-time tokens of kind totp_login. */
export function createLoginChallenges(db: Db) {
  const repo = createAccountRepository(db);
  return {
    async create(input: { tokenHash: string; userId: string; now: Date; expiresAt: Date }) {
      // Spent and stale challenges of this user are of no further use.
      await db
        .delete(userTokens)
        .where(
          and(
            eq(userTokens.userId, input.userId),
            eq(userTokens.kind, 'totp_login'),
            or(isNotNull(userTokens.usedAt), lt(userTokens.expiresAt, input.now)),
          ),
        );
      await repo.createLink({ ...input, kind: 'totp_login', createdBy: null });
    },
    async peek(tokenHash: string, now: Date) {
      return (await repo.linkUser(tokenHash, ['totp_login'], now))?.user;
    },
    consume: (tokenHash: string, now: Date) => repo.consumeLink(tokenHash, now),
  };
}
