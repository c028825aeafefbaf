import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { AnyEnvelope } from '../../connectors/contract.ts';
import type { AppliedEnvelope } from '../channels/channel-module.ts';
import { PermanentError } from '../domain/errors.ts';
import { applyEnvelope, type IngestOptions, type IngestResult, identitiesOf } from '../domain/ingest.service.ts';
import type { CaseSummary, DomainEvent, EventPublisher, MessageView } from '../domain/views.ts';
import { describeError } from '../logging/describe-error.ts';
import type { DeadLetterRepository } from '../store/dead-letter.repository.ts';
import type { InboundEventRepository } from '../store/inbound-event.repository.ts';
import { BatchAborted, type BatchIngest } from '../store/ingest.repository.ts';
import type { InboundEventRow } from '../store/schema/index.ts';
import { createBatcher, type Outcome } from './batcher.ts';
import { createDeadLettering } from './dead-lettering.ts';
import { parseEnvelope } from './envelope.schema.ts';
import { INBOUND_GROUP_MAX, type InboundJob, inboundGroupSchema, inboundJobSchema, QUEUES } from './queues.ts';
import { bullConnection, jobLock, type RedisTarget } from './redis.ts';

export interface InboundWorkerDeps {
  redis: RedisTarget;
  prefix: string;
  /** Transactions in flight at once (lanes); each applies up to `batch.size` envelopes. */
  concurrency: number;
  /** Envelopes per transaction, and how long a lane waits for more before it starts (ms). */
  batch?: { size: number; waitMs: number };
  /** BullMQ's job lock and stalled-job check (ms); see jobLock. */
  lockMs?: number;
  /** Transactions allowed at once right now (≤ concurrency): intake first in a ROLE=all process. */
  admitted?(): number;
  /**
   * Whether a batch makes its messages' first reads in one round trip right now (default: always).
   * A ROLE=all process under intake pressure reads message by message: with the reads at once it
   * applied more during a load and the acknowledgements' p99 rose (`npm run bench -- ingest`).
   */
  readsAtOnce?(): boolean;
  ingest: BatchIngest;
  ingestOptions: IngestOptions;
  events: InboundEventRepository;
  deadLetters: DeadLetterRepository;
  publisher: EventPublisher;
  /**
   * The case and message of an event applied earlier: a job run again after its worker died
   * (stalled) may have committed without publishing, so its live events go out again.
   */
  appliedViews?(caseId: string, messageId: string): Promise<{ summary: CaseSummary; message: MessageView }>;
  /** After commit and publish: channel hooks (auto-acknowledgements). */
  onApplied?(applied: AppliedEnvelope): Promise<void>;
  /** Metrics: each job's outcome, and for an applied one when its event was received. Must not throw. */
  observe?(o: {
    channel: string;
    outcome: 'applied' | 'duplicate' | 'updated' | 'dead_lettered';
    receivedAt?: Date;
  }): void;
  log: Logger;
}

type ApplyDeps = Omit<InboundWorkerDeps, 'redis' | 'prefix' | 'concurrency' | 'batch' | 'admitted' | 'lockMs'>;

export interface InboundOutcome {
  outcome: 'applied' | 'duplicate' | 'updated';
  caseId: string | null;
  messageId: string | null;
}

/** What the batch applies: one event, with the attempt counts of the job that carried it. */
export type InboundItem = Pick<Job, 'data' | 'attemptsMade' | 'stalledCounter'>;

/**
 * A run before this one may have committed and died before publishing: BullMQ found the job
 * stalled (its worker stopped renewing the lock). A failed run did not die: it published what it
 * committed, so a retry after a failure publishes nothing again.
 */
const diedBefore = (job: InboundItem) => (job.stalledCounter ?? 0) > 0;

/**
 * Live events for events a previous run applied: the inbox upserts by id, so a repeat is harmless,
 * and a counselor does not miss a report because a worker died between its commit and its publish.
 */
async function republish(deps: ApplyDeps, applied: { caseId: string; messageId: string }[]): Promise<void> {
  if (!deps.appliedViews || applied.length === 0) return;
  const events: DomainEvent[] = [];
  for (const a of applied) {
    const { summary, message } = await deps.appliedViews(a.caseId, a.messageId);
    events.push(
      summary.messageCount <= 1
        ? { type: 'case:created', case: summary }
        : { type: 'case:updated', case: summary, changed: ['lastActivityAt', 'preview'] },
      { type: 'message:created', caseId: a.caseId, message, case: summary },
    );
  }
  await deps.publisher.publish(events);
}

const fail = (error: unknown): Outcome<InboundOutcome> => ({ ok: false, error });

/**
 * Apply a batch of inbound jobs: one query loads their events, one transaction applies them (a
 * savepoint per envelope, in the order the jobs came), and only after the commit are the domain
 * events published and the channel hooks run. Each job gets its own outcome: one bad envelope fails
 * alone, and its job is retried or dead-lettered exactly as if it had run by itself. If the
 * transaction itself fails (the commit, the connection), every envelope in it fails and retries.
 */
export async function applyInboundBatch(jobs: InboundItem[], deps: ApplyDeps): Promise<Outcome<InboundOutcome>[]> {
  const out: Outcome<InboundOutcome>[] = jobs.map(() => fail(new Error('not applied')));
  const ids: (string | null)[] = jobs.map((job, i) => {
    const parsed = inboundJobSchema.safeParse(job.data);
    if (parsed.success) return (parsed.data as InboundJob).eventId;
    out[i] = fail(new PermanentError(`malformed job payload: ${parsed.error.issues[0]?.message}`));
    return null;
  });
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  let rows: InboundEventRow[];
  try {
    rows = await deps.events.getMany(wanted);
  } catch (err) {
    return jobs.map(() => fail(err));
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const work: { i: number; event: InboundEventRow; env: AnyEnvelope }[] = [];
  const appliedBefore: { caseId: string; messageId: string }[] = [];
  ids.forEach((eventId, i) => {
    if (eventId === null) return;
    const event = byId.get(eventId);
    if (!event) {
      out[i] = fail(new PermanentError(`inbound event ${eventId} does not exist`));
      return;
    }
    if (event.status === 'dead') {
      // Dead-lettered by an earlier run of its group job (a replay marks it received first).
      out[i] = { ok: true, value: { outcome: 'duplicate', caseId: null, messageId: null } };
      return;
    }
    if (event.status === 'applied') {
      const job = jobs[i] as InboundItem;
      if (diedBefore(job) && event.caseId && event.messageId)
        appliedBefore.push({ caseId: event.caseId, messageId: event.messageId });
      deps.observe?.({ channel: event.channel, outcome: 'duplicate' });
      out[i] = { ok: true, value: { outcome: 'duplicate', caseId: null, messageId: null } };
      return;
    }
    const env = parseEnvelope(event.envelope);
    if (!env.success) {
      const issue = env.error.issues[0];
      out[i] = fail(new PermanentError(`invalid envelope at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`));
      return;
    }
    work.push({ i, event, env: env.data });
  });
  await republish(deps, appliedBefore).catch((err) => deps.log.warn({ err }, 'event re-publish failed'));
  if (work.length === 0) return out;

  let results: Outcome<IngestResult>[] = [];
  // The messages' first reads (stored already? known sender? open case?) in one round trip.
  const prefetch =
    deps.readsAtOnce?.() === false
      ? undefined
      : work.flatMap(({ env }) =>
          env.type === 'update'
            ? []
            : [{ channel: env.channel, externalId: env.externalId, identities: identitiesOf(env) }],
        );
  const applyAll = (savepoints: boolean) => {
    results = [];
    return deps.ingest.batch(
      async (uow) => {
        for (const w of work) {
          try {
            const value = await applyEnvelope(uow, w.event.id, w.env, new Date(), deps.ingestOptions);
            results.push({ ok: true, value });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      },
      { savepoints, ...(prefetch && { prefetch }) },
    );
  };
  try {
    // Optimistic: no savepoints (two round trips fewer per envelope). Any envelope failing rolls the
    // batch back, and it runs again with a savepoint each, so the failure stays with its envelope.
    await applyAll(false).catch((err) => {
      if (!(err instanceof BatchAborted)) throw err;
      return applyAll(true);
    });
  } catch (err) {
    // Nothing of the batch committed: every envelope in it is retried.
    for (const w of work) out[w.i] = fail(err);
    return out;
  }

  // After commit: a failed publish must not undo or repeat the write. One message for the batch.
  const events = results.flatMap((r) => (r.ok ? r.value.events : []));
  await deps.publisher.publish(events).catch((err) => deps.log.warn({ err }, 'event publish failed'));
  await Promise.all(
    work.map(async (w, k) => {
      const r = results[k];
      if (!r) return;
      if (!r.ok) {
        out[w.i] = fail(r.error);
        return;
      }
      const result = r.value;
      deps.observe?.({
        channel: w.event.channel,
        outcome: result.outcome,
        ...(result.outcome !== 'duplicate' && { receivedAt: w.event.receivedAt }),
      });
      try {
        await deps.onApplied?.({
          envelope: w.env,
          outcome: result.outcome,
          caseId: result.caseId,
          messageId: result.messageId,
          createdCase: result.outcome === 'applied' && result.createdCase,
        });
        out[w.i] = { ok: true, value: { outcome: result.outcome, caseId: result.caseId, messageId: result.messageId } };
      } catch (err) {
        out[w.i] = fail(err);
      }
    }),
  );
  return out;
}

export function startInboundWorker(deps: InboundWorkerDeps): Worker {
  const batch = deps.batch ?? { size: 1, waitMs: 0 };
  const lanes = Math.max(1, deps.concurrency);
  const batcher = createBatcher<InboundItem, InboundOutcome>({
    maxBatch: batch.size,
    windowMs: batch.waitMs,
    lanes,
    // BullMQ hands over at most `lanes × size` jobs at once, each of at most INBOUND_GROUP_MAX
    // events (ids only; envelopes are read per batch): this bound is never the one that bites.
    maxPending: lanes * batch.size * INBOUND_GROUP_MAX,
    flush: (jobs) => applyInboundBatch(jobs, deps),
    ...(deps.admitted && { admitted: deps.admitted }),
  });
  const deadLettering = createDeadLettering({
    queue: QUEUES.inbound,
    deadLetters: deps.deadLetters,
    isPermanent: (err) => err instanceof PermanentError,
  });
  const worker = new Worker(
    QUEUES.inbound,
    async (job) => {
      const log = deps.log.child({ jobId: job.id, attempt: job.attemptsMade + 1 });
      // A group job's events each go their own way (lane, outcome); a single event is one item.
      const group = inboundGroupSchema.safeParse(job.data);
      const items: InboundItem[] = group.success
        ? group.data.events.map((e) => ({
            data: e,
            attemptsMade: job.attemptsMade,
            stalledCounter: job.stalledCounter,
          }))
        : [job];
      const settled = await Promise.allSettled(
        items.map((item) => {
          // One conversation's events share a lane: applied in order, never by two transactions at once.
          const data = item.data as Partial<InboundJob> | undefined;
          const key = typeof data?.thread === 'string' ? data.thread : String(data?.eventId ?? job.id);
          return batcher.submit(item, key);
        }),
      );
      const failures = settled.flatMap((r, i) =>
        r.status === 'rejected' ? [{ item: items[i] as InboundItem, err: r.reason as unknown }] : [],
      );
      if (failures.length === 0) {
        const outcomes = settled.map((r) => (r as PromiseFulfilledResult<InboundOutcome>).value);
        log.debug({ outcomes: outcomes.map((o) => o.outcome) }, 'inbound applied');
        return group.success ? { events: outcomes.length } : outcomes[0];
      }
      // Each failed event: its attempt noted; a permanent failure, or any failure on the job's last
      // attempt, goes to the dead letters now (before the job is marked failed: if that write fails,
      // the job retries or recovery re-enqueues). Any other failure retries the job, where the
      // events already applied or dead-lettered are passed over.
      let retry: unknown = null;
      const dead: string[] = [];
      for (const { item, err } of failures) {
        const reason = describeError(err);
        const eventId = (item.data as Partial<InboundJob> | undefined)?.eventId;
        const validEventId = typeof eventId === 'string' && /^[0-9a-f-]{36}$/i.test(eventId) ? eventId : null;
        if (validEventId) await deps.events.noteAttempt(validEventId, job.attemptsMade + 1, reason).catch(() => {});
        if (!deadLettering.isFinal(err, job)) {
          retry ??= err;
          continue;
        }
        const stored = validEventId ? await deps.events.get(validEventId) : undefined;
        await deadLettering.record(job, reason, {
          payload: stored?.envelope ?? item.data,
          inboundEventId: stored?.id ?? null,
        });
        deps.observe?.({ channel: stored?.channel ?? 'unknown', outcome: 'dead_lettered' });
        log.error({ reason, eventId: validEventId }, 'inbound event dead-lettered');
        dead.push(reason);
      }
      if (retry !== null) {
        log.warn({ reason: describeError(retry), failed: failures.length }, 'inbound job failed, will retry');
        throw retry;
      }
      throw new UnrecoverableError(dead.join('; '));
    },
    {
      connection: bullConnection(deps.redis),
      prefix: deps.prefix,
      concurrency: lanes * batch.size,
      autorun: true,
      ...jobLock(deps.lockMs),
    },
  );
  worker.on('error', (err) => deps.log.error({ err }, 'inbound worker error'));
  return worker;
}
