/*
 * Field lists the server and the web inbox both walk, in one order: pure data that imports nothing,
 * shared with the inbox (SHARED_WITH_INBOX in tests/unit/import-boundaries.test.ts).
 */

/** The fields an admin may require before a case is closed (the category is always required). */
export const DESCRIPTION_FIELDS = [
  'reporterRole',
  'ageGroup',
  'gender',
  'place',
  'subcategory',
  'interventions',
] as const;
export type DescriptionField = (typeof DESCRIPTION_FIELDS)[number];

/** Outreach figures from before the register, added into "since establishment"; the report's row order. */
export const OUTREACH_BASELINE_FIELDS = [
  'presentations',
  'primarySchools',
  'secondarySchools',
  'healthCentres',
  'students',
  'parents',
  'teachers',
  'healthWorkers',
  'others',
] as const;
export type OutreachBaselineField = (typeof OUTREACH_BASELINE_FIELDS)[number];
