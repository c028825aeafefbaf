import { and, asc, desc, eq, inArray, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { AuditOf } from '../domain/audit.ts';
import { NotFoundError } from '../domain/errors.ts';
import type {
  InstitutionInput,
  InstitutionPatch,
  NewReferral,
  ReferralMove,
  ReferralStorePort,
  ReferralWrite,
} from '../domain/referral.service.ts';
import type { DraftSource } from '../domain/referral-summary.ts';
import {
  OPEN_REFERRAL_STATUSES,
  type ReferralStatus,
  type ReferralView,
  referralMessageId,
} from '../domain/referrals.ts';
import { categoryLabel } from '../i18n/labels.ts';
import { writeAudit } from './audit.repository.ts';
import { loadCaseSummary } from './case-views.ts';
import type { Db } from './db.ts';
import { oneReferral, referralViews, toInstitutionView } from './referral-views.ts';
import { cases, contactIdentities, contacts, institutions, messages, referrals } from './schema/index.ts';

type ReferralRow = typeof referrals.$inferSelect;

/** Insert the institutions that are missing; existing rows (edited by an admin) are left alone. */
export async function seedInstitutions(db: Db, seeds: InstitutionInput[], now = new Date()): Promise<void> {
  if (seeds.length === 0) return;
  await db
    .insert(institutions)
    .values(
      seeds.map((s, i) => ({
        code: s.code,
        nameSrLatn: s.names['sr-Latn'],
        nameSrCyrl: s.names['sr-Cyrl'],
        nameEn: s.names.en,
        email: s.email,
        position: s.position ?? (i + 1) * 10,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
}

export function createReferralRepository(db: Db, opts: { ackDays: number }): ReferralStorePort {
  const views = (rows: ReferralRow[], now = new Date()) => referralViews(db, rows, opts.ackDays, now);
  const one = (t: Db, id: string) => oneReferral(t, id, opts.ackDays);

  /**
   * The case follows its referrals: "referred" while one is open, back to "open" when the last
   * one closes. A closed case stays closed either way.
   */
  async function settleCaseStatus(t: Db, caseId: string, now: Date): Promise<boolean> {
    const [c] = await t.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)).for('update');
    if (!c) throw new NotFoundError('case');
    if (c.status === 'closed') return false;
    const [open] = await t
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(referrals)
      .where(and(eq(referrals.caseId, caseId), inArray(referrals.status, [...OPEN_REFERRAL_STATUSES])));
    const next = (open?.n ?? 0) > 0 ? 'referred' : c.status === 'referred' ? 'open' : c.status;
    if (next === c.status) return false;
    await t.update(cases).set({ status: next, updatedAt: now }).where(eq(cases.id, caseId));
    return true;
  }

  return {
    async institutions(includeRetired) {
      const rows = await db
        .select()
        .from(institutions)
        .where(includeRetired ? undefined : sql`${institutions.retiredAt} is null`)
        .orderBy(asc(institutions.position), asc(institutions.code));
      return rows.map(toInstitutionView);
    },

    async institution(code) {
      const [r] = await db.select().from(institutions).where(eq(institutions.code, code));
      return r ? toInstitutionView(r) : null;
    },

    async addInstitution(input, now, audit) {
      return db.transaction(async (t) => {
        const [r] = await t
          .insert(institutions)
          .values({
            code: input.code,
            nameSrLatn: input.names['sr-Latn'],
            nameSrCyrl: input.names['sr-Cyrl'],
            nameEn: input.names.en,
            email: input.email,
            position: input.position ?? 100,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning();
        if (!r) return null;
        const made = toInstitutionView(r);
        await writeAudit(t, audit(made), now);
        return made;
      });
    },

    async updateInstitution(code: string, patch: InstitutionPatch, now: Date, audit) {
      return db.transaction(async (t) => {
        const [b] = await t.select().from(institutions).where(eq(institutions.code, code)).for('update');
        if (!b) throw new NotFoundError('institution');
        const [r] = await t
          .update(institutions)
          .set({
            ...(patch.names?.['sr-Latn'] !== undefined && { nameSrLatn: patch.names['sr-Latn'] }),
            ...(patch.names?.['sr-Cyrl'] !== undefined && { nameSrCyrl: patch.names['sr-Cyrl'] }),
            ...(patch.names?.en !== undefined && { nameEn: patch.names.en }),
            ...(patch.email !== undefined && { email: patch.email }),
            ...(patch.position !== undefined && { position: patch.position }),
            ...(patch.retired === true && { retiredAt: sql`coalesce(${institutions.retiredAt}, ${now})` }),
            ...(patch.retired === false && { retiredAt: null }),
            updatedAt: now,
          })
          .where(eq(institutions.code, code))
          .returning();
        if (!r) throw new NotFoundError('institution');
        const after = toInstitutionView(r);
        await writeAudit(t, audit({ before: toInstitutionView(b), after }), now);
        return after;
      });
    },

    async draftSource(caseId): Promise<DraftSource> {
      const [c] = await db.select().from(cases).where(eq(cases.id, caseId));
      if (!c) throw new NotFoundError('case');
      let contact: DraftSource['contact'] = null;
      if (c.contactId) {
        const [p] = await db.select().from(contacts).where(eq(contacts.id, c.contactId));
        const ids = await db
          .select({
            kind: contactIdentities.kind,
            value: contactIdentities.value,
            displayName: contactIdentities.displayName,
          })
          .from(contactIdentities)
          .where(eq(contactIdentities.contactId, c.contactId));
        contact = { displayName: p?.displayName ?? null, identities: ids };
      }
      const msgs = await db
        .select({ at: messages.createdAt, text: messages.text, unsentAt: messages.unsentAt })
        .from(messages)
        .where(and(eq(messages.caseId, caseId), eq(messages.direction, 'inbound')))
        .orderBy(asc(messages.createdAt))
        .limit(200);
      return {
        reference: c.reference,
        category: c.category,
        categoryLabel: c.category ? categoryLabel('sr-Latn', c.category) : null,
        priority: c.priority,
        createdAt: c.createdAt,
        lastActivityAt: c.lastActivityAt,
        channel: c.channel,
        reporterRole: c.reporterRole,
        ageGroup: c.ageGroup,
        contact,
        messages: msgs.filter((m) => !m.unsentAt && m.text.trim()).map((m) => ({ at: m.at, text: m.text })),
      };
    },

    async create(input: NewReferral, now: Date, audit: AuditOf<ReferralView>): Promise<ReferralWrite> {
      return db.transaction(async (t) => {
        const id = crypto.randomUUID();
        await t.insert(referrals).values({
          id,
          caseId: input.caseId,
          institution: input.institution,
          status: 'sent',
          summary: input.summary,
          includeContact: input.includeContact,
          delivery: input.delivery,
          otherMeans: input.otherMeans,
          note: input.note,
          createdBy: input.createdBy,
          sentBy: input.createdBy,
          createdAt: now,
          updatedAt: now,
          sentAt: now,
          ...(input.email && {
            emailTo: input.email.to,
            emailSubject: input.email.subject,
            emailMessageId: referralMessageId(id, input.email.messageDomain),
            emailStatus: 'pending' as const,
          }),
        });
        const caseChanged = await settleCaseStatus(t, input.caseId, now);
        const referral = await one(t, id);
        await writeAudit(t, audit(referral), now);
        return { referral, case: await loadCaseSummary(t, input.caseId), caseChanged };
      });
    },

    get: (id) => one(db, id),

    async forCase(caseId) {
      const rows = await db
        .select()
        .from(referrals)
        .where(eq(referrals.caseId, caseId))
        .orderBy(desc(referrals.createdAt));
      return views(rows);
    },

    async list(filter, now) {
      const where: SQL[] = [];
      if (filter.overdue) {
        where.push(eq(referrals.status, 'sent'));
        where.push(lt(referrals.sentAt, new Date(now.getTime() - opts.ackDays * 86_400_000)));
      }
      if (filter.status?.length) where.push(inArray(referrals.status, filter.status));
      const rows = await db
        .select()
        .from(referrals)
        .where(and(...where))
        .orderBy(filter.overdue ? asc(referrals.sentAt) : desc(referrals.createdAt))
        .limit(filter.limit);
      return views(rows, now);
    },

    async move(id: string, m: ReferralMove, now: Date, audit: AuditOf<ReferralView>): Promise<ReferralWrite> {
      return db.transaction(async (t) => {
        const [r] = await t.select().from(referrals).where(eq(referrals.id, id)).for('update');
        if (!r) throw new NotFoundError('referral');
        const set: Partial<ReferralRow> = { status: m.status, updatedAt: now };
        // Each step past this one that was skipped is stamped too: an answer is also an acknowledgement.
        const reach = (s: ReferralStatus) =>
          ['sent', 'acknowledged', 'answered', 'closed'].indexOf(m.status) >=
          ['sent', 'acknowledged', 'answered', 'closed'].indexOf(s);
        if (reach('acknowledged') && !r.acknowledgedAt)
          Object.assign(set, { acknowledgedAt: now, acknowledgedBy: m.by });
        if (reach('answered') && !r.answeredAt) Object.assign(set, { answeredAt: now, answeredBy: m.by });
        if (m.status === 'closed') Object.assign(set, { closedAt: now, closedBy: m.by });
        if (m.outcome !== undefined) set.outcome = m.outcome;
        if (m.note !== undefined) set.note = m.note;
        if (m.answerMessageId) set.answerMessageId = m.answerMessageId;
        await t.update(referrals).set(set).where(eq(referrals.id, id));
        const caseChanged = await settleCaseStatus(t, r.caseId, now);
        const referral = await one(t, id);
        await writeAudit(t, audit(referral), now);
        return { referral, case: await loadCaseSummary(t, r.caseId), caseChanged };
      });
    },

    async byEmailMessageIds(ids) {
      if (ids.length === 0) return [];
      return views(await db.select().from(referrals).where(inArray(referrals.emailMessageId, ids)));
    },

    async resetEmail(id, now, audit) {
      return db.transaction(async (t) => {
        await t
          .update(referrals)
          .set({ emailStatus: 'pending', emailError: null, updatedAt: now })
          .where(and(eq(referrals.id, id), ne(referrals.emailStatus, 'sent')));
        const referral = await one(t, id);
        await writeAudit(t, audit(referral), now);
        return referral;
      });
    },
  };
}

/** What the referral e-mail worker reads and writes. */
export function createReferralMailRepository(db: Db) {
  return {
    async forSending(id: string) {
      const [r] = await db
        .select({
          id: referrals.id,
          caseId: referrals.caseId,
          reference: cases.reference,
          to: referrals.emailTo,
          subject: referrals.emailSubject,
          messageId: referrals.emailMessageId,
          summary: referrals.summary,
          status: referrals.emailStatus,
        })
        .from(referrals)
        .innerJoin(cases, eq(cases.id, referrals.caseId))
        .where(eq(referrals.id, id));
      return r ?? null;
    },
    async setEmail(id: string, status: 'pending' | 'sent' | 'failed', error: string | null, now: Date) {
      await db
        .update(referrals)
        .set({
          emailStatus: status,
          emailError: error,
          emailAttempts: sql`${referrals.emailAttempts} + 1`,
          ...(status === 'sent' && { emailSentAt: now }),
          updatedAt: now,
        })
        .where(eq(referrals.id, id));
    },
    /** Pending e-mails older than the grace period: their job may have been lost with Redis. */
    async stalled(olderThan: Date, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: referrals.id })
        .from(referrals)
        .where(and(eq(referrals.emailStatus, 'pending'), lt(referrals.updatedAt, olderThan)))
        .limit(limit);
      return rows.map((r) => r.id);
    },
  };
}
