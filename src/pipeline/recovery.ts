import type { Logger } from 'pino';
import type { InboundEventRepository } from '../store/inbound-event.repository.ts';
import type { Producers } from './producers.ts';

/**
 * Re-enqueue events the store holds as received but not applied: Redis may have lost their jobs
 * (restart without persistence, flush). Safe to run anywhere and often: the job id dedupes in
 * Redis and the unique (channel, external id) dedupes in the store.
 */
async function requeuePending(
  events: InboundEventRepository,
  producers: Producers,
  olderThan: Date,
  batch = 500,
): Promise<number> {
  let total = 0;
  let after: { receivedAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await events.pending(olderThan, batch, after);
    for (const r of rows) await producers.reenqueueInbound(r.id);
    total += rows.length;
    const last = rows[rows.length - 1];
    if (!last || rows.length < batch) return total;
    after = { receivedAt: last.receivedAt, id: last.id };
  }
}

export function startRecoveryLoop(opts: {
  events: InboundEventRepository;
  /** Pending replies whose outbound job never ran. */
  stalledReplies(olderThan: Date, limit: number): Promise<{ id: string; caseId: string }[]>;
  producers: Producers;
  intervalMs: number;
  graceMs: number;
  log: Logger;
}): { stop(): void; runOnce(graceMs?: number): Promise<number> } {
  let running = false;
  const runOnce = async (graceMs = opts.graceMs) => {
    if (running) return 0;
    running = true;
    try {
      const olderThan = new Date(Date.now() - graceMs);
      let n = await requeuePending(opts.events, opts.producers, olderThan);
      // A job id already in Redis makes this a no-op; a lost one is added again.
      for (const r of await opts.stalledReplies(olderThan, 1000)) {
        await opts.producers.enqueueOutbound(r.id, r.caseId);
        n++;
      }
      if (n > 0) opts.log.info({ requeued: n }, 'recovered unapplied events and unsent replies');
      return n;
    } catch (err) {
      opts.log.warn({ err }, 'recovery sweep failed; will try again');
      return 0;
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void runOnce(), opts.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
