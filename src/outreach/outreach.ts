/**
 * The outreach register's vocabulary: what the education team records about each activity. Codes
 * are stable (stored, exported, imported); labels live in outreach.labels.ts.
 */
export const OUTREACH_KINDS = [
  'school_presentation',
  'parents_meeting',
  'teacher_training',
  'health_centre_training',
  'webinar',
  'seminar_workshop',
  'media_appearance',
  'campaign',
  'other',
] as const;
export type OutreachKind = (typeof OUTREACH_KINDS)[number];

export const INSTITUTION_KINDS = ['primary_school', 'secondary_school', 'health_centre', 'other'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/** The audience counted at an activity, in the order the register shows them. */
export const AUDIENCES = ['students', 'parents', 'teachers', 'healthWorkers', 'others'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** One activity as the API and the screen see it. */
export interface OutreachActivity {
  id: string;
  kind: OutreachKind;
  /** YYYY-MM-DD */
  date: string;
  institution: { name: string; kind: InstitutionKind; municipality: string | null } | null;
  educators: string[];
  audience: Record<Audience, number>;
  topics: string[];
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The register's figures for a period (both ends inclusive, either open): what the yearly report
 * and the summary quote ("394 presentations in 128 primary schools for 14,667 students").
 */
export interface OutreachTotals {
  activitiesByKind: Record<OutreachKind, number>;
  /** Distinct schools visited, by their folded name and municipality. */
  distinctSchools: { primary: number; secondary: number };
  distinctHealthCentres: number;
  students: number;
  parents: number;
  teachers: number;
  healthWorkers: number;
  others: number;
}

export interface OutreachPeriod {
  /** YYYY-MM-DD, inclusive */
  from?: string;
  /** YYYY-MM-DD, inclusive */
  to?: string;
}

const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  ђ: 'dj',
  е: 'e',
  ж: 'z',
  з: 'z',
  и: 'i',
  ј: 'j',
  к: 'k',
  л: 'l',
  љ: 'lj',
  м: 'm',
  н: 'n',
  њ: 'nj',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ћ: 'c',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'c',
  ч: 'c',
  џ: 'dz',
  ш: 's',
};

/**
 * A name as the totals compare it: one script (Latin), no case, no diacritics (č ć → c, đ → dj,
 * ž → z, as people write without them), no dots or quotes, other punctuation a space, single spaces.
 */
export function foldName(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[\u0400-\u04ff]/g, (c) => CYRILLIC_TO_LATIN[c] ?? c)
      .replace(/đ/g, 'dj')
      .replace(/dž/g, 'dz')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      // Abbreviation dots and quotes join ("O.Š." is "OŠ"); any other punctuation separates words.
      .replace(/[.'’"„“”«»]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/** The institution as the distinct counts see it: folded name and folded municipality. */
export function institutionKey(name: string, municipality: string | null): string {
  return `${foldName(name)}|${foldName(municipality ?? '')}`;
}
