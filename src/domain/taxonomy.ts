/** Defaults from the centre's own words; issue 7 makes them editable. Codes are stable, labels are not. */
export const DEFAULT_CATEGORIES = [
  'illegal_content',
  'integrity',
  'rights',
  'health',
  'wellbeing',
  'addiction',
  'advice',
  'other',
] as const;

export const CASE_STATUSES = ['new', 'open', 'waiting', 'referred', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ROLES = ['counselor', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const DEFAULT_INSTITUTIONS = [
  'ministry_education',
  'ministry_social_work',
  'ministry_health',
  'ministry_interior',
  'prosecutor_high_tech_crime',
] as const;
