import { and, asc, eq } from 'drizzle-orm';
import type { AuditOf } from '../../domain/audit.ts';
import { writeAudit } from '../../store/audit.repository.ts';
import type { Db } from '../../store/db.ts';
import { contactIdentities, phoneCallbacks, phoneDoNotCall } from '../../store/schema/index.ts';
import { isActive } from './phone-callback-effects.ts';

/** Numbers a supervisor marked "do not call back", with who and why. */
export function createPhoneDoNotCallRepository(db: Db) {
  return {
    async get(number: string) {
      const [row] = await db.select().from(phoneDoNotCall).where(eq(phoneDoNotCall.number, number));
      return row ? { reason: row.reason, setBy: row.setBy, setAt: row.setAt.toISOString() } : null;
    },

    async list() {
      const rows = await db.select().from(phoneDoNotCall).orderBy(asc(phoneDoNotCall.setAt));
      return rows.map((r) => ({ ...r, setAt: r.setAt.toISOString() }));
    },

    /**
     * Mark or clear "do not call back"; marking cancels the number's open task. `audit` is written
     * in the same transaction.
     */
    async set(
      number: string,
      value: boolean,
      input: { reason: string | null; userId: string },
      now: Date,
      audit: AuditOf<{ changed: boolean; cancelled: string | null }>,
    ): Promise<{ changed: boolean; cancelled: string | null }> {
      return db.transaction(async (t) => {
        const done = async (r: { changed: boolean; cancelled: string | null }) => {
          await writeAudit(t, audit(r), now);
          return r;
        };
        if (!value) {
          const gone = await t.delete(phoneDoNotCall).where(eq(phoneDoNotCall.number, number)).returning();
          return done({ changed: gone.length > 0, cancelled: null });
        }
        const [identity] = await t
          .select({ contactId: contactIdentities.contactId })
          .from(contactIdentities)
          .where(and(eq(contactIdentities.kind, 'phone'), eq(contactIdentities.value, number)));
        const inserted = await t
          .insert(phoneDoNotCall)
          .values({
            number,
            contactId: identity?.contactId ?? null,
            reason: input.reason,
            setBy: input.userId,
            setAt: now,
          })
          .onConflictDoUpdate({ target: phoneDoNotCall.number, set: { reason: input.reason } })
          .returning({ setAt: phoneDoNotCall.setAt });
        const [cancelled] = await t
          .update(phoneCallbacks)
          .set({
            status: 'cancelled',
            resolution: 'do_not_call',
            completedAt: now,
            completedBy: input.userId,
            updatedAt: now,
          })
          .where(and(eq(phoneCallbacks.number, number), isActive))
          .returning({ id: phoneCallbacks.id });
        return done({ changed: inserted[0]?.setAt.getTime() === now.getTime(), cancelled: cancelled?.id ?? null });
      });
    },
  };
}

export type PhoneDoNotCallRepository = ReturnType<typeof createPhoneDoNotCallRepository>;
