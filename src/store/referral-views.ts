import { eq, inArray } from 'drizzle-orm';
import { NotFoundError } from '../domain/errors.ts';
import {
  ackDueAt,
  type InstitutionOutcome,
  type InstitutionReplyView,
  type InstitutionView,
  isOverdue,
  type ReferralView,
} from '../domain/referrals.ts';
import type { Db } from './db.ts';
import { cases, institutions, referralLinks, referrals, users } from './schema/index.ts';

/** Referrals and institutions as the inbox shows them, read on any handle (a transaction's too). */

type ReferralRow = typeof referrals.$inferSelect;
type InstitutionRow = typeof institutions.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toInstitutionView(r: InstitutionRow): InstitutionView {
  return {
    code: r.code,
    names: { 'sr-Latn': r.nameSrLatn, 'sr-Cyrl': r.nameSrCyrl, en: r.nameEn },
    email: r.email,
    position: r.position,
    retiredAt: iso(r.retiredAt),
  };
}

export async function referralViews(
  t: Db,
  rows: ReferralRow[],
  ackDays: number,
  now = new Date(),
): Promise<ReferralView[]> {
  if (rows.length === 0) return [];
  const codes = [...new Set(rows.map((r) => r.institution))];
  const caseIds = [...new Set(rows.map((r) => r.caseId))];
  const userIds = [
    ...new Set(
      rows.flatMap((r) => [r.createdBy, r.acknowledgedBy, r.answeredBy, r.closedBy]).filter((x): x is string => !!x),
    ),
  ];
  // One after another: inside a transaction (and on PGlite) there is one connection anyway.
  const insts = await t.select().from(institutions).where(inArray(institutions.code, codes));
  const refs = await t
    .select({ id: cases.id, reference: cases.reference })
    .from(cases)
    .where(inArray(cases.id, caseIds));
  const people = userIds.length
    ? await t.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))
    : [];
  const links = await t
    .select()
    .from(referralLinks)
    .where(
      inArray(
        referralLinks.referralId,
        rows.map((r) => r.id),
      ),
    );
  const reply = new Map(
    links.map((l): [string, InstitutionReplyView] => [
      l.referralId,
      {
        linkExpiresAt: l.expiresAt.toISOString(),
        confirmedAt: iso(l.confirmedAt),
        answeredAt: iso(l.answeredAt),
        text: l.answerText,
        outcomeCode: l.outcomeCode as InstitutionOutcome | null,
      },
    ]),
  );
  const inst = new Map(insts.map((i) => [i.code, toInstitutionView(i)]));
  const ref = new Map(refs.map((c) => [c.id, c.reference]));
  const who = (id: string | null) => {
    const p = id ? people.find((u) => u.id === id) : undefined;
    return p ? { id: p.id, name: p.name } : null;
  };
  return rows.map((r): ReferralView => {
    const i = inst.get(r.institution);
    const status = r.status === 'draft' ? 'sent' : r.status;
    const due = status === 'sent' ? ackDueAt(r.sentAt, ackDays) : null;
    return {
      id: r.id,
      caseId: r.caseId,
      caseReference: ref.get(r.caseId) ?? '',
      institution: {
        code: r.institution,
        names: i?.names ?? { 'sr-Latn': r.institution, 'sr-Cyrl': r.institution, en: r.institution },
      },
      status,
      summary: r.summary,
      includeContact: r.includeContact,
      delivery: r.delivery,
      otherMeans: r.otherMeans,
      note: r.note,
      email:
        r.delivery === 'email'
          ? {
              to: r.emailTo ?? '',
              subject: r.emailSubject,
              messageId: r.emailMessageId,
              status: r.emailStatus,
              error: r.emailError,
              attempts: r.emailAttempts,
              sentAt: iso(r.emailSentAt),
            }
          : null,
      outcome: r.outcome,
      answerMessageId: r.answerMessageId,
      institutionReply: reply.get(r.id) ?? null,
      createdAt: r.createdAt.toISOString(),
      createdBy: who(r.createdBy),
      sentAt: iso(r.sentAt),
      acknowledgedAt: iso(r.acknowledgedAt),
      acknowledgedBy: who(r.acknowledgedBy),
      answeredAt: iso(r.answeredAt),
      answeredBy: who(r.answeredBy),
      closedAt: iso(r.closedAt),
      closedBy: who(r.closedBy),
      overdue: isOverdue(status, r.sentAt, ackDays, now),
      ackDueAt: iso(due),
    };
  });
}

export async function oneReferral(t: Db, id: string, ackDays: number): Promise<ReferralView> {
  const [r] = await t.select().from(referrals).where(eq(referrals.id, id));
  if (!r) throw new NotFoundError('referral');
  const [v] = await referralViews(t, [r], ackDays);
  return v as ReferralView;
}
