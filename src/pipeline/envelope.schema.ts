import { z } from 'zod';
import { CHANNEL_KINDS, IDENTITY_KINDS, type InboundEnvelope } from '../../connectors/contract.ts';

const identity = z.object({
  kind: z.enum(IDENTITY_KINDS),
  value: z.string().min(1).max(512),
  displayName: z.string().max(512).optional(),
});

/** Checked when a worker picks an envelope up: what was stored may predate a code change. */
export const envelopeSchema: z.ZodType<InboundEnvelope> = z.object({
  channel: z.enum(CHANNEL_KINDS),
  externalId: z.string().min(1).max(1024),
  receivedAt: z.iso.datetime({ offset: true }),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  sender: identity.optional(),
  extraIdentities: z.array(identity).optional(),
  thread: z.object({
    newCase: z.object({
      reference: z.string().optional(),
      kind: z.enum(['report', 'help', 'conversation', 'call']),
      category: z.string().optional(),
      anonymous: z.boolean(),
      consent: z.boolean(),
      receiptHash: z.string().optional(),
      reporterRole: z.string().optional(),
      ageGroup: z.string().optional(),
      language: z.string().optional(),
    }),
    caseReference: z.string().optional(),
    replyTo: z.array(z.string()).optional(),
  }),
  message: z.object({
    text: z.string(),
    html: z.string().optional(),
    subject: z.string().optional(),
    fields: z.record(z.string(), z.unknown()).optional(),
    attachments: z
      .array(
        z.object({
          fileName: z.string(),
          contentType: z.string(),
          size: z.number().int().nonnegative(),
          sha256: z.string(),
          storageKey: z.string().optional(),
          withheldReason: z.string().optional(),
        }),
      )
      .optional(),
  }),
});
