import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { AnyEnvelope } from '../../connectors/contract.ts';
import type { InboundEventRepository } from '../store/inbound-event.repository.ts';
import { createBatcher } from './batcher.ts';
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

/** Group commit at the channel's door: how many acknowledgements share one insert. */
export interface AcceptBatching {
  /** Most envelopes in one insert (and one addBulk). */
  maxBatch: number;
  /** How long the first envelope waits for company (0: only those that arrive in the same tick). */
  windowMs: number;
  /** Inserts in flight at once; each also holds one database connection. */
  flushes: number;
  /** Envelopes waiting for a flush before accept refuses more (the channel is answered 503 and retries). */
  maxPending: number;
}

export const DEFAULT_ACCEPT_BATCHING: AcceptBatching = { maxBatch: 100, windowMs: 0, flushes: 2, maxPending: 2000 };

/**
 * An opaque hash of the conversation an envelope belongs to (no personal data in Redis): the
 * worker keeps one conversation's envelopes in one lane, applied in the order they came.
 */
export function threadKeyOf(env: AnyEnvelope): string {
  const basis =
    env.type === 'update'
      ? `event:${env.externalId}`
      : env.sender
        ? `sender:${env.sender.kind}:${env.sender.value}`
        : (env.thread.caseReference ?? env.thread.newCase.reference ?? `event:${env.externalId}`);
  return createHash('sha256').update(`${env.channel}|${basis}`).digest('base64url').slice(0, 16);
}

/**
 * Durable first, then queued: the one way every channel hands an envelope to the pipeline.
 * Concurrent calls share one multi-row insert and one BullMQ addBulk (group commit); each caller
 * is answered only once its own row is durable, and a failed insert answers every caller of that
 * batch with the error (none of their rows exists).
 */
export function createAccept(
  events: InboundEventRepository,
  producers: Producers,
  log: Logger,
  batching: AcceptBatching = DEFAULT_ACCEPT_BATCHING,
) {
  const batcher = createBatcher<AnyEnvelope, { eventId: string; created: boolean; queued: Promise<void> }>({
    maxBatch: batching.maxBatch,
    windowMs: batching.windowMs,
    lanes: batching.flushes,
    maxPending: batching.maxPending,
    async flush(envs) {
      const recorded = await events.recordMany(envs, new Date());
      // The lane is free for the next insert while Redis takes this batch; the callers still wait
      // for it (bounded by ENQUEUE_WAIT_MS), so this overlap never holds more than that much work.
      const queued = enqueueManyBounded(producers, envs, recorded, log);
      return recorded.map((r) => ({ ok: true as const, value: { eventId: r.id, created: r.created, queued } }));
    },
  });
  return async (
    envelope: AnyEnvelope,
    files: { bytes: Buffer; contentType: string }[] = [],
  ): Promise<{ eventId: string; created: boolean }> => {
    if (files.length === 0) {
      const { eventId, created, queued } = await batcher.submit(envelope);
      await queued;
      return { eventId, created };
    }
    // Files are written in the event's own transaction: such an envelope (a mail) goes alone.
    const { id, created } = await events.record(envelope, new Date(), files);
    await enqueueManyBounded(producers, [envelope], [{ id }], log);
    return { eventId: id, created };
  };
}

/** A redelivery of an event still unapplied is enqueued again: its job id makes that a no-op in Redis. */
async function enqueueManyBounded(
  producers: Producers,
  envs: AnyEnvelope[],
  recorded: { id: string }[],
  log: Logger,
): Promise<void> {
  const seen = new Set<string>();
  const jobs: { eventId: string; thread: string }[] = [];
  recorded.forEach((r, i) => {
    const env = envs[i];
    if (!env || seen.has(r.id)) return;
    seen.add(r.id);
    jobs.push({ eventId: r.id, thread: threadKeyOf(env) });
  });
  await bounded(producers.enqueueInboundMany(jobs), log, { eventIds: jobs.map((j) => j.eventId).join(',') });
}
