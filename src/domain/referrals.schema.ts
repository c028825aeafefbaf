import { z } from 'zod';
import { INSTITUTION_OUTCOMES, REFERRAL_STATUSES } from './referrals.ts';

/*
 * Referrals and institutions as the REST API and the socket events carry them, written once: the
 * types in referrals.ts are inferred from these schemas, the OpenAPI document shows them, and the
 * web inbox imports the types (through the contract). Strict: see views.schema.ts.
 */

const iso = z.string().meta({ description: 'ISO 8601 date-time' });
const person = z.strictObject({ id: z.uuid(), name: z.string() }).nullable();
const names = z.strictObject({ 'sr-Latn': z.string(), 'sr-Cyrl': z.string(), en: z.string() });

export const institutionViewSchema = z
  .strictObject({
    code: z.string(),
    names,
    email: z.string(),
    position: z.number().int(),
    retiredAt: iso.nullable(),
  })
  .meta({ id: 'Institution' });

/** What the institution said through the referral e-mail's one-time link (no account, no sign-in). */
export const institutionReplySchema = z
  .strictObject({
    linkExpiresAt: iso.meta({ description: 'The link of the latest e-mail stops working then' }),
    confirmedAt: iso.nullable(),
    answeredAt: iso.nullable(),
    text: z.string().nullable(),
    outcomeCode: z.enum(INSTITUTION_OUTCOMES).nullable(),
  })
  .meta({ id: 'InstitutionReply' });

export const referralViewSchema = z
  .strictObject({
    id: z.uuid(),
    caseId: z.uuid(),
    caseReference: z.string(),
    institution: z.strictObject({ code: z.string(), names }),
    status: z.enum(REFERRAL_STATUSES),
    summary: z.string(),
    includeContact: z.boolean(),
    delivery: z.enum(['email', 'other']),
    otherMeans: z.string().nullable(),
    note: z.string().nullable(),
    email: z
      .strictObject({
        to: z.string(),
        subject: z.string().nullable(),
        messageId: z.string().nullable(),
        status: z.enum(['pending', 'sent', 'failed']).nullable(),
        error: z.string().nullable(),
        attempts: z.number().int(),
        sentAt: iso.nullable(),
      })
      .nullable(),
    outcome: z.string().nullable(),
    answerMessageId: z.uuid().nullable(),
    institutionReply: institutionReplySchema
      .nullable()
      .meta({ description: 'Null until a referral e-mail carrying a one-time link went out' }),
    createdAt: iso,
    createdBy: person,
    sentAt: iso.nullable(),
    acknowledgedAt: iso.nullable(),
    acknowledgedBy: person,
    answeredAt: iso.nullable(),
    answeredBy: person,
    closedAt: iso.nullable(),
    closedBy: person,
    overdue: z.boolean().meta({ description: 'Not acknowledged within the configured days after sending' }),
    ackDueAt: iso.nullable().meta({ description: 'When it becomes overdue (while still "sent")' }),
  })
  .meta({ id: 'Referral' });

/** The proposed summary of a referral (reading it reads the case: audited). */
export const referralDraftSchema = z
  .strictObject({
    caseReference: z.string(),
    includeContact: z.boolean(),
    summary: z.string(),
    emailAvailable: z.boolean().meta({ description: 'A mailbox can send: delivery by e-mail is offered' }),
  })
  .meta({ id: 'ReferralDraft' });
