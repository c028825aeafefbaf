import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { AnyEnvelope } from '../../connectors/contract.ts';
import type { InboundEventRepository } from '../store/inbound-event.repository.ts';
import { createBatcher } from './batcher.ts';
import type { Producers } from './producers.ts';

/** How long an enqueue may wait for Redis (a channel's answer, or the background hand-over) before the recovery sweep is left to it. */
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
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      enqueue.catch((err) => log.warn({ err, ...ids }, 'enqueue failed; the recovery sweep will pick it up')),
      new Promise((resolve) => {
        timer = setTimeout(resolve, ENQUEUE_WAIT_MS).unref();
      }),
    ]);
  } finally {
    // An enqueue that answered in time leaves no timer behind (one per acknowledgement otherwise).
    clearTimeout(timer);
  }
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
function threadKeyOf(env: AnyEnvelope): string {
  const basis =
    env.type === 'update'
      ? `event:${env.externalId}`
      : env.sender
        ? `sender:${env.sender.kind}:${env.sender.value}`
        : (env.thread.caseReference ?? env.thread.newCase.reference ?? `event:${env.externalId}`);
  return createHash('sha256').update(`${env.channel}|${basis}`).digest('base64url').slice(0, 16);
}

/** How long a job waits for others to share its Redis round trip (off the acknowledgement's path). */
const ENQUEUE_WINDOW_MS = 5;
const ENQUEUE_BATCH = 500;

export interface Accept {
  (
    envelope: AnyEnvelope,
    files?: { bytes: Buffer; contentType: string }[],
  ): Promise<{ eventId: string; created: boolean }>;
  /** Resolves once every job of an event accepted so far has been handed to Redis (or has failed to). */
  settled(): Promise<void>;
}

/**
 * Durable first, then queued: the one way every channel hands an envelope to the pipeline.
 * Concurrent calls share one multi-row insert (group commit); each caller is answered once its own
 * row is durable, and a failed insert answers every caller of that batch with the error (none of
 * their rows exists). The jobs go to Redis after the answer, many per addBulk: the row in the store
 * is the promise, and the recovery sweep enqueues any event whose job never reached Redis.
 */
export function createAccept(
  events: InboundEventRepository,
  producers: Producers,
  log: Logger,
  batching: AcceptBatching = DEFAULT_ACCEPT_BATCHING,
  /** Told of every envelope handed in (before it is durable): the intake-pressure signal. */
  onAccept?: () => void,
): Accept {
  const enqueuer = createBatcher<{ eventId: string; thread: string; alone: boolean }, void>({
    maxBatch: ENQUEUE_BATCH,
    windowMs: ENQUEUE_WINDOW_MS,
    lanes: 1,
    // Past this the job is left to the recovery sweep rather than held in memory.
    maxPending: ENQUEUE_BATCH * 20,
    async flush(jobs) {
      const seen = new Set<string>();
      const unique = jobs.filter((j) => !seen.has(j.eventId) && seen.add(j.eventId));
      // Redis away (a restart): after a moment the batch is left to the recovery sweep, so neither
      // the next batches nor a shutdown wait on it; the add itself may still land later.
      await bounded(producers.enqueueInboundMany(unique), log, { eventIds: unique.map((j) => j.eventId).join(',') });
      return jobs.map(() => ({ ok: true as const, value: undefined }));
    },
  });
  const enqueue = (eventId: string, env: AnyEnvelope, created: boolean) => {
    // New events travel in group jobs. A redelivery of an event still unapplied is enqueued again,
    // alone, under its event's job id (a no-op in Redis while that job exists; the worker passes
    // over an event already applied).
    enqueuer.submit({ eventId, thread: threadKeyOf(env), alone: !created }).catch((err) => {
      log.warn({ err, eventId }, 'enqueue refused; the recovery sweep will pick it up');
    });
  };
  const batcher = createBatcher<AnyEnvelope, { eventId: string; created: boolean }>({
    maxBatch: batching.maxBatch,
    windowMs: batching.windowMs,
    lanes: batching.flushes,
    maxPending: batching.maxPending,
    async flush(envs) {
      const recorded = await events.recordMany(envs, new Date());
      recorded.forEach((r, i) => {
        enqueue(r.id, envs[i] as AnyEnvelope, r.created);
      });
      return recorded.map((r) => ({ ok: true as const, value: { eventId: r.id, created: r.created } }));
    },
  });
  const accept = async (
    envelope: AnyEnvelope,
    files: { bytes: Buffer; contentType: string }[] = [],
  ): Promise<{ eventId: string; created: boolean }> => {
    onAccept?.();
    if (files.length === 0) return batcher.submit(envelope);
    // Files are written in the event's own transaction: such an envelope (a mail) goes alone.
    const { id, created } = await events.record(envelope, new Date(), files);
    enqueue(id, envelope, created);
    return { eventId: id, created };
  };
  return Object.assign(accept, {
    async settled() {
      await batcher.drain();
      await enqueuer.drain();
    },
  });
}
