import { z } from 'zod';
import { CHANNEL_KINDS } from '../../connectors/contract.ts';
import { AGE_GROUPS, REPORTER_ROLES } from '../domain/case-description.ts';
import { belgradeMidnight, nextDay } from '../domain/report-figures.ts';
import { CASE_STATUSES, PRIORITIES } from '../domain/taxonomy.ts';
import { queryList } from '../http/query-list.ts';

/** A tag as the case's tags are stored (src/domain/inbox-extras.service.ts): trimmed, lower case, one space. */
const normaliseTag = (t: string) => t.trim().toLocaleLowerCase('sr').replace(/\s+/g, ' ').slice(0, 40);

/** `a,b` or a repeated parameter: one list either way, 20 at the most. */
const list = <T extends z.ZodType>(item: T) => queryList(item, 20);

/** A calendar day in Belgrade ("2026-03-01": from its midnight) or a timestamp with its offset. */
const instant = (end: boolean) =>
  z.union([
    z.iso.date().transform((d) => belgradeMidnight(end ? nextDay(d) : d)),
    z.iso.datetime({ offset: true }).transform((d) => new Date(d)),
  ]);

/** The filters of a search; a saved search keeps them with its text. */
export const searchFilters = z.object({
  channel: list(z.enum(CHANNEL_KINDS)),
  status: list(z.enum(CASE_STATUSES)),
  priority: list(z.enum(PRIORITIES)),
  category: list(z.string().max(64)),
  /** The case carries every tag listed (as the inbox shows them, any case). */
  tags: list(z.string().max(40).overwrite(normaliseTag)),
  /** "me", "none" (unassigned) or a user id. */
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  reporterRole: list(z.enum(REPORTER_ROLES)),
  ageGroup: list(z.enum(AGE_GROUPS)),
  /** Referred to any of these institutions (their codes). */
  institution: list(z.string().max(64)),
  hasAttachments: z.enum(['true', 'false']).optional(),
  /** Cases created from this day (Belgrade) or instant on. */
  from: instant(false).optional(),
  /** Cases created up to this day (Belgrade, the whole day) or before this instant. */
  to: instant(true).optional(),
  sort: z.enum(['relevance', 'newest']).default('relevance'),
});

export const searchQuery = searchFilters.extend({
  /**
   * Words (each the beginning of a word, all must match), "a quoted phrase", a phone number in any
   * form, an e-mail address, a link, a case reference; either script, diacritics optional.
   */
  q: z.string().trim().max(200).default(''),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export type SearchQuery = z.infer<typeof searchQuery>;

const highlight = z.object({ start: z.number().int(), end: z.number().int() });

export const searchResultSchema = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES),
  category: z.string().nullable(),
  channel: z.string(),
  contactName: z.string().nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
  snippet: z.string().meta({ description: 'Plain text, never HTML: escape it, then mark the highlights.' }),
  highlights: z.array(highlight).meta({ description: 'Matched words in the snippet: UTF-16 offsets, end exclusive.' }),
  matchedIn: z.string().nullable().meta({
    description: 'reference, contact, identity, tag, subject, message, note, or a message field; null: filters only',
  }),
  messageId: z.uuid().nullable(),
});

export const searchPageSchema = z.object({
  results: z.array(searchResultSchema),
  nextCursor: z.string().nullable(),
});

/** What a saved search keeps: the text, the filters and the order, as JSON values (lists as arrays, days as written). */
const savedQueryInput = z
  .object({
    q: z.string().trim().max(200).optional(),
    channel: z.array(z.enum(CHANNEL_KINDS)).max(20).optional(),
    status: z.array(z.enum(CASE_STATUSES)).max(20).optional(),
    priority: z.array(z.enum(PRIORITIES)).max(20).optional(),
    category: z.array(z.string().max(64)).max(20).optional(),
    tags: z.array(z.string().max(40).overwrite(normaliseTag)).max(20).optional(),
    assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
    reporterRole: z.array(z.enum(REPORTER_ROLES)).max(20).optional(),
    ageGroup: z.array(z.enum(AGE_GROUPS)).max(20).optional(),
    institution: z.array(z.string().max(64)).max(20).optional(),
    hasAttachments: z.boolean().optional(),
    from: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
    to: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
    sort: z.enum(['relevance', 'newest']).optional(),
  })
  .strict();

/** A saved search as the client sends it. */
export const savedSearchBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    query: savedQueryInput,
  })
  .strict();

export const savedSearchPatch = z
  .object({ name: savedSearchBody.shape.name.optional(), query: savedQueryInput.optional() })
  .strict()
  .refine((p) => p.name !== undefined || p.query !== undefined, { message: 'nothing to change' });

export const savedSearchIdParam = z.object({ id: z.uuid() });

export const savedSearchSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  query: savedQueryInput,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type SavedQueryInput = z.infer<typeof savedQueryInput>;
/** The answers as the inbox reads them (type-only: no zod in the browser). */
export type SearchResultView = z.infer<typeof searchResultSchema>;
export type SearchPageView = z.infer<typeof searchPageSchema>;
export type SavedSearchView = z.infer<typeof savedSearchSchema>;
