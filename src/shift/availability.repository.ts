import { and, count, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { AuditEntry } from '../domain/audit.ts';
import { STAFF_ROLES } from '../domain/taxonomy.ts';
import { writeAudit } from '../store/audit.repository.ts';
import type { Db } from '../store/db.ts';
import { cases, notificationSettings, sessions, userAvailability, users } from '../store/schema/index.ts';
import {
  type AvailabilityState,
  DEFAULT_NOTIFICATION_SETTINGS,
  type NotificationSettings,
  type OnDuty,
} from './shift.ts';

/** Availability and notification settings per user; every change audited in its own transaction. */
export function createShiftRepository(db: Db) {
  return {
    async setAvailability(
      userId: string,
      state: AvailabilityState,
      now: Date,
      audit: (previous: string) => AuditEntry,
    ) {
      return db.transaction(async (t) => {
        const [before] = await t
          .select({ state: userAvailability.state })
          .from(userAvailability)
          .where(eq(userAvailability.userId, userId))
          .for('update');
        const previous = before?.state ?? 'available';
        await t
          .insert(userAvailability)
          .values({ userId, state, updatedAt: now })
          .onConflictDoUpdate({ target: userAvailability.userId, set: { state, updatedAt: now } });
        if (previous !== state) await writeAudit(t, [audit(previous)], now);
        return { previous };
      });
    },

    async availabilityOf(userId: string): Promise<AvailabilityState> {
      const [row] = await db
        .select({ state: userAvailability.state })
        .from(userAvailability)
        .where(eq(userAvailability.userId, userId));
      return row?.state ?? 'available';
    },

    /**
     * Who is on duty: active case workers with a session that has not expired (signed in, not signed
     * out), each with their state and open cases. A state of `away` still lists them, marked away.
     */
    async onDuty(now: Date): Promise<OnDuty[]> {
      const signedIn = db.selectDistinct({ userId: sessions.userId }).from(sessions).where(gt(sessions.expiresAt, now));
      const open = db
        .select({ assigneeId: cases.assigneeId, n: count().as('n') })
        .from(cases)
        .where(and(ne(cases.status, 'closed'), isNull(cases.mergedIntoId)))
        .groupBy(cases.assigneeId)
        .as('open');
      const rows = await db
        .select({
          id: users.id,
          name: users.name,
          role: users.role,
          state: userAvailability.state,
          openCases: open.n,
        })
        .from(users)
        .leftJoin(userAvailability, eq(userAvailability.userId, users.id))
        .leftJoin(open, eq(open.assigneeId, users.id))
        .where(and(eq(users.active, true), inArray(users.role, [...STAFF_ROLES]), inArray(users.id, signedIn)))
        .orderBy(users.name);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        role: r.role,
        state: r.state ?? 'available',
        openCases: Number(r.openCases ?? 0),
      }));
    },

    async settingsOf(userId: string): Promise<NotificationSettings> {
      const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
      if (!row) return { ...DEFAULT_NOTIFICATION_SETTINGS };
      const { userId: _u, updatedAt: _at, ...settings } = row;
      return settings;
    },

    async saveSettings(userId: string, s: NotificationSettings, now: Date, audit: AuditEntry) {
      await db.transaction(async (t) => {
        await t
          .insert(notificationSettings)
          .values({ userId, ...s, updatedAt: now })
          .onConflictDoUpdate({ target: notificationSettings.userId, set: { ...s, updatedAt: now } });
        await writeAudit(t, [audit], now);
      });
    },
  };
}

export type ShiftRepository = ReturnType<typeof createShiftRepository>;
