import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { AppliedEnvelope } from '../channels/channel-module.ts';
import { PermanentError } from '../domain/errors.ts';
import { applyEnvelope, type IngestOptions, type IngestUnitOfWork } from '../domain/ingest.service.ts';
import type { EventPublisher } from '../domain/views.ts';
import { describeError } from '../logging/describe-error.ts';
import type { DeadLetterRepository, InboundEventRepository } from '../store/inbound-event.repository.ts';
import { parseEnvelope } from './envelope.schema.ts';
import { type InboundJob, inboundJobSchema, QUEUES } from './queues.ts';

import { bullConnection, type RedisTarget } from './redis.ts';

export interface InboundWorkerDeps {
  redis: RedisTarget;
  prefix: string;
  concurrency: number;
  ingest: IngestUnitOfWork;
  ingestOptions: IngestOptions;
  events: InboundEventRepository;
  deadLetters: DeadLetterRepository;
  publisher: EventPublisher;
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

/** The job's last chance: BullMQ counts attemptsMade before this run. */
const isLastAttempt = (job: Job) => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

export async function processInbound(job: Job, deps: Omit<InboundWorkerDeps, 'redis' | 'prefix' | 'concurrency'>) {
  const parsed = inboundJobSchema.safeParse(job.data);
  if (!parsed.success) throw new PermanentError(`malformed job payload: ${parsed.error.issues[0]?.message}`);
  const { eventId } = parsed.data as InboundJob;
  const event = await deps.events.get(eventId);
  if (!event) throw new PermanentError(`inbound event ${eventId} does not exist`);
  if (event.status === 'applied') {
    deps.observe?.({ channel: event.channel, outcome: 'duplicate' });
    return { outcome: 'duplicate' as const, caseId: null, messageId: null };
  }
  const env = parseEnvelope(event.envelope);
  if (!env.success) {
    const issue = env.error.issues[0];
    throw new PermanentError(`invalid envelope at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const result = await applyEnvelope(deps.ingest, eventId, env.data, new Date(), deps.ingestOptions);
  deps.observe?.({
    channel: event.channel,
    outcome: result.outcome,
    ...(result.outcome !== 'duplicate' && { receivedAt: event.receivedAt }),
  });
  // After commit: a failed publish must not undo or repeat the write.
  await deps.publisher.publish(result.events).catch((err) => deps.log.warn({ err }, 'event publish failed'));
  await deps.onApplied?.({
    envelope: env.data,
    outcome: result.outcome,
    caseId: result.caseId,
    messageId: result.messageId,
    createdCase: result.outcome === 'applied' && result.createdCase,
  });
  return { outcome: result.outcome, caseId: result.caseId, messageId: result.messageId };
}

export function startInboundWorker(deps: InboundWorkerDeps): Worker {
  const worker = new Worker(
    QUEUES.inbound,
    async (job) => {
      const log = deps.log.child({ jobId: job.id, attempt: job.attemptsMade + 1 });
      try {
        const out = await processInbound(job, { ...deps, log });
        log.debug({ outcome: out.outcome }, 'inbound applied');
        return out;
      } catch (err) {
        const permanent = err instanceof PermanentError;
        const reason = describeError(err);
        const eventId = (job.data as Partial<InboundJob>)?.eventId;
        const validEventId = typeof eventId === 'string' && /^[0-9a-f-]{36}$/i.test(eventId) ? eventId : null;
        if (validEventId) await deps.events.noteAttempt(validEventId, job.attemptsMade + 1, reason).catch(() => {});
        if (permanent || isLastAttempt(job)) {
          // Written before the job is marked failed: if this write fails, the job retries or recovery re-enqueues.
          const stored = validEventId ? await deps.events.get(validEventId) : undefined;
          await deps.deadLetters.add({
            queue: QUEUES.inbound,
            jobName: job.name,
            jobId: job.id ?? null,
            inboundEventId: stored?.id ?? null,
            payload: stored?.envelope ?? job.data,
            reason,
            attempts: job.attemptsMade + 1,
            now: new Date(),
          });
          deps.observe?.({ channel: stored?.channel ?? 'unknown', outcome: 'dead_lettered' });
          log.error({ reason }, 'inbound job dead-lettered');
          throw new UnrecoverableError(reason);
        }
        log.warn({ reason }, 'inbound job failed, will retry');
        throw err;
      }
    },
    {
      connection: bullConnection(deps.redis),
      prefix: deps.prefix,
      concurrency: deps.concurrency,
      autorun: true,
    },
  );
  worker.on('error', (err) => deps.log.error({ err }, 'inbound worker error'));
  return worker;
}
