import type { z } from 'zod';
import type {
  institutionReplySchema,
  institutionViewSchema,
  referralDraftSchema,
  referralViewSchema,
} from './referrals.schema.ts';

/**
 * Referrals of a case to an institution: the shapes, the life cycle and the pure rules
 * (which step may follow which, when a referral is overdue, what the proposed summary says).
 */

export const REFERRAL_STATUSES = ['sent', 'acknowledged', 'answered', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** Not closed: the case stays "referred" while any of these exists. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['sent', 'acknowledged', 'answered'];

export const OTHER_MEANS = ['phone', 'post', 'in_person', 'other'] as const;
export type OtherMeans = (typeof OTHER_MEANS)[number];

/** What an institution may say it did, through the one-time link of the referral e-mail (optional). */
export const INSTITUTION_OUTCOMES = [
  'procedure_opened',
  'measures_taken',
  'forwarded',
  'no_grounds',
  'not_competent',
  'other',
] as const;
export type InstitutionOutcome = (typeof INSTITUTION_OUTCOMES)[number];

/** The views are inferred from their schemas (referrals.schema.ts): one source for server, API and inbox. */
export type InstitutionReplyView = z.infer<typeof institutionReplySchema>;
export type InstitutionView = z.infer<typeof institutionViewSchema>;
export type ReferralView = z.infer<typeof referralViewSchema>;
export type ReferralDraft = z.infer<typeof referralDraftSchema>;

/** Forward only; a referral may skip a step (an answer that is also the acknowledgement). */
export function canMove(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_STATUSES.indexOf(to) > REFERRAL_STATUSES.indexOf(from);
}

export function ackDueAt(sentAt: Date | null, ackDays: number): Date | null {
  return sentAt ? new Date(sentAt.getTime() + ackDays * 86_400_000) : null;
}

export function isOverdue(status: ReferralStatus, sentAt: Date | null, ackDays: number, now: Date): boolean {
  const due = ackDueAt(sentAt, ackDays);
  return status === 'sent' && due !== null && due.getTime() < now.getTime();
}

/** The subject of a referral e-mail: the case reference in brackets, as every Kontakt e-mail. */
export const referralSubject = (reference: string, institutionName: string) =>
  `Upućivanje predmeta / Case referral — ${institutionName} [${reference}]`;

/** Our Message-ID: stable per referral, so a retried send is the same mail and replies thread back. */
export const referralMessageId = (referralId: string, domain: string) => `<kontakt.referral.${referralId}@${domain}>`;

/** Names of the default institutions (taxonomy.ts DEFAULT_INSTITUTIONS); Cyrillic is transliterated. */
export const DEFAULT_INSTITUTION_NAMES: Readonly<Record<string, { 'sr-Latn': string; en: string }>> = {
  ministry_education: { 'sr-Latn': 'Ministarstvo prosvete', en: 'Ministry of Education' },
  ministry_social_work: {
    'sr-Latn': 'Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja (centri za socijalni rad)',
    en: 'Ministry of Social Work (social welfare centres)',
  },
  ministry_health: { 'sr-Latn': 'Ministarstvo zdravlja', en: 'Ministry of Health' },
  ministry_interior: { 'sr-Latn': 'Ministarstvo unutrašnjih poslova — policija', en: 'Ministry of Interior — police' },
  prosecutor_high_tech_crime: {
    'sr-Latn': 'Posebno tužilaštvo za visokotehnološki kriminal',
    en: "Public Prosecutor's Office for High-Tech Crime",
  },
};

/** Until an admin (or REFERRAL_INSTITUTION_EMAILS) sets a real address; nothing is mailed there. */
export const placeholderEmail = (code: string) => `${code.replace(/_/g, '-')}@referrals.invalid`;
