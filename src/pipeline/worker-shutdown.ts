import type { Worker } from 'bullmq';

/** How long a worker's force close may take on shutdown before the rest of the shutdown goes on. */
const FORCE_CLOSE_MS = 2000;

/**
 * Stops BullMQ workers on shutdown: close() waits for the jobs in flight; past the grace period
 * they are returned to the queue. A worker whose Redis connection went through a restart may never
 * finish closing (BullMQ waits for an 'end' its blocking client does not emit): a force close gets
 * a moment, then the shutdown goes on; the jobs it held return through their locks.
 */
export async function closeWorkers(workers: readonly Worker[], graceMs: number): Promise<void> {
  await within(Promise.all(workers.map((w) => w.close())), graceMs);
  await within(Promise.all(workers.map((w) => w.close(true))), FORCE_CLOSE_MS);
}

/** Waits for `work`, or `ms` at most; the timer never holds the process up nor outlives the wait. */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([work, new Promise((r) => (timer = setTimeout(r, ms).unref()))]);
  } finally {
    clearTimeout(timer);
  }
}
