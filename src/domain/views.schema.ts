import { z } from 'zod';
import { DESCRIPTION_FIELDS } from './case-description.ts';
import { CASE_STATUSES, PRIORITIES } from './taxonomy.ts';

/*
 * The cases, messages and contacts as the REST API and the socket events carry them, written once:
 * the TypeScript types (views.ts) are inferred from these schemas, the OpenAPI document shows them
 * as the responses, and the web inbox imports the types (type-only: no zod in the browser).
 * Objects are strict: a field the server sends but does not describe here fails the response test.
 */

const iso = z.string().meta({ description: 'ISO 8601 date-time' });
const isoOrNull = iso.nullable();

export const caseSummarySchema = z
  .strictObject({
    id: z.uuid(),
    reference: z.string().meta({ description: 'KC-2026-000042' }),
    kind: z.string().meta({ description: 'report, help, conversation, call, …' }),
    status: z.enum(CASE_STATUSES),
    priority: z.enum(PRIORITIES),
    category: z.string().nullable(),
    channel: z.string(),
    anonymous: z.boolean(),
    consent: z.boolean(),
    contactId: z.uuid().nullable(),
    contactName: z.string().nullable(),
    assigneeId: z.uuid().nullable(),
    assigneeName: z.string().nullable(),
    preview: z.string(),
    messageCount: z.number().int(),
    createdAt: iso,
    lastActivityAt: iso,
    firstResponseDueAt: iso.meta({ description: "When the first answer is due by the priority's service level" }),
    firstResponseAt: isoOrNull.meta({ description: 'When the first answer was sent; stops the clock' }),
    closedAt: isoOrNull,
  })
  .meta({ id: 'CaseSummary', description: 'What the case list shows for one case; also the payload of case events.' });

export const attachmentViewSchema = z
  .strictObject({
    id: z.uuid(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    withheldReason: z.string().nullable(),
    detectedType: z.string().nullable().meta({ description: 'Sniffed from the bytes on arrival; this decides' }),
    kind: z
      .string()
      .meta({ description: 'image | video | audio | pdf | document | archive | executable | text | unknown' }),
    typeMismatch: z.boolean().meta({ description: 'The declared type contradicts the bytes' }),
    knownMaterial: z.boolean().meta({ description: 'On the known-hash list: supervisors and admins only' }),
  })
  .meta({ id: 'Attachment' });

export const messageViewSchema = z
  .strictObject({
    id: z.uuid(),
    caseId: z.uuid(),
    direction: z.enum(['inbound', 'outbound', 'note']),
    channel: z.string(),
    externalId: z.string().nullable().meta({ description: "The channel's id (Message-ID, mid, call id)" }),
    text: z.string(),
    html: z.string().nullable(),
    subject: z.string().nullable(),
    fields: z.record(z.string(), z.unknown()).nullable().meta({ description: 'What the channel adds, by channel' }),
    authorId: z.uuid().nullable(),
    authorName: z.string().nullable(),
    deliveryStatus: z.string().nullable().meta({ description: 'pending, sent, delivered, read, failed' }),
    deliveryError: z.string().nullable(),
    deliveryAt: isoOrNull,
    reactions: z.array(z.strictObject({ from: z.enum(['contact', 'staff']), reaction: z.string(), at: iso })),
    flags: z.array(z.string()),
    editedAt: isoOrNull,
    unsentAt: isoOrNull,
    history: z
      .array(z.strictObject({ kind: z.enum(['edit', 'unsend']), previousText: z.string(), at: iso }))
      .meta({ description: 'Earlier versions, oldest first' }),
    createdAt: iso,
    attachments: z.array(attachmentViewSchema),
  })
  .meta({ id: 'Message' });

const contactViewSchema = z
  .strictObject({
    id: z.uuid(),
    displayName: z.string().nullable(),
    identities: z.array(z.strictObject({ kind: z.string(), value: z.string() })),
  })
  .meta({ id: 'Contact' });

/** A district (or the City of Belgrade), and optionally one of its municipalities or cities. */
export const placeSchema = z.strictObject({ district: z.string(), municipality: z.string().nullable() });

export const caseDescriptionSchema = z
  .strictObject({
    reporterRole: z.string().nullable(),
    ageGroup: z.string().nullable(),
    gender: z.string().nullable(),
    place: placeSchema.nullable(),
    subcategory: z.string().nullable(),
    interventions: z.array(z.string()),
  })
  .meta({ id: 'CaseDescription', description: 'Who reported, the child, place, sub-category, interventions.' });

export const caseDetailSchema = caseSummarySchema
  .extend({
    reporterRole: z.string().nullable(),
    ageGroup: z.string().nullable(),
    language: z.string().nullable(),
    subject: z.string().nullable(),
    contact: contactViewSchema.nullable(),
    messages: z.array(messageViewSchema),
    description: caseDescriptionSchema,
    missingForClose: z
      .array(z.enum(DESCRIPTION_FIELDS))
      .meta({ description: 'The fields admins require before closing that this case still lacks' }),
    personCases: z.array(caseSummarySchema).meta({ description: "The other cases of the contact's person" }),
    mergedInto: z.strictObject({ id: z.uuid(), reference: z.string() }).nullable(),
  })
  .meta({ id: 'CaseDetail', description: 'A case with its contact and messages.' });

/** One page of the case list; `tags` when the list was asked for them. */
export const casePageSchema = z
  .strictObject({
    items: z.array(caseSummarySchema.extend({ tags: z.array(z.string()).optional() })),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'CasePage' });

/** One line of a case's history, from the audit log: who changed what. */
export const historyEntrySchema = z.strictObject({
  at: iso,
  action: z.string(),
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const caseExtrasSchema = z
  .strictObject({
    tags: z.array(z.string()),
    history: z.array(historyEntrySchema),
    otherCases: z.array(caseSummarySchema).meta({ description: "The reporter's other cases" }),
    linked: z
      .array(caseSummarySchema)
      .meta({ description: 'The case this one is linked to, and the cases that quoted it from an unknown sender' }),
  })
  .meta({ id: 'CaseExtras' });

export const cannedResponseSchema = z
  .strictObject({ id: z.uuid(), title: z.string(), body: z.string(), language: z.string() })
  .meta({ id: 'CannedResponse' });

export const CALLBACK_STATUSES = ['open', 'attempted', 'done', 'cancelled'] as const;
export const ATTEMPT_RESULTS = ['reached', 'no_answer', 'busy', 'wrong_number'] as const;

/** A phone callback task (missed call, abandoned call, voicemail) as the inbox and its events see it. */
export const callbackViewSchema = z
  .strictObject({
    id: z.uuid(),
    number: z.string().meta({ description: 'E.164' }),
    status: z.enum(CALLBACK_STATUSES),
    reason: z.enum(['missed', 'abandoned', 'voicemail']),
    missedCalls: z.number().int(),
    transcript: z.string().nullable(),
    firstCallId: z.string(),
    lastCallId: z.string(),
    caseId: z.uuid().nullable(),
    caseReference: z.string().nullable(),
    contactId: z.uuid().nullable(),
    assigneeId: z.uuid().nullable(),
    assigneeName: z.string().nullable(),
    dueAt: iso,
    overdue: z.boolean(),
    attempts: z.array(
      z.strictObject({
        at: iso,
        result: z.enum(ATTEMPT_RESULTS),
        callId: z.string().nullable(),
        userId: z.uuid().nullable(),
        note: z.string().nullable(),
      }),
    ),
    resolution: z.string().nullable(),
    createdAt: iso,
    updatedAt: iso,
    completedAt: isoOrNull,
  })
  .meta({ id: 'Callback' });

export const callbackCountsSchema = z.strictObject({
  open: z.number().int(),
  attempted: z.number().int(),
  overdue: z.number().int(),
});
