import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../src/pipeline/batcher.ts';
import { createIntakePressure } from '../../src/pipeline/intake-pressure.ts';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('batcher admission (intake first)', () => {
  it('runs no more flushes at once than admitted, keeps each key in order, and loses nothing', async () => {
    let allowed = 1;
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const b = createBatcher<string, string>({
      maxBatch: 2,
      windowMs: 0,
      lanes: 4,
      maxPending: 1000,
      admitted: () => allowed,
      async flush(items) {
        running += 1;
        most = Math.max(most, running);
        await tick(5);
        order.push(...items);
        running -= 1;
        return items.map((i) => ({ ok: true as const, value: i.toUpperCase() }));
      },
    });
    const keys = ['a', 'b', 'c', 'd'];
    const submitted = keys.flatMap((k) => [1, 2, 3, 4].map((n) => ({ k, item: `${k}${n}` })));
    const answers = submitted.map(({ k, item }) => b.submit(item, k));
    await tick(30);
    expect(most).toBe(1);
    // Room again: the held lanes start without waiting for anything else to end.
    allowed = 4;
    expect(await Promise.all(answers)).toEqual(submitted.map(({ item }) => item.toUpperCase()));
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
    for (const k of keys) expect(order.filter((i) => i.startsWith(k))).toEqual([1, 2, 3, 4].map((n) => `${k}${n}`));
    await b.drain();
    expect(b.size()).toBe(0);
  });

  it('never admits fewer than one flush, whatever it is told', async () => {
    const b = createBatcher<number, number>({
      maxBatch: 5,
      windowMs: 0,
      lanes: 2,
      maxPending: 100,
      admitted: () => 0,
      flush: async (items) => items.map((i) => ({ ok: true as const, value: i * 2 })),
    });
    expect(await Promise.all([1, 2, 3].map((i) => b.submit(i, String(i))))).toEqual([2, 4, 6]);
  });
});

describe('intake pressure', () => {
  it('restrains the worker only while envelopes arrive and the loop is busy', async () => {
    let now = 0;
    let busy = 0.95;
    const p = createIntakePressure(
      { busyAbove: 0.8, recentMs: 250, intervalMs: 5, restrained: 1, full: 4 },
      () => now,
      () => busy,
    );
    try {
      await tick(20);
      // Busy, but nothing arriving (a backlog being drained): full speed.
      expect(p.underPressure()).toBe(false);
      expect(p.admitted()).toBe(4);
      p.accepted();
      await tick(20);
      expect(p.underPressure()).toBe(true);
      expect(p.admitted()).toBe(1);
      expect(p.restrainedMs()).toBeGreaterThan(0);
      // Arrivals stop: full speed as soon as the last one is older than recentMs.
      now = 300;
      expect(p.admitted()).toBe(4);
      // Arriving again, but the loop has room: full speed.
      p.accepted();
      busy = 0.5;
      await tick(20);
      expect(p.underPressure()).toBe(false);
      expect(p.admitted()).toBe(4);
    } finally {
      p.stop();
    }
  });
});
