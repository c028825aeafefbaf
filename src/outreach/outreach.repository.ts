import { and, desc, eq, gte, like, lt, lte, or, sql } from 'drizzle-orm';
import type { AuditOf } from '../domain/audit.ts';
import { NotFoundError } from '../domain/errors.ts';
import { writeAudit } from '../store/audit.repository.ts';
import type { Db } from '../store/db.ts';
import { type OutreachActivityRow, outreachActivities as oa } from '../store/schema/index.ts';
import { foldName, type InstitutionKind, type OutreachActivity, type OutreachKind } from './outreach.ts';

/** What one activity is stored as: the fields of the register, the institution's key computed. */
export interface ActivityRecord {
  kind: OutreachKind;
  date: string;
  institution: { name: string; kind: InstitutionKind; municipality: string | null } | null;
  institutionKey: string | null;
  educators: string[];
  audience: OutreachActivity['audience'];
  topics: string[];
  notes: string | null;
}

export interface ActivityFilter {
  from?: string | undefined;
  to?: string | undefined;
  kind?: OutreachKind | undefined;
  municipality?: string | undefined;
  institution?: string | undefined;
  /** Older than this (date, id) in the list's order: keyset paging. */
  after?: { date: string; id: string } | undefined;
  limit: number;
}

export function toActivity(r: OutreachActivityRow): OutreachActivity {
  return {
    id: r.id,
    kind: r.kind as OutreachKind,
    date: r.heldOn,
    institution: r.institutionName
      ? {
          name: r.institutionName,
          kind: (r.institutionKind ?? 'other') as InstitutionKind,
          municipality: r.municipality,
        }
      : null,
    educators: r.educators,
    audience: {
      students: r.students,
      parents: r.parents,
      teachers: r.teachers,
      healthWorkers: r.healthWorkers,
      others: r.others,
    },
    topics: r.topics,
    notes: r.notes,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const columns = (a: ActivityRecord) => ({
  kind: a.kind,
  heldOn: a.date,
  institutionName: a.institution?.name ?? null,
  institutionKind: a.institution?.kind ?? null,
  municipality: a.institution?.municipality ?? null,
  institutionKey: a.institutionKey,
  educators: a.educators,
  students: a.audience.students,
  parents: a.audience.parents,
  teachers: a.audience.teachers,
  healthWorkers: a.audience.healthWorkers,
  others: a.audience.others,
  topics: a.topics,
  notes: a.notes,
});

const likeEscaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createOutreachRepository(db: Db) {
  return {
    /** Several activities (one, or a whole imported file) and their record, in one transaction. */
    async createMany(
      records: ActivityRecord[],
      by: string,
      now: Date,
      audit: AuditOf<OutreachActivity[]>,
    ): Promise<OutreachActivity[]> {
      return db.transaction(async (t) => {
        const made: OutreachActivity[] = [];
        // In slices: one statement per few hundred rows keeps under the parameter limit.
        for (let i = 0; i < records.length; i += 500) {
          const rows = await t
            .insert(oa)
            .values(
              records.slice(i, i + 500).map((a) => ({ ...columns(a), createdBy: by, createdAt: now, updatedAt: now })),
            )
            .returning();
          made.push(...rows.map(toActivity));
        }
        await writeAudit(t, audit(made), now);
        return made;
      });
    },

    async get(id: string): Promise<OutreachActivity> {
      const [r] = await db.select().from(oa).where(eq(oa.id, id));
      if (!r) throw new NotFoundError('outreach activity');
      return toActivity(r);
    },

    /**
     * A correction: `change` gets the activity as it is (read under its row lock) and returns the
     * whole new record; `audit` is made from before and after, in the same transaction.
     */
    async update(
      id: string,
      change: (before: OutreachActivity) => ActivityRecord,
      now: Date,
      audit: AuditOf<{ before: OutreachActivity; after: OutreachActivity }>,
    ): Promise<OutreachActivity> {
      return db.transaction(async (t) => {
        const [b] = await t.select().from(oa).where(eq(oa.id, id)).for('update');
        if (!b) throw new NotFoundError('outreach activity');
        const before = toActivity(b);
        const [r] = await t
          .update(oa)
          .set({ ...columns(change(before)), updatedAt: now })
          .where(eq(oa.id, id))
          .returning();
        if (!r) throw new NotFoundError('outreach activity');
        const after = toActivity(r);
        await writeAudit(t, audit({ before, after }), now);
        return after;
      });
    },

    /** Newest activity first (date, then id); one more row than asked tells whether a page follows. */
    async list(f: ActivityFilter): Promise<{ items: OutreachActivity[]; more: boolean }> {
      const municipality = f.municipality ? foldName(f.municipality) : undefined;
      const name = f.institution ? foldName(f.institution) : undefined;
      const rows = await db
        .select()
        .from(oa)
        .where(
          and(
            f.from ? gte(oa.heldOn, f.from) : undefined,
            f.to ? lte(oa.heldOn, f.to) : undefined,
            f.kind ? eq(oa.kind, f.kind) : undefined,
            municipality !== undefined ? sql`split_part(${oa.institutionKey}, '|', 2) = ${municipality}` : undefined,
            name ? like(sql`split_part(${oa.institutionKey}, '|', 1)`, `%${likeEscaped(name)}%`) : undefined,
            f.after
              ? or(lt(oa.heldOn, f.after.date), and(eq(oa.heldOn, f.after.date), lt(oa.id, f.after.id)))
              : undefined,
          ),
        )
        .orderBy(desc(oa.heldOn), desc(oa.id))
        .limit(f.limit + 1);
      return { items: rows.slice(0, f.limit).map(toActivity), more: rows.length > f.limit };
    },
  };
}

export type OutreachRepository = ReturnType<typeof createOutreachRepository>;
