import { z } from 'zod';
import { type AnyEnvelope, CHANNEL_KINDS, IDENTITY_KINDS, type InboundEnvelope } from '../../connectors/contract.ts';

const identity = z.object({
  kind: z.enum(IDENTITY_KINDS),
  value: z.string().min(1).max(512),
  displayName: z.string().max(512).optional(),
});

const at = z.iso.datetime({ offset: true });
const target = z.string().min(1).max(1024);

const messageUpdate = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('reaction'),
    target,
    reaction: z.string().max(64).nullable(),
    from: z.enum(['contact', 'staff']),
    at,
  }),
  z.object({ kind: z.literal('edit'), target, text: z.string(), at }),
  z.object({ kind: z.literal('unsend'), target, at }),
  z.object({
    kind: z.literal('delivery'),
    target,
    status: z.enum(['sent', 'delivered', 'read', 'failed']),
    error: z.string().max(2000).optional(),
    at,
  }),
  z.object({
    kind: z.literal('delivery_watermark'),
    recipient: identity,
    watermark: at,
    status: z.enum(['delivered', 'read']),
    at,
  }),
]);

const updateEnvelope = z.object({
  type: z.literal('update'),
  channel: z.enum(CHANNEL_KINDS),
  externalId: z.string().min(1).max(1024),
  receivedAt: at,
  updates: z.array(messageUpdate).min(1),
});

const storedMessage = z.object({
  type: z.literal('message').optional(),
  channel: z.enum(CHANNEL_KINDS),
  externalId: z.string().min(1).max(1024),
  receivedAt: z.iso.datetime({ offset: true }),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  sender: identity.optional(),
  extraIdentities: z.array(identity).optional(),
  thread: z.object({
    newCase: z.object({
      reference: z.string().optional(),
      kind: z.enum(['report', 'help', 'conversation', 'call', 'comment']),
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
    joinOpenCase: z.boolean().optional(),
    // Dropping it would let any sender join any case they quote: it must survive the job payload.
    // Optional here only for envelopes stored before it was required (see messageEnvelope).
    senderAsserted: z.boolean().optional(),
    caseId: z.uuid().optional(),
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
    direction: z.enum(['inbound', 'outbound']).optional(),
    flags: z.array(z.string().max(64)).max(20).optional(),
  }),
  effects: z.array(messageUpdate).optional(),
});

/**
 * An envelope stored without `senderAsserted` (an old unapplied event, a dead-letter replay) is
 * read safe: e-mail never vouches for its sender; the other channels' claims come from the
 * platform or the server.
 */
const messageEnvelope: z.ZodType<InboundEnvelope> = storedMessage.transform((env) => ({
  ...env,
  thread: { ...env.thread, senderAsserted: env.thread.senderAsserted ?? env.channel === 'email' },
}));

/**
 * Checked when a worker picks an envelope up: what was stored may predate a code change.
 * The type picks the schema, so an error names the real field rather than "no union member".
 */
export function parseEnvelope(raw: unknown): z.ZodSafeParseResult<AnyEnvelope> {
  const isUpdate = typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'update';
  return isUpdate ? updateEnvelope.safeParse(raw) : messageEnvelope.safeParse(raw);
}
