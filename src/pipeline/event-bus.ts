import type { Redis } from 'ioredis';
import type { DomainEvent, EventPublisher } from '../domain/views.ts';

/**
 * Domain events cross processes over Redis pub/sub: a worker node publishes after commit,
 * every api node relays to its own sockets. Fire-and-forget by design: a client that missed
 * an event catches up by re-reading the list after it reconnects.
 */
export function createEventPublisher(redis: Redis, channel: string, onError: (err: unknown) => void): EventPublisher {
  return {
    /** Never throws: what was committed stays committed, and a missed event is caught up by re-reading. */
    async publish(events: DomainEvent[]) {
      if (events.length === 0) return;
      await redis.publish(channel, JSON.stringify(events)).catch(onError);
    },
  };
}

export async function subscribeEvents(
  subscriber: Redis,
  channel: string,
  onEvents: (events: DomainEvent[]) => void,
): Promise<void> {
  subscriber.on('message', (ch: string, payload: string) => {
    if (ch !== channel) return;
    try {
      onEvents(JSON.parse(payload) as DomainEvent[]);
    } catch {
      // A malformed payload is not ours to crash on.
    }
  });
  await subscriber.subscribe(channel);
}
