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
  await Promise.race([Promise.all(workers.map((w) => w.close())), new Promise((r) => setTimeout(r, graceMs))]);
  await Promise.race([
    Promise.all(workers.map((w) => w.close(true))),
    new Promise((r) => setTimeout(r, FORCE_CLOSE_MS).unref()),
  ]);
}
