import type { z } from 'zod';
import { DESCRIPTION_FIELDS, type DescriptionField } from './record-fields.ts';
import type { caseDescriptionSchema, placeSchema } from './views.schema.ts';

/**
 * Every case described alike, whatever the channel: who reported, how old the child is, gender,
 * where (district and municipality), the sub-category under the centre's category, and what the
 * centre did. Codes are stable (stored, counted, exported); labels live in src/i18n/record-labels.ts.
 */

export const REPORTER_ROLES = [
  'child',
  'parent_guardian',
  'teacher_school_staff',
  'health_worker',
  'other_professional',
  'citizen',
  'unknown',
] as const;
export type ReporterRole = (typeof REPORTER_ROLES)[number];

/** The web form's age groups, the same codes on every channel. */
export const AGE_GROUPS = ['under_9', '9_12', '13_15', '16_17', 'adult_unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const GENDERS = ['girl', 'boy', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export const INTERVENTIONS = [
  'advice',
  'information',
  'emotional_support',
  'referral_institution',
  'report_platform',
  'report_police',
  'forwarded_partner_hotline',
] as const;
export type Intervention = (typeof INTERVENTIONS)[number];

/** The fields an admin may require before a case is closed: one list with the inbox (record-fields.ts). */
export { DESCRIPTION_FIELDS, type DescriptionField } from './record-fields.ts';

/** A district (or the City of Belgrade), and optionally one of its municipalities or cities. */
export type Place = z.infer<typeof placeSchema>;

/** As the case views carry it: inferred from its schema (views.schema.ts). */
export type CaseDescription = z.infer<typeof caseDescriptionSchema>;

/** The part of a change that describes the case; `null` clears a field, `[]` clears the interventions. */
export interface DescriptionChange {
  reporterRole?: ReporterRole | null;
  ageGroup?: AgeGroup | null;
  gender?: Gender | null;
  place?: Place | null;
  subcategory?: string | null;
  interventions?: Intervention[];
}

/**
 * The web form asks "who is filling in the form?" with four answers of its own; the case keeps the
 * centre's seven. "Someone else" on the public form is a member of the public until a counselor
 * knows better. A value already in the centre's vocabulary passes unchanged; anything else is dropped.
 */
const FORM_REPORTER_ROLES: Readonly<Record<string, ReporterRole>> = {
  parent: 'parent_guardian',
  teacher: 'teacher_school_staff',
  other: 'citizen',
};

export function reporterRoleOf(value: string | undefined | null): ReporterRole | null {
  if (!value) return null;
  if ((REPORTER_ROLES as readonly string[]).includes(value)) return value as ReporterRole;
  return FORM_REPORTER_ROLES[value] ?? null;
}

export function ageGroupOf(value: string | undefined | null): AgeGroup | null {
  return value && (AGE_GROUPS as readonly string[]).includes(value) ? (value as AgeGroup) : null;
}

/** The required fields this description leaves empty, in the order of DESCRIPTION_FIELDS. */
export function missingForClose(d: CaseDescription, required: readonly DescriptionField[]): DescriptionField[] {
  const empty: Record<DescriptionField, boolean> = {
    reporterRole: d.reporterRole === null,
    ageGroup: d.ageGroup === null,
    gender: d.gender === null,
    place: d.place === null,
    subcategory: d.subcategory === null,
    interventions: d.interventions.length === 0,
  };
  return DESCRIPTION_FIELDS.filter((f) => required.includes(f) && empty[f]);
}
