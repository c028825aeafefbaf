import { z } from 'zod';

export const QUEUES = { inbound: 'inbound', outbound: 'outbound' } as const;

/** `thread`: an opaque hash of the conversation (no personal data), so the worker keeps its order. */
export const inboundJobSchema = z.object({ eventId: z.uuid(), thread: z.string().max(64).optional() });
export type InboundJob = z.infer<typeof inboundJobSchema>;

/**
 * Several events in one job (intake's group of a few milliseconds): BullMQ's work per job was a
 * fifth of the worker's CPU, and is now shared by the group. Each event keeps its own outcome.
 */
export const inboundGroupSchema = z.object({ events: z.array(inboundJobSchema).min(1).max(1000) });
/** Most events per group job. */
export const INBOUND_GROUP_MAX = 100;

export const outboundJobSchema = z.object({ messageId: z.uuid(), caseId: z.uuid() });

/** One job per inbound event; BullMQ ignores a second add with the same id while the first exists. */
export const inboundJobId = (eventId: string) => `ev-${eventId}`;
/** A group job is named after its first event. */
export const inboundGroupJobId = (firstEventId: string) => `evs-${firstEventId}`;
export const outboundJobId = (messageId: string) => `out-${messageId}`;
