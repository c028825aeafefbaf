import { z } from 'zod';
import { AUDIENCES, INSTITUTION_KINDS, OUTREACH_KINDS } from './outreach.ts';

/**
 * The outreach register's request shapes: the routes validate with these, the API reference is
 * built from them, and the inbox's screen takes their types (type-only).
 */

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30). */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'no such date');

const line = (max: number) => z.string().trim().min(1).max(max);
const count = z.number().int().min(0).max(1_000_000);

export const institutionInput = z
  .object({
    name: line(200),
    kind: z.enum(INSTITUTION_KINDS),
    municipality: z.string().trim().max(100).nullish(),
  })
  .strict();

export const audienceInput = z
  .object(
    Object.fromEntries(AUDIENCES.map((a) => [a, count.optional()])) as Record<
      (typeof AUDIENCES)[number],
      z.ZodOptional<typeof count>
    >,
  )
  .strict();

const fields = {
  kind: z.enum(OUTREACH_KINDS),
  date: day,
  /** Absent or null: an activity of no one institution (a webinar, a campaign, a media appearance). */
  institution: institutionInput.nullish(),
  educators: z.array(line(120)).max(20),
  audience: audienceInput,
  topics: z.array(line(120)).max(20),
  notes: z.string().trim().max(5000).nullish(),
};

export const activityBody = z
  .object({
    ...fields,
    educators: fields.educators.default([]),
    audience: fields.audience.default({}),
    topics: fields.topics.default([]),
  })
  .strict();
export type ActivityInput = z.infer<typeof activityBody>;

/** A correction: any of the fields; `institution: null` takes the institution away. */
export const activityPatch = z
  .object({
    kind: fields.kind.optional(),
    date: fields.date.optional(),
    institution: fields.institution,
    educators: fields.educators.optional(),
    audience: fields.audience.optional(),
    topics: fields.topics.optional(),
    notes: fields.notes,
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type ActivityPatch = z.infer<typeof activityPatch>;

export const activityIdParam = z.object({ id: z.uuid() });

export const activityListQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
    kind: z.enum(OUTREACH_KINDS).optional(),
    /** The municipality, whatever its case, script or diacritics. */
    municipality: z.string().trim().min(1).max(100).optional(),
    /** Part of the institution's name, folded the same way. */
    institution: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** `next` of the page before. */
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, 'a cursor from the page before')
      .optional(),
  })
  .strict();
export type ActivityListQuery = z.infer<typeof activityListQuery>;

export const importBody = z
  .object({
    /** The spreadsheet saved as CSV (comma, semicolon or tab), first line the header. */
    csv: z.string().min(1).max(5_000_000),
  })
  .strict();

/** What the inbox sends (defaults not yet applied) and gets back. */
export type ActivityBody = z.input<typeof activityBody>;
export type ActivityPatchBody = z.input<typeof activityPatch>;
export type { Audience, InstitutionKind, OutreachActivity, OutreachKind } from './outreach.ts';
