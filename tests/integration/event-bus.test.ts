import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/domain/views.ts';
import { createEventBus } from '../../src/pipeline/event-bus.ts';
import { eventually } from '../helpers/kontakt.ts';
import { TEST_REDIS_URL, uniquePrefix } from '../helpers/services.ts';

const event = (caseId: string): DomainEvent => ({ type: 'case:tags', caseId, tags: [] });

describe('domain events across processes (Redis pub/sub)', () => {
  const connections: Redis[] = [];
  const connect = () => {
    const r = new Redis(TEST_REDIS_URL);
    connections.push(r);
    return r;
  };
  afterAll(() => {
    for (const r of connections) r.disconnect();
  });

  it('relays every event once on every node, the publishing node’s own included', async () => {
    const channel = `${uniquePrefix()}:events`;
    const errors: unknown[] = [];
    const onError = (err: unknown) => errors.push(err);
    // `all` takes and applies traffic; `api` only relays; `worker` only publishes.
    const all = createEventBus(connect(), channel, onError);
    const api = createEventBus(connect(), channel, onError);
    const worker = createEventBus(connect(), channel, onError);
    const seen = { all: [] as string[], api: [] as string[] };
    const ids = (evs: DomainEvent[]) => evs.map((e) => (e.type === 'case:tags' ? e.caseId : e.type));
    await all.subscribe(connect(), (evs) => seen.all.push(...ids(evs)));
    await api.subscribe(connect(), (evs) => seen.api.push(...ids(evs)));

    await all.publish([event('from-all')]);
    // The publishing node has its own event at once, without the round trip through Redis.
    expect(seen.all).toEqual(['from-all']);
    await worker.publish([event('from-worker-1'), event('from-worker-2')]);
    await api.publish([event('from-api')]);
    // Not a domain event: ignored, nobody crashes.
    await connect().publish(channel, 'not json at all');
    await connect().publish(channel, 'origin {"not":"an array"');

    const expected = ['from-all', 'from-worker-1', 'from-worker-2', 'from-api'];
    await eventually(async () => seen.all.length >= 4 && seen.api.length >= 4);
    expect(seen.all.slice().sort()).toEqual(expected.slice().sort());
    expect(seen.api.slice().sort()).toEqual(expected.slice().sort());
    // A moment later still once each: a node's own event coming back from Redis is skipped.
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.all).toHaveLength(4);
    expect(seen.api).toHaveLength(4);
    expect(errors).toEqual([]);
  });

  it('does not make a publisher wait for Redis; settled() waits for the outcome', async () => {
    // Nothing listens on this port: every command fails, after ioredis's retries.
    const down = new Redis({ port: 1, maxRetriesPerRequest: 1, retryStrategy: () => 50, lazyConnect: false });
    down.on('error', () => {});
    connections.push(down);
    const errors: unknown[] = [];
    const bus = createEventBus(down, `${uniquePrefix()}:events`, (err) => errors.push(err));
    await bus.publish([event('while-redis-is-away')]);
    // The publisher is back while the command is still waiting for a connection.
    expect(errors).toEqual([]);
    await bus.settled();
    expect(errors).toHaveLength(1);
  });
});
