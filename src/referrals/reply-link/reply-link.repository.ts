import { eq, sql } from 'drizzle-orm';
import type { AuditEntry } from '../../domain/audit.ts';
import type { ReferralMove, ReferralWrite } from '../../domain/referral.service.ts';
import type { InstitutionOutcome, ReferralStatus, ReferralView } from '../../domain/referrals.ts';
import { writeAudit } from '../../store/audit.repository.ts';
import type { Db } from '../../store/db.ts';
import { createReferralRepository } from '../../store/referral.repository.ts';
import { oneReferral } from '../../store/referral-views.ts';
import { cases, institutions, referralLinks, referrals } from '../../store/schema/index.ts';

/** A link as its page shows it: the referral's case reference and institution, and what was said. */
export interface ReplyLinkState {
  referralId: string;
  reference: string;
  institution: { 'sr-Latn': string; 'sr-Cyrl': string; en: string };
  sentAt: Date | null;
  expiresAt: Date;
  confirmedAt: Date | null;
  answeredAt: Date | null;
  answerText: string | null;
  outcomeCode: InstitutionOutcome | null;
}

/**
 * What a step through the link did: the referral as it is now (its reply fields changed, and its
 * status when it moved on) and the case when its status followed; or why nothing was done.
 */
export type LinkStep =
  | { done: true; referral: ReferralView; caseChanged: ReferralWrite['case'] | null }
  | { done: false; why: 'gone' | 'answered' };

/**
 * The one-time links of referral e-mails. Every step runs in one transaction with its audit entry
 * and, when the referral moves on, with the referral's own move (a savepoint of the same
 * transaction, through the referral repository).
 */
export function createReplyLinkRepository(db: Db, opts: { ackDays: number }) {
  /** The link's row, locked, and the referral's status; null for a token nobody has. */
  const lockByToken = async (t: Db, tokenHash: string) => {
    const [row] = await t
      .select({ link: referralLinks, status: referrals.status })
      .from(referralLinks)
      .innerJoin(referrals, eq(referrals.id, referralLinks.referralId))
      .where(eq(referralLinks.tokenHash, tokenHash))
      .for('update', { of: referralLinks });
    return row ?? null;
  };

  /** Move the referral on (only forward: a later step a counselor recorded stays). */
  const moveIfBehind = async (
    t: Db,
    referralId: string,
    /** The referral's stored status ('draft' is an old row's `sent`). */
    status: ReferralStatus | 'draft',
    to: 'acknowledged' | 'answered',
    move: Omit<ReferralMove, 'status' | 'by'>,
    now: Date,
    entries: AuditEntry[],
  ): Promise<LinkStep> => {
    const order = ['draft', 'sent', 'acknowledged', 'answered', 'closed'];
    if (order.indexOf(status) >= order.indexOf(to)) {
      await writeAudit(t, entries, now);
      return { done: true, referral: await oneReferral(t, referralId, opts.ackDays), caseChanged: null };
    }
    const w = await createReferralRepository(t, opts).move(
      referralId,
      { status: to, by: null, ...move },
      now,
      () => entries,
    );
    return { done: true, referral: w.referral, caseChanged: w.caseChanged ? w.case : null };
  };

  return {
    /** A new token for the referral's next e-mail: the one before stops working, what was said stays. */
    async issue(referralId: string, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
      await db
        .insert(referralLinks)
        .values({ referralId, tokenHash, createdAt: now, expiresAt })
        .onConflictDoUpdate({ target: referralLinks.referralId, set: { tokenHash, createdAt: now, expiresAt } });
    },

    async find(tokenHash: string): Promise<ReplyLinkState | null> {
      const [r] = await db
        .select({
          link: referralLinks,
          reference: cases.reference,
          sentAt: referrals.sentAt,
          latn: institutions.nameSrLatn,
          cyrl: institutions.nameSrCyrl,
          en: institutions.nameEn,
        })
        .from(referralLinks)
        .innerJoin(referrals, eq(referrals.id, referralLinks.referralId))
        .innerJoin(cases, eq(cases.id, referrals.caseId))
        .innerJoin(institutions, eq(institutions.code, referrals.institution))
        .where(eq(referralLinks.tokenHash, tokenHash));
      if (!r) return null;
      return {
        referralId: r.link.referralId,
        reference: r.reference,
        institution: { 'sr-Latn': r.latn, 'sr-Cyrl': r.cyrl, en: r.en },
        sentAt: r.sentAt,
        expiresAt: r.link.expiresAt,
        confirmedAt: r.link.confirmedAt,
        answeredAt: r.link.answeredAt,
        answerText: r.link.answerText,
        outcomeCode: r.link.outcomeCode as InstitutionOutcome | null,
      };
    },

    /** Receipt confirmed (again is harmless); a referral still `sent` becomes `acknowledged`. */
    async confirm(tokenHash: string, now: Date, audit: (referralId: string) => AuditEntry[]): Promise<LinkStep> {
      return db.transaction(async (t) => {
        const row = await lockByToken(t, tokenHash);
        if (!row || row.link.expiresAt <= now) return { done: false, why: 'gone' };
        const id = row.link.referralId;
        if (row.link.confirmedAt)
          return { done: true, referral: await oneReferral(t, id, opts.ackDays), caseChanged: null };
        await t.update(referralLinks).set({ confirmedAt: now }).where(eq(referralLinks.referralId, id));
        return moveIfBehind(t, id, row.status, 'acknowledged', {}, now, audit(id));
      });
    },

    /**
     * The institution's answer, once: the link answers no second time. A referral not yet answered
     * becomes `answered` with the text as its outcome (receipt is confirmed with it).
     */
    async answer(
      tokenHash: string,
      answer: { text: string; outcomeCode: InstitutionOutcome | null },
      now: Date,
      audit: (referralId: string) => AuditEntry[],
    ): Promise<LinkStep> {
      return db.transaction(async (t) => {
        const row = await lockByToken(t, tokenHash);
        if (!row || row.link.expiresAt <= now) return { done: false, why: 'gone' };
        if (row.link.answeredAt) return { done: false, why: 'answered' };
        await t
          .update(referralLinks)
          .set({
            answeredAt: now,
            answerText: answer.text,
            outcomeCode: answer.outcomeCode,
            confirmedAt: sql`coalesce(${referralLinks.confirmedAt}, ${now})`,
          })
          .where(eq(referralLinks.referralId, row.link.referralId));
        const id = row.link.referralId;
        return moveIfBehind(t, id, row.status, 'answered', { outcome: answer.text }, now, audit(id));
      });
    },
  };
}

export type ReplyLinkRepository = ReturnType<typeof createReplyLinkRepository>;
