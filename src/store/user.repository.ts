import { and, count, eq, gt } from 'drizzle-orm';
import type { Role } from '../domain/taxonomy.ts';
import { atomically } from './audit.repository.ts';
import type { Db } from './db.ts';
import { sessions, type UserRow, users } from './schema/index.ts';

/** Users and sessions on one handle. */
function userRows(db: Db) {
  return {
    async count(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(users);
      return row?.n ?? 0;
    },

    async create(input: {
      email: string;
      name: string;
      role: Role;
      passwordHash: string;
      now: Date;
    }): Promise<UserRow> {
      const [row] = await db
        .insert(users)
        .values({
          email: input.email.toLowerCase(),
          name: input.name,
          role: input.role,
          passwordHash: input.passwordHash,
          createdAt: input.now,
        })
        .returning();
      if (!row) throw new Error('user insert returned nothing');
      return row;
    },

    async byEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
      return row;
    },

    async byId(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },

    async touchLogin(id: string, now: Date): Promise<void> {
      await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, id));
    },

    async createSession(input: {
      id: string;
      userId: string;
      now: Date;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
    }): Promise<void> {
      await db.insert(sessions).values({
        id: input.id,
        userId: input.userId,
        createdAt: input.now,
        expiresAt: input.expiresAt,
        ip: input.ip,
        userAgent: input.userAgent,
      });
    },

    /** The active user behind a live session, or undefined. */
    async sessionUser(sessionId: string, now: Date): Promise<UserRow | undefined> {
      const [row] = await db
        .select({ u: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now), eq(users.active, true)));
      return row?.u;
    },

    async deleteSessionsOf(userId: string): Promise<number> {
      const rows = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
      return rows.length;
    },

    async deleteSession(sessionId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, sessionId));
    },
  };
}

/** Users and sessions; `atomically` puts a use case's writes and its audit entry on one transaction. */
export function createUserRepository(db: Db) {
  return { ...userRows(db), atomically: atomically(db, userRows) };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
