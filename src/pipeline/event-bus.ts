import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { DomainEvent, EventPublisher } from '../domain/views.ts';

/**
 * Domain events cross processes over Redis pub/sub: a worker publishes after commit, every api
 * node relays to its own sockets. Fire-and-forget by design: a client that missed an event
 * catches up by re-reading the list after it reconnects.
 *
 * A process that both applies and relays (ROLE=all) hands its own events to its sockets directly
 * and skips them when they come back from Redis: each message is tagged with the publishing
 * process's origin id (`<origin> <json>`).
 */
export interface EventBus extends EventPublisher {
  /** Relay every event published anywhere in the cluster, this process's own included, once each. */
  subscribe(subscriber: Redis, onEvents: (events: DomainEvent[]) => void): Promise<void>;
  /** Resolves once every publish so far has reached Redis or failed (before disconnecting). */
  settled(): Promise<void>;
}

/** A bus message as published: its origin and its events; null when it is not one of ours. */
export function readBusMessage(payload: string): { origin: string; events: DomainEvent[] } | null {
  const space = payload.indexOf(' ');
  if (space < 0) return null;
  try {
    const events = JSON.parse(payload.slice(space + 1)) as unknown;
    return Array.isArray(events) ? { origin: payload.slice(0, space), events: events as DomainEvent[] } : null;
  } catch {
    return null;
  }
}

export function createEventBus(redis: Redis, channel: string, onError: (err: unknown) => void): EventBus {
  const origin = randomUUID();
  let local: ((events: DomainEvent[]) => void) | null = null;
  const inFlight = new Set<Promise<unknown>>();
  return {
    /**
     * Never throws, and never waits for Redis: what was committed stays committed, a missed event
     * is caught up by re-reading, and a counselor's reply or a worker's next batch must not wait
     * out a Redis outage. Messages leave in the order published (one connection's command queue).
     */
    async publish(events: DomainEvent[]) {
      if (events.length === 0) return;
      if (local) {
        try {
          local(events);
        } catch (err) {
          onError(err);
        }
      }
      const sent = redis.publish(channel, `${origin} ${JSON.stringify(events)}`).catch(onError);
      inFlight.add(sent);
      void sent.finally(() => inFlight.delete(sent));
    },

    async settled() {
      await Promise.allSettled([...inFlight]);
    },

    async subscribe(subscriber, onEvents) {
      local = onEvents;
      const own = `${origin} `;
      subscriber.on('message', (ch: string, payload: string) => {
        // Our own events were relayed when published: told by their tag, before any parsing.
        if (ch !== channel || payload.startsWith(own)) return;
        // A malformed payload is not ours to crash on.
        const message = readBusMessage(payload);
        if (!message) return;
        try {
          onEvents(message.events);
        } catch (err) {
          onError(err);
        }
      });
      await subscriber.subscribe(channel);
    },
  };
}
