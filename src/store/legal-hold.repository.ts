import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { LegalHoldPort } from '../domain/legal-hold.service.ts';
import { writeAudit } from './audit.repository.ts';
import type { Db } from './db.ts';
import { cases, legalHolds, referrals, users } from './schema/index.ts';

const placer = alias(users, 'placer');
const lifter = alias(users, 'lifter');

/** Lock the case row: placing a hold and anonymising the case never interleave. */
export async function lockCase(db: Db, caseId: string): Promise<boolean> {
  const rows = await db.execute(sql`select id from cases where id = ${caseId} for update`);
  return (rows as unknown as { rows: unknown[] }).rows.length === 1;
}

export async function hasActiveHold(db: Db, caseId: string): Promise<boolean> {
  const [h] = await db
    .select({ id: legalHolds.id })
    .from(legalHolds)
    .where(and(eq(legalHolds.caseId, caseId), isNull(legalHolds.liftedAt)))
    .limit(1);
  return h !== undefined;
}

export function createLegalHoldRepository(db: Db): LegalHoldPort {
  return {
    async caseExists(caseId) {
      const [c] = await db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId));
      return c !== undefined;
    },

    async holds(caseId) {
      const rows = await db
        .select({ h: legalHolds, placedByName: placer.name, liftedByName: lifter.name })
        .from(legalHolds)
        .leftJoin(placer, eq(placer.id, legalHolds.placedBy))
        .leftJoin(lifter, eq(lifter.id, legalHolds.liftedBy))
        .where(eq(legalHolds.caseId, caseId))
        .orderBy(desc(legalHolds.placedAt));
      return rows.map(({ h, placedByName, liftedByName }) => ({
        id: h.id,
        reason: h.reason,
        placedBy: h.placedBy,
        placedByName,
        placedAt: h.placedAt.toISOString(),
        liftedBy: h.liftedBy,
        liftedByName,
        liftedAt: h.liftedAt?.toISOString() ?? null,
        liftReason: h.liftReason,
      }));
    },

    async hasReferralTo(caseId, institutions) {
      const [r] = await db
        .select({ id: referrals.id })
        .from(referrals)
        .where(and(eq(referrals.caseId, caseId), inArray(referrals.institution, [...institutions])))
        .limit(1);
      return r !== undefined;
    },

    async place(caseId, reason, by, now, audit) {
      return db.transaction(async (t) => {
        if (!(await lockCase(t, caseId)) || (await hasActiveHold(t, caseId))) return null;
        const [row] = await t
          .insert(legalHolds)
          .values({ caseId, reason, placedBy: by, placedAt: now })
          .returning({ id: legalHolds.id });
        if (!row) throw new Error('legal hold insert returned nothing');
        await writeAudit(t, audit(row.id), now);
        return row.id;
      });
    },

    async lift(caseId, reason, by, now, audit) {
      return db.transaction(async (t) => {
        const rows = await t
          .update(legalHolds)
          .set({ liftedAt: now, liftedBy: by, liftReason: reason })
          .where(and(eq(legalHolds.caseId, caseId), isNull(legalHolds.liftedAt)))
          .returning({ id: legalHolds.id });
        if (rows.length === 0) return false;
        await writeAudit(t, audit(), now);
        return true;
      });
    },
  };
}
