import { Queue } from 'bullmq';
import { INBOUND_GROUP_MAX, inboundGroupJobId, inboundJobId, outboundJobId, QUEUES } from './queues.ts';
import { bullConnection, type RedisTarget } from './redis.ts';

export interface Producers {
  enqueueInbound(eventId: string, jobId?: string): Promise<void>;
  /**
   * Several events in one Redis round trip, as group jobs of up to INBOUND_GROUP_MAX events (one
   * event alone is a job of its own). `alone`: a job of its own, named after the event, so that
   * adding it again while it exists is a no-op (a channel's redelivery of an event not yet
   * applied). `thread` is an opaque hash of the conversation: the worker
   * keeps one conversation's events in one lane, in order.
   */
  enqueueInboundMany(jobs: { eventId: string; thread?: string; alone?: boolean }[]): Promise<void>;
  /** For the recovery sweep: also clears a failed job with the same id that would block the add. */
  reenqueueInbound(eventId: string, jobId?: string): Promise<void>;
  enqueueOutbound(messageId: string, caseId: string): Promise<void>;
  queues: { inbound: Queue; outbound: Queue };
  close(): Promise<void>;
}

export function createProducers(opts: {
  redis: RedisTarget;
  prefix: string;
  inboundAttempts: number;
  inboundBackoffMs: number;
}): Producers {
  const connection = bullConnection(opts.redis);
  const defaults = {
    attempts: opts.inboundAttempts,
    backoff: { type: 'exponential', delay: opts.inboundBackoffMs },
    // Keep a bounded history for the dashboard; the store, not Redis, is the record.
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 5000 },
  };
  const inbound = new Queue(QUEUES.inbound, { connection, prefix: opts.prefix, defaultJobOptions: defaults });
  const outbound = new Queue(QUEUES.outbound, { connection, prefix: opts.prefix, defaultJobOptions: defaults });
  inbound.on('error', () => {});
  outbound.on('error', () => {});
  return {
    queues: { inbound, outbound },
    async enqueueInbound(eventId, jobId = inboundJobId(eventId)) {
      await inbound.add('apply', { eventId }, { jobId });
    },
    async enqueueInboundMany(jobs) {
      if (jobs.length === 0) return;
      const one = (j: { eventId: string; thread?: string }) => ({
        eventId: j.eventId,
        ...(j.thread && { thread: j.thread }),
      });
      const single = (j: { eventId: string; thread?: string }) => ({
        name: 'apply',
        data: one(j),
        opts: { jobId: inboundJobId(j.eventId) },
      });
      const bulk: { name: string; data: object; opts: { jobId: string } }[] = jobs.filter((j) => j.alone).map(single);
      const grouped = jobs.filter((j) => !j.alone);
      for (let i = 0; i < grouped.length; i += INBOUND_GROUP_MAX) {
        const group = grouped.slice(i, i + INBOUND_GROUP_MAX);
        const first = group[0] as { eventId: string; thread?: string };
        bulk.push(
          group.length === 1
            ? single(first)
            : { name: 'apply', data: { events: group.map(one) }, opts: { jobId: inboundGroupJobId(first.eventId) } },
        );
      }
      await inbound.addBulk(bulk);
    },
    async reenqueueInbound(eventId, jobId = inboundJobId(eventId)) {
      // A failed job with this id blocks a re-add; the store says it still needs applying, so clear it.
      const old = await inbound.getJob(jobId);
      if (old && (await old.isFailed())) await old.remove();
      await inbound.add('apply', { eventId }, { jobId });
    },
    async enqueueOutbound(messageId, caseId) {
      const old = await outbound.getJob(outboundJobId(messageId));
      if (old && (await old.isFailed())) await old.remove();
      await outbound.add('send', { messageId, caseId }, { jobId: outboundJobId(messageId) });
    },
    async close() {
      await Promise.all([inbound.close(), outbound.close()]);
    },
  };
}
