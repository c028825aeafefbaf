import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { RetentionService } from '../domain/retention.service.ts';
import { bullConnection, type RedisTarget } from './redis.ts';

const RETENTION_QUEUE = 'retention';
const RETENTION_SCHEDULER_ID = 'retention-daily';
const retentionJobSchema = z.object({ trigger: z.enum(['schedule', 'manual']) });

/** Producer side (api and worker nodes): the daily schedule and a run an admin asks for. */
export function createRetentionQueue(o: { redis: RedisTarget; prefix: string }) {
  const queue = new Queue(RETENTION_QUEUE, {
    connection: bullConnection(o.redis),
    prefix: o.prefix,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { count: 100 },
    },
  });
  queue.on('error', () => {});
  return {
    queue,
    /**
     * Upserting the same scheduler id from every node is idempotent: BullMQ keeps one schedule
     * and makes one job per tick, so a cluster runs the daily retention once.
     */
    async schedule(cron: string, tz: string) {
      await queue.upsertJobScheduler(
        RETENTION_SCHEDULER_ID,
        { pattern: cron, tz },
        { name: 'run', data: { trigger: 'schedule' } },
      );
    },
    async unschedule() {
      await queue.removeJobScheduler(RETENTION_SCHEDULER_ID);
    },
    async runNow(): Promise<string> {
      const job = await queue.add('run', { trigger: 'manual' });
      return job.id ?? '';
    },
    close: () => queue.close(),
  };
}

export type RetentionQueue = ReturnType<typeof createRetentionQueue>;

/** Worker side: one run at a time per node; each case is its own transaction, so overlap is harmless. */
export function startRetentionWorker(o: {
  redis: RedisTarget;
  prefix: string;
  retention: RetentionService;
  log: Logger;
}) {
  const worker = new Worker(
    RETENTION_QUEUE,
    async (job) => {
      if (job.name !== 'run') throw new UnrecoverableError(`unknown job ${job.name}`);
      const data = retentionJobSchema.safeParse(job.data);
      if (!data.success) throw new UnrecoverableError('invalid retention job payload');
      const result = await o.retention.run(data.data.trigger);
      o.log.info({ ...result }, 'retention run finished');
      return result;
    },
    { connection: bullConnection(o.redis), prefix: o.prefix, concurrency: 1 },
  );
  worker.on('error', (err) => o.log.warn({ err }, 'retention worker: Redis error'));
  worker.on('failed', (job, err) => o.log.error({ err, jobId: job?.id }, 'retention run failed'));
  return worker;
}
