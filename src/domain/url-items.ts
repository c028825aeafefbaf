/**
 * Reported URLs: one item per normalised link, however many people reported it; the analyst's
 * assessment and the actions taken until the content is gone. The rules here (what state an item
 * is in, when it is due a reminder, who may see it) are shared by the store and the use cases.
 */

/** The analyst's assessment of what the link shows (csam: child sexual abuse material under national law). */
export const URL_ASSESSMENTS = ['csam', 'harmful_not_illegal', 'not_actionable', 'duplicate', 'unreachable'] as const;
export type UrlAssessment = (typeof URL_ASSESSMENTS)[number];

export const URL_ACTION_KINDS = [
  'reported_to_platform',
  'forwarded_police',
  'forwarded_prosecutor',
  'forwarded_partner_hotline',
  'takedown_confirmed',
  'still_online',
] as const;
export type UrlActionKind = (typeof URL_ACTION_KINDS)[number];

/**
 * new: nobody has assessed it; assessed: assessed, nothing done yet; in_progress: reported or
 * forwarded, or still online on a re-check; removed: the latest check confirmed the takedown;
 * closed: nothing to follow (not actionable, a duplicate, unreachable).
 */
export const URL_STATUSES = ['new', 'assessed', 'in_progress', 'removed', 'closed'] as const;
export type UrlStatus = (typeof URL_STATUSES)[number];

/** Statuses still followed up (reminders, "open" in the list and the figures). */
export const OPEN_URL_STATUSES: readonly UrlStatus[] = ['new', 'assessed', 'in_progress'];

const NOTHING_TO_FOLLOW: readonly UrlAssessment[] = ['not_actionable', 'duplicate', 'unreachable'];

/** The checks that say whether the content is still there, in the order they were made. */
export interface TakedownCheck {
  kind: UrlActionKind;
  at: Date;
}

/** Where an item stands after its assessment and actions; `removedAt` is the confirmed takedown's time. */
export function urlStatus(
  assessment: UrlAssessment | null,
  actions: readonly TakedownCheck[],
): { status: UrlStatus; removedAt: Date | null } {
  const checks = actions
    .filter((a) => a.kind === 'takedown_confirmed' || a.kind === 'still_online')
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const latest = checks[checks.length - 1];
  if (latest?.kind === 'takedown_confirmed') return { status: 'removed', removedAt: latest.at };
  if (assessment && NOTHING_TO_FOLLOW.includes(assessment)) return { status: 'closed', removedAt: null };
  if (actions.length > 0) return { status: 'in_progress', removedAt: null };
  return { status: assessment ? 'assessed' : 'new', removedAt: null };
}

/** When an open item is due a reminder: N days after the last thing that happened to it. */
export function reminderDueAt(
  status: UrlStatus,
  since: { firstReportedAt: Date; assessedAt: Date | null; lastActionAt: Date | null },
  reminderDays: number,
): Date | null {
  if (!OPEN_URL_STATUSES.includes(status)) return null;
  const from = Math.max(
    since.firstReportedAt.getTime(),
    since.assessedAt?.getTime() ?? 0,
    since.lastActionAt?.getTime() ?? 0,
  );
  return new Date(from + reminderDays * 86_400_000);
}

/**
 * Abuse material is for the roles that may see it: an item assessed as csam, or reported in a
 * restricted case (a known-hash match, or tagged "abuse material"), is hidden from counselors in
 * lists, details, exports and live events.
 */
export const mayViewRestrictedUrls = (role: string) => role === 'supervisor' || role === 'admin';

/** The roles that do URL work; a live event about an item reaches those of them that may see it. */
export const URL_ROLES = ['counselor', 'supervisor', 'admin'] as const;
export const urlAudience = (restricted: boolean) => URL_ROLES.filter((r) => !restricted || mayViewRestrictedUrls(r));

export interface UrlItemView {
  id: string;
  /** Normalised (punycode host); shown as text with a copy button, never as a link or preview. */
  url: string;
  host: string;
  /** The host in its own script (IDN), to read; `host` is what to compare. */
  hostUnicode: string;
  /** A platform code from the list, or "other". */
  platform: string;
  platformName: string | null;
  assessment: UrlAssessment | null;
  assessedAt: string | null;
  assessedBy: { id: string; name: string } | null;
  /** ISO 3166-1 alpha-2, entered by the analyst (never looked up). */
  hostingCountry: string | null;
  status: UrlStatus;
  reportCount: number;
  firstReportedAt: string;
  lastReportedAt: string;
  lastActionAt: string | null;
  removedAt: string | null;
  /** Open items: when the reminder is due; `overdue` once that has passed. */
  reminderDueAt: string | null;
  overdue: boolean;
  /** A file in one of the reporting cases is on the known-hash list. */
  knownHashMatch: boolean;
  restricted: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UrlReportView {
  messageId: string;
  caseId: string;
  caseReference: string;
  channel: string;
  reportedAt: string;
}

export interface UrlActionView {
  id: string;
  kind: UrlActionKind;
  at: string;
  note: string | null;
  by: { id: string; name: string } | null;
  createdAt: string;
}

export interface UrlItemDetail extends UrlItemView {
  platformInfo: { code: string; name: string; abuseEmail: string | null; abuseUrl: string | null } | null;
  reports: UrlReportView[];
  actions: UrlActionView[];
}
