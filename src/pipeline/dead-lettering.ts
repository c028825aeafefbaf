import { type Job, UnrecoverableError } from 'bullmq';
import { describeError } from '../logging/describe-error.ts';
import type { DeadLetterRepository } from '../store/dead-letter.repository.ts';

/** What the dead letters need of a job: who it is, what it carried, which attempt this was. */
export type JobAttempt = Pick<Job, 'name' | 'id' | 'data' | 'attemptsMade'> & { opts: Pick<Job['opts'], 'attempts'> };

/**
 * A worker's final failure, the same in every queue: a failure no retry can mend, or any failure
 * on the job's last attempt, is quarantined in the dead letters (payload and reason, visible to an
 * admin and replayable) before BullMQ marks the job failed, so nothing that fails is dropped. If
 * that write fails, the job is retried (or recovery enqueues it again) instead.
 */
export interface DeadLettering {
  /** Whether this failure is the job's last: `isPermanent`, or BullMQ has no attempt left. */
  isFinal(err: unknown, job: JobAttempt): boolean;
  /** Quarantine one failed item: the job's data, or (an event of a group job) the item's own. */
  record(job: JobAttempt, reason: string, item?: { payload: unknown; inboundEventId: string | null }): Promise<void>;
  /**
   * Run a one-item job. `onFailure` sees every failure (to show it, e.g. "pending" while retries
   * remain) after a final one has been dead-lettered; a final failure then ends the job for good
   * (UnrecoverableError), any other is rethrown for BullMQ to retry.
   */
  run<T>(
    job: JobAttempt,
    work: () => Promise<T>,
    onFailure?: (reason: string, final: boolean) => Promise<void>,
  ): Promise<T>;
}

export function createDeadLettering(opts: {
  queue: string;
  deadLetters: Pick<DeadLetterRepository, 'add'>;
  isPermanent(err: unknown): boolean;
}): DeadLettering {
  const dl: DeadLettering = {
    // BullMQ counts attemptsMade before this run.
    isFinal: (err, job) => opts.isPermanent(err) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1),

    async record(job, reason, item) {
      await opts.deadLetters.add({
        queue: opts.queue,
        jobName: job.name,
        jobId: job.id ?? null,
        inboundEventId: item?.inboundEventId ?? null,
        payload: item ? item.payload : job.data,
        reason,
        attempts: job.attemptsMade + 1,
        now: new Date(),
      });
    },

    async run(job, work, onFailure) {
      try {
        return await work();
      } catch (err) {
        const reason = describeError(err);
        const final = dl.isFinal(err, job);
        if (final) await dl.record(job, reason);
        await onFailure?.(reason, final);
        if (!final) throw err;
        throw new UnrecoverableError(reason);
      }
    },
  };
  return dl;
}
