import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { InboundEnvelope } from '../../connectors/contract.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { writeAudit } from '../store/audit.repository.ts';
import type { Db } from '../store/db.ts';
import { recordIn } from '../store/inbound-event.repository.ts';
import { allocateReference, ensureReferenceSequences } from '../store/reference-sequence.ts';
import { cases, partnerReports, users } from '../store/schema/index.ts';

/** One of a partner's submissions as they see it: the case's status, nothing of its content. */
export interface PartnerSubmission {
  reference: string;
  institution: string;
  submittedAt: string;
  /** `received` until the worker has opened the case (moments later), then the case's own status. */
  status: 'received' | 'new' | 'open' | 'waiting' | 'referred' | 'closed';
  updatedAt: string | null;
  closedAt: string | null;
}

export interface PartnerOf {
  id: string;
  institution: string;
  /** The audit entry of a new submission, made from its reference. */
  audit(reference: string): AuditEntry[];
}

/** The same key came back with other content: nothing was recorded. */
export interface KeyReused {
  keyReused: true;
}

export function createPartnerReportRepository(db: Db) {
  return {
    /** The partner's institution as an admin recorded it; null when none is (or not a partner). */
    async institutionOf(userId: string): Promise<string | null> {
      const [u] = await db
        .select({ institution: users.institution })
        .from(users)
        .where(and(eq(users.id, userId), eq(users.role, 'partner')));
      return u?.institution ?? null;
    },

    /**
     * The report intake's `recordWithReference` for one partner: the reference, the inbound event
     * (the same path the public form takes), the partner's row and its audit entry in one
     * transaction. A key sent again with the same content answers the first reference.
     */
    recordFor(partner: PartnerOf) {
      return async (
        build: (reference: string) => InboundEnvelope,
        now: Date,
        contentHash: string,
      ): Promise<{ id: string; reference: string } | KeyReused> => {
        await ensureReferenceSequences(db, now);
        return db.transaction(async (t) => {
          const reference = await allocateReference(t, now);
          const r = await recordIn(t, build(reference), now, contentHash);
          if (!r.created) {
            const first = (r.first.envelope as Partial<InboundEnvelope>).thread?.newCase?.reference;
            if (r.first.contentHash !== contentHash || !first) return { keyReused: true };
            return { id: r.id, reference: first };
          }
          await t.insert(partnerReports).values({
            reference,
            eventId: r.id,
            submittedBy: partner.id,
            institution: partner.institution,
            createdAt: now,
          });
          await writeAudit(t, partner.audit(reference), now);
          return { id: r.id, reference };
        });
      };
    },

    /** The partner's own submissions, newest first; `before` pages on (a submittedAt of the page before). */
    async listFor(userId: string, opts: { limit: number; before?: string | undefined }) {
      const rows = await db
        .select({
          reference: partnerReports.reference,
          institution: partnerReports.institution,
          createdAt: partnerReports.createdAt,
          status: cases.status,
          updatedAt: cases.updatedAt,
          closedAt: cases.closedAt,
        })
        .from(partnerReports)
        .leftJoin(cases, eq(cases.reference, partnerReports.reference))
        .where(and(eq(partnerReports.submittedBy, userId), opts.before ? beforeKey(opts.before) : undefined))
        .orderBy(desc(partnerReports.createdAt), desc(partnerReports.reference))
        .limit(opts.limit + 1);
      const items = rows.slice(0, opts.limit).map(
        (r): PartnerSubmission => ({
          reference: r.reference,
          institution: r.institution,
          submittedAt: r.createdAt.toISOString(),
          status: r.status ?? 'received',
          updatedAt: r.updatedAt?.toISOString() ?? null,
          closedAt: r.closedAt?.toISOString() ?? null,
        }),
      );
      const last = items[items.length - 1];
      return { items, next: rows.length > opts.limit && last ? `${last.submittedAt}|${last.reference}` : null };
    },
  };
}

/** Keyset: older than the last row of the page before (its time, then its reference). */
function beforeKey(cursor: string) {
  const [at, reference] = cursor.split('|');
  const when = new Date(at ?? '');
  return or(
    lt(partnerReports.createdAt, when),
    and(eq(partnerReports.createdAt, when), lt(partnerReports.reference, reference ?? '')),
  );
}

export type PartnerReportRepository = ReturnType<typeof createPartnerReportRepository>;
