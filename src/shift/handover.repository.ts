import { aliasedTable, and, asc, desc, eq, ilike, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { AuditEntry } from '../domain/audit.ts';
import { DomainError, NotFoundError } from '../domain/errors.ts';
import { writeAudit } from '../store/audit.repository.ts';
import type { Db } from '../store/db.ts';
import { cases, handovers, phoneCallbacks, referrals, users } from '../store/schema/index.ts';

/** What was open when a handover was written, by reference only (no words, no phone numbers). */
export interface HandoverOpen {
  urgentCases: { id: string; reference: string; channel: string; assigneeName: string | null; since: string }[];
  callbacks: { id: string; reason: string; dueAt: string; attempts: number; overdue: boolean }[];
  overdueReferrals: { id: string; caseId: string; reference: string; institution: string; sentAt: string }[];
}

export interface HandoverView {
  id: string;
  author: { id: string; name: string };
  note: string;
  open: HandoverOpen;
  createdAt: string;
  acknowledged: { by: { id: string; name: string }; at: string } | null;
}

export interface HandoverFilter {
  q?: string;
  from?: Date;
  to?: Date;
  /** Only those nobody has acknowledged yet. */
  pending?: boolean;
  /** Leave out this author's own (the next shift's list). */
  notBy?: string;
  before?: Date;
  limit: number;
}

const DAY = 86_400_000;
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Handovers: written with what was open at that moment, acknowledged once by someone else. */
export function createHandoverRepository(db: Db, opts: { ackDays: number }) {
  const author = aliasedTable(users, 'author');
  const acker = aliasedTable(users, 'acker');

  const openNow = async (t: Db, now: Date): Promise<HandoverOpen> => {
    const [urgent, callbacks, overdue] = await Promise.all([
      t
        .select({
          id: cases.id,
          reference: cases.reference,
          channel: cases.channel,
          assigneeName: users.name,
          since: cases.createdAt,
        })
        .from(cases)
        .leftJoin(users, eq(users.id, cases.assigneeId))
        .where(and(eq(cases.priority, 'urgent'), ne(cases.status, 'closed'), isNull(cases.mergedIntoId)))
        .orderBy(asc(cases.createdAt)),
      t
        .select({
          id: phoneCallbacks.id,
          reason: phoneCallbacks.reason,
          dueAt: phoneCallbacks.dueAt,
          attempts: phoneCallbacks.attempts,
        })
        .from(phoneCallbacks)
        .where(inArray(phoneCallbacks.status, ['open', 'attempted']))
        .orderBy(asc(phoneCallbacks.dueAt)),
      t
        .select({
          id: referrals.id,
          caseId: referrals.caseId,
          reference: cases.reference,
          institution: referrals.institution,
          sentAt: referrals.sentAt,
        })
        .from(referrals)
        .innerJoin(cases, eq(cases.id, referrals.caseId))
        .where(and(eq(referrals.status, 'sent'), lt(referrals.sentAt, new Date(now.getTime() - opts.ackDays * DAY))))
        .orderBy(asc(referrals.sentAt)),
    ]);
    return {
      urgentCases: urgent.map((c) => ({ ...c, since: c.since.toISOString() })),
      callbacks: callbacks.map((c) => ({
        ...c,
        dueAt: c.dueAt.toISOString(),
        overdue: c.dueAt.getTime() < now.getTime(),
      })),
      overdueReferrals: overdue.map((r) => ({ ...r, sentAt: (r.sentAt ?? now).toISOString() })),
    };
  };

  const select = (t: Db) =>
    t
      .select({
        id: handovers.id,
        authorId: handovers.authorId,
        authorName: author.name,
        note: handovers.note,
        open: handovers.open,
        createdAt: handovers.createdAt,
        ackId: handovers.acknowledgedBy,
        ackName: acker.name,
        ackAt: handovers.acknowledgedAt,
      })
      .from(handovers)
      .innerJoin(author, eq(author.id, handovers.authorId))
      .leftJoin(acker, eq(acker.id, handovers.acknowledgedBy));
  interface Row {
    id: string;
    authorId: string;
    authorName: string;
    note: string;
    open: unknown;
    createdAt: Date;
    ackId: string | null;
    ackName: string | null;
    ackAt: Date | null;
  }
  const view = (r: Row): HandoverView => ({
    id: r.id,
    author: { id: r.authorId, name: r.authorName },
    note: r.note,
    open: r.open as HandoverOpen,
    createdAt: r.createdAt.toISOString(),
    acknowledged: r.ackId && r.ackAt ? { by: { id: r.ackId, name: r.ackName ?? '' }, at: r.ackAt.toISOString() } : null,
  });
  const byId = async (t: Db, id: string) => {
    const [row] = await select(t).where(eq(handovers.id, id));
    return row ? view(row) : null;
  };

  return {
    /** Lists what is open, stores the handover with it and its audit entry, in one transaction. */
    create(authorId: string, note: string, now: Date, audit: (h: { id: string; open: HandoverOpen }) => AuditEntry) {
      return db.transaction(async (t) => {
        const open = await openNow(t, now);
        const [row] = await t.insert(handovers).values({ authorId, note, open, createdAt: now }).returning();
        if (!row) throw new Error('handover not stored');
        await writeAudit(t, [audit({ id: row.id, open })], now);
        return (await byId(t, row.id)) as HandoverView;
      });
    },

    /** The next shift acknowledges once; the author cannot acknowledge their own. */
    acknowledge(id: string, userId: string, now: Date, audit: AuditEntry) {
      return db.transaction(async (t) => {
        const [h] = await t.select().from(handovers).where(eq(handovers.id, id)).for('update');
        if (!h) throw new NotFoundError('handover');
        if (h.authorId === userId) throw new DomainError('the next shift acknowledges a handover', 'own_handover');
        if (h.acknowledgedBy) throw new DomainError('already acknowledged', 'already_acknowledged');
        await t.update(handovers).set({ acknowledgedBy: userId, acknowledgedAt: now }).where(eq(handovers.id, id));
        await writeAudit(t, [audit], now);
        return (await byId(t, id)) as HandoverView;
      });
    },

    async list(f: HandoverFilter): Promise<HandoverView[]> {
      const where: SQL[] = [];
      if (f.q) {
        const pattern = `%${likeEscape(f.q)}%`;
        where.push(
          or(
            ilike(handovers.note, pattern),
            ilike(author.name, pattern),
            sql`${handovers.open}::text ilike ${pattern}`,
          ) as SQL,
        );
      }
      if (f.from) where.push(sql`${handovers.createdAt} >= ${f.from}`);
      if (f.to) where.push(lt(handovers.createdAt, f.to));
      if (f.before) where.push(lt(handovers.createdAt, f.before));
      if (f.pending) where.push(isNull(handovers.acknowledgedBy));
      if (f.notBy) where.push(ne(handovers.authorId, f.notBy));
      const rows = await select(db)
        .where(and(...where))
        .orderBy(desc(handovers.createdAt), desc(handovers.id))
        .limit(f.limit);
      return rows.map(view);
    },
  };
}

export type HandoverRepository = ReturnType<typeof createHandoverRepository>;
