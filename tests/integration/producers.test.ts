import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProducers, type Producers } from '../../src/pipeline/producers.ts';
import { INBOUND_GROUP_MAX, inboundGroupJobId, inboundJobId } from '../../src/pipeline/queues.ts';
import { TEST_REDIS_URL, uniquePrefix } from '../helpers/services.ts';

/** What a worker would be handed: name, data and the options that decide retries and history. */
const shape = (job: Job | undefined) =>
  job && {
    name: job.name,
    data: job.data as unknown,
    attempts: job.opts.attempts,
    backoff: job.opts.backoff,
    removeOnComplete: job.opts.removeOnComplete,
    removeOnFail: job.opts.removeOnFail,
  };

const defaults = {
  attempts: 4,
  backoff: { type: 'exponential', delay: 70 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
};

describe('producers: inbound jobs handed to Redis', () => {
  let producers: Producers;
  beforeAll(async () => {
    producers = createProducers({
      redis: { url: TEST_REDIS_URL },
      prefix: uniquePrefix(),
      inboundAttempts: 4,
      inboundBackoffMs: 70,
    });
    await producers.queues.inbound.waitUntilReady();
  });
  afterAll(async () => {
    await producers?.queues.inbound.obliterate({ force: true }).catch(() => {});
    await producers?.close();
  });

  it('stores each job under its id with the queue’s retry and history options, alone or grouped, one hand-over or several', async () => {
    const inbound = producers.queues.inbound;
    // Alone: a new event's group of one, and a redelivery.
    const a = randomUUID();
    const b = randomUUID();
    await producers.enqueueInboundMany([{ eventId: a, thread: 'thread-a' }]);
    await producers.enqueueInboundMany([{ eventId: b, alone: true }]);
    // Together: two redeliveries and a group of three, in one hand-over.
    const [c, d, e, f, g] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await producers.enqueueInboundMany([
      { eventId: c, alone: true },
      { eventId: e, thread: 't1' },
      { eventId: d, alone: true },
      { eventId: f, thread: 't2' },
      { eventId: g },
    ]);

    expect(shape(await inbound.getJob(inboundJobId(a)))).toEqual({
      name: 'apply',
      data: { eventId: a, thread: 'thread-a' },
      ...defaults,
    });
    expect(shape(await inbound.getJob(inboundJobId(b)))).toEqual({ name: 'apply', data: { eventId: b }, ...defaults });
    for (const id of [c, d])
      expect(shape(await inbound.getJob(inboundJobId(id)))).toEqual({
        name: 'apply',
        data: { eventId: id },
        ...defaults,
      });
    expect(shape(await inbound.getJob(inboundGroupJobId(e)))).toEqual({
      name: 'apply',
      data: { events: [{ eventId: e, thread: 't1' }, { eventId: f, thread: 't2' }, { eventId: g }] },
      ...defaults,
    });
    expect(await inbound.getWaitingCount()).toBe(5);
  });

  it('a hand-over again of a job still waiting adds nothing', async () => {
    const inbound = producers.queues.inbound;
    const before = await inbound.getWaitingCount();
    const h = randomUUID();
    await producers.enqueueInboundMany([{ eventId: h, alone: true }]);
    await producers.enqueueInboundMany([{ eventId: h, alone: true }]);
    await producers.enqueueInboundMany([
      { eventId: h, alone: true },
      { eventId: randomUUID(), alone: true },
    ]);
    expect(await inbound.getWaitingCount()).toBe(before + 2);
  });

  it('more events than one group holds travel as several group jobs', async () => {
    const inbound = producers.queues.inbound;
    const ids = Array.from({ length: INBOUND_GROUP_MAX + 1 }, () => randomUUID());
    await producers.enqueueInboundMany(ids.map((eventId) => ({ eventId })));
    const first = await inbound.getJob(inboundGroupJobId(ids[0] as string));
    const second = await inbound.getJob(inboundGroupJobId(ids[INBOUND_GROUP_MAX] as string));
    expect((first?.data as { events: unknown[] } | undefined)?.events).toHaveLength(INBOUND_GROUP_MAX);
    // A group of one is an event's own job.
    expect(second).toBeUndefined();
    expect(shape(await inbound.getJob(inboundJobId(ids[INBOUND_GROUP_MAX] as string)))).toEqual({
      name: 'apply',
      data: { eventId: ids[INBOUND_GROUP_MAX] },
      ...defaults,
    });
  });
});
