import { z } from 'zod';
import { CHANNEL_KINDS } from '../../../connectors/contract.ts';
import { AGE_GROUPS, GENDERS, INTERVENTIONS, REPORTER_ROLES } from '../../domain/case-description.ts';
import { INBOX_VIEWS } from '../../domain/inbox-views.ts';
import { CASE_REFERENCE } from '../../domain/reference.ts';
import { CASE_STATUSES, PRIORITIES } from '../../domain/taxonomy.ts';
import { queryList } from '../query-list.ts';

/** "a,b" or repeated ?x=a&x=b → ["a","b"] */
const csv = <T extends z.ZodType>(item: T) => queryList(item);

export const caseListQuery = z.object({
  /** A server-defined view; the other filters narrow it further. */
  view: z.enum(INBOX_VIEWS).optional(),
  priority: csv(z.enum(PRIORITIES)),
  status: csv(z.enum(CASE_STATUSES)),
  channel: csv(z.enum(CHANNEL_KINDS)),
  category: csv(z.string().max(64)),
  /** "me", "none" or a user id */
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

const placeCode = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'not a place code');

/** A district (or Belgrade) and, optionally, one of its municipalities or cities: codes from GET /api/places. */
export const placeBody = z
  .object({ district: placeCode, municipality: placeCode.nullable().default(null) })
  .strict()
  .meta({ id: 'Place' });

export const casePatchBody = z
  .object({
    status: z.enum(CASE_STATUSES).optional(),
    priority: z.enum(PRIORITIES).optional(),
    category: z.string().max(64).nullable().optional(),
    assigneeId: z.uuid().nullable().optional(),
    // The case description (docs/reports.md): null clears a field, [] clears the interventions.
    reporterRole: z.enum(REPORTER_ROLES).nullable().optional(),
    ageGroup: z.enum(AGE_GROUPS).nullable().optional(),
    gender: z.enum(GENDERS).nullable().optional(),
    place: placeBody.nullable().optional(),
    subcategory: z.string().max(64).nullable().optional(),
    interventions: z.array(z.enum(INTERVENTIONS)).max(INTERVENTIONS.length).optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'nothing to change' });

const replyAttachment = z
  .object({
    type: z.enum(['image', 'video', 'audio', 'file']),
    url: z.url({ protocol: /^https$/, message: 'must be an https URL' }).max(2048),
  })
  .strict();

export const caseMessageBody = z
  .object({
    kind: z.enum(['note', 'reply']),
    text: z
      .string()
      .max(20_000)
      .refine((s) => s.trim().length > 0, { message: 'must not be empty' }),
    /** Files sent with a reply, by URL (the channel fetches them); notes have none. */
    attachments: z.array(replyAttachment).max(5).optional(),
    /** This one reply to another address seen on the case instead of the contact's own (audited). */
    to: z.email().max(320).optional(),
  })
  .strict()
  .refine((b) => b.kind === 'reply' || !b.attachments?.length, {
    message: 'only replies carry attachments',
    path: ['attachments'],
  });

export const caseIdParam = z.object({ id: z.uuid() });
/** A case reference as the inbox's links carry it: KC-2026-000042. */
export const caseReferenceParam = z.object({
  reference: z.string().regex(CASE_REFERENCE, 'not a case reference'),
});

export type CasePatchBody = z.infer<typeof casePatchBody>;
/** What a client sends to change a case (the inbox's type). */
export type CasePatchInput = z.input<typeof casePatchBody>;
export type CaseListQueryInput = z.input<typeof caseListQuery>;
