/**
 * The figures the centre publishes, as the store counts them (codes, no labels): one period and
 * everything before its end. src/domain/report-summary.ts adds the baseline, labels and sentences.
 */

/** Both ends inclusive, as calendar days in Belgrade (YYYY-MM-DD). */
export interface ReportPeriod {
  from: string;
  to: string;
}

export interface Count {
  key: string;
  n: number;
}

export interface ChannelCounts {
  channel: string;
  cases: number;
  /** Messages received from people on the channel. */
  messages: number;
  /** Calls logged (in and out); phone only. */
  calls: number;
}

export interface ReferralFigures {
  institution: string;
  referrals: number;
  /** Answered by the institution: through its one-time link, by e-mail, or marked by a counselor. */
  answered: number;
  /** From sending to the institution's first answer; null when none answered. */
  medianHoursToAnswer: number | null;
}

export interface ReportFigures {
  /** Cases opened in the period (merged cases are counted in the case they went into). */
  totalCases: number;
  channels: ChannelCounts[];
  /** Up to the period's end, since Kontakt started. */
  channelsToDate: ChannelCounts[];
  /** Cases per year (Belgrade) and channel, up to the period's end. */
  casesByYear: { year: number; channel: string; n: number }[];
  byCategory: Count[];
  /** Keys "category/subcategory" so that a sub-category is never read without its category. */
  bySubcategory: Count[];
  byReporterRole: Count[];
  byAgeGroup: Count[];
  byGender: Count[];
  byDistrict: Count[];
  byChannel: Count[];
  /** "2026-03", Belgrade time. */
  byMonth: Count[];
  byIntervention: Count[];
  referrals: ReferralFigures[];
  outcomeNotices: { recorded: number; sent: number };
  medianFirstResponseMinutes: number | null;
}

/** Names of the admins' codes, per language: categories, sub-categories, districts, institutions. */
export type Names = { 'sr-Latn': string; 'sr-Cyrl': string; en: string };
export interface LabelSources {
  categories: Record<string, Names>;
  subcategories: Record<string, Names>;
  districts: Record<string, Names>;
  institutions: Record<string, Names>;
}

export interface ReportFiguresPort {
  figures(period: ReportPeriod): Promise<ReportFigures>;
  labels(): Promise<LabelSources>;
}

/** A case without a value is counted under this key, never dropped. */
export const UNSET = 'none';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight of a calendar day in Belgrade, as an instant (CET/CEST, from the platform's time zone data). */
export function belgradeMidnight(day: string): Date {
  const m = DAY.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // The offset at that moment: format the UTC instant in Belgrade and read the difference.
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Belgrade',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(utc));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(utc - (shown - utc));
}

/** The day after, as YYYY-MM-DD (calendar arithmetic, no time zone). */
export function nextDay(day: string): string {
  const m = DAY.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
}

/** Today in Belgrade, YYYY-MM-DD. */
export function belgradeToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Belgrade' }).format(now);
}

/** The map's entry for `key`, made (and kept) by `make` the first time. */
export function entryOf<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}
