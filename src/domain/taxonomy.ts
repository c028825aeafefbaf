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

/** The case workers: they see cases, their messages and live events; admins and supervisors more. */
export const STAFF_ROLES = ['counselor', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Every role an account can have: the case workers, `educator` (the outreach register only, no
 * case) and `partner` (a health centre's contact person: submits reports for someone and follows
 * their own submissions, nothing else).
 */
export const ROLES = [...STAFF_ROLES, 'educator', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export const isStaff = (role: Role): role is StaffRole => (STAFF_ROLES as readonly Role[]).includes(role);

export const DEFAULT_INSTITUTIONS = [
  'ministry_education',
  'ministry_social_work',
  'ministry_health',
  'ministry_interior',
  'prosecutor_high_tech_crime',
] as const;
