import type { Audience, InstitutionKind, OutreachKind } from '../../../src/outreach/outreach.schema.ts';
import { t } from '../i18n/index.ts';

/**
 * The outreach codes in the order the server lists them (src/outreach/outreach.schema.ts); a Record so that a code
 * added on the server and missing here is a type error. Their names are in the `outreach` catalog.
 */
const KINDS: Record<OutreachKind, true> = {
  school_presentation: true,
  parents_meeting: true,
  teacher_training: true,
  health_centre_training: true,
  webinar: true,
  seminar_workshop: true,
  media_appearance: true,
  campaign: true,
  other: true,
};
const INSTITUTION_KINDS: Record<InstitutionKind, true> = {
  primary_school: true,
  secondary_school: true,
  health_centre: true,
  other: true,
};
const AUDIENCE: Record<Audience, true> = {
  students: true,
  parents: true,
  teachers: true,
  healthWorkers: true,
  others: true,
};

export const KIND_CODES = Object.keys(KINDS) as OutreachKind[];
export const INSTITUTION_KIND_CODES = Object.keys(INSTITUTION_KINDS) as InstitutionKind[];
export const AUDIENCE_CODES = Object.keys(AUDIENCE) as Audience[];

export const kindLabel = (k: OutreachKind): string => t(`outreach.kind_${k}`);
export const institutionKindLabel = (k: InstitutionKind): string => t(`outreach.institutionKind_${k}`);
export const audienceLabel = (k: Audience): string => t(`outreach.audience_${k}`);
