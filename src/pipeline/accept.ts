import type { Logger } from 'pino';
import type { AnyEnvelope } from '../../connectors/contract.ts';
import type { InboundEventRepository } from '../store/inbound-event.repository.ts';
import type { Producers } from './producers.ts';

/** How long a channel's acknowledgement may wait for the queue. */
export const ENQUEUE_WAIT_MS = 1000;

/**
 * Enqueue without making the channel wait on Redis: past the limit the enqueue carries on (or
 * fails) in the background, and the recovery sweep covers a job that never made it. Never throws.
 */
export async function enqueueBounded(producers: Producers, eventId: string, log: Logger): Promise<void> {
  await bounded(producers.enqueueInbound(eventId), log, { eventId });
}

/** The same for a counselor's reply: it is stored as pending; the sweep re-enqueues what never made it. */
export async function enqueueReplyBounded(
  producers: Producers,
  messageId: string,
  caseId: string,
  log: Logger,
): Promise<void> {
  await bounded(producers.enqueueOutbound(messageId, caseId), log, { messageId });
}

async function bounded(enqueue: Promise<void>, log: Logger, ids: Record<string, string>): Promise<void> {
  await Promise.race([
    enqueue.catch((err) => log.warn({ err, ...ids }, 'enqueue failed; the recovery sweep will pick it up')),
    new Promise((resolve) => setTimeout(resolve, ENQUEUE_WAIT_MS).unref()),
  ]);
}

/** Durable first, then queued: the one way every channel hands an envelope to the pipeline. */
export function createAccept(events: InboundEventRepository, producers: Producers, log: Logger) {
  return async (
    envelope: AnyEnvelope,
    files: { bytes: Buffer; contentType: string }[] = [],
  ): Promise<{ eventId: string; created: boolean }> => {
    const { id, created } = await events.record(envelope, new Date(), files);
    // A redelivery of an event still unapplied is enqueued again: its job id makes that a no-op in Redis.
    await enqueueBounded(producers, id, log);
    return { eventId: id, created };
  };
}
