import { z } from 'zod';

export const QUEUES = { inbound: 'inbound', outbound: 'outbound' } as const;

/** `thread`: an opaque hash of the conversation (no personal data), so the worker keeps its order. */
export const inboundJobSchema = z.object({ eventId: z.uuid(), thread: z.string().max(64).optional() });
export type InboundJob = z.infer<typeof inboundJobSchema>;

export const outboundJobSchema = z.object({ messageId: z.uuid(), caseId: z.uuid() });
export type OutboundJob = z.infer<typeof outboundJobSchema>;

/** Job names per queue; the worker refuses to start unless each has exactly one handler. */
export const JOB_NAMES = {
  inbound: ['apply'],
  outbound: ['send'],
} as const satisfies Record<keyof typeof QUEUES, readonly string[]>;

/** One job per inbound event; BullMQ ignores a second add with the same id while the first exists. */
export const inboundJobId = (eventId: string) => `ev-${eventId}`;
export const outboundJobId = (messageId: string) => `out-${messageId}`;
