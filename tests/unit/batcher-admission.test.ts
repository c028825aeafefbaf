import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatcher } from '../../src/pipeline/batcher.ts';
import { createIntakePressure, type IntakePressure } from '../../src/pipeline/intake-pressure.ts';

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

  it('admitting none holds every flush back until flushes are admitted again, then loses nothing', async () => {
    let allowed = 0;
    const flushed: number[] = [];
    const b = createBatcher<number, number>({
      maxBatch: 5,
      windowMs: 0,
      lanes: 2,
      maxPending: 100,
      admitted: () => allowed,
      async flush(items) {
        flushed.push(...items);
        return items.map((i) => ({ ok: true as const, value: i * 2 }));
      },
    });
    const answers = Promise.all([1, 2, 3].map((i) => b.submit(i, String(i))));
    // Held past several rechecks: nothing flushed.
    await tick(40);
    expect(flushed).toEqual([]);
    allowed = 1;
    expect(await answers).toEqual([2, 4, 6]);
    expect(flushed.sort()).toEqual([1, 2, 3]);
  });
});

describe('intake pressure', () => {
  it('restrains the worker only while envelopes arrive and the loop is busy', async () => {
    let now = 0;
    let busy = 0.95;
    const p = createIntakePressure(
      {
        busyAbove: 0.8,
        recentMs: 250,
        intervalMs: 5,
        restrained: 1,
        full: 4,
        lateAboveMs: 0,
        probeMs: 5,
        pauseAtMostMs: 50,
      },
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

  describe('while the loop runs late', () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    const options = {
      busyAbove: 0.8,
      recentMs: 250,
      intervalMs: 100,
      restrained: 1,
      full: 4,
      lateAboveMs: 5,
      probeMs: 5,
      pauseAtMostMs: 50,
    };

    /** A pressure signal on fake timers, the loop's utilisation fixed; stopped afterwards. */
    const withPressure = (utilisation: number, check: (p: IntakePressure) => void) => {
      vi.useFakeTimers({ now: 1000 });
      const p = createIntakePressure(
        options,
        () => Date.now(),
        () => utilisation,
      );
      try {
        check(p);
      } finally {
        p.stop();
      }
    };

    it('starts no batch while intake goes on and the loop is late, and all of them once it has caught up', () => {
      withPressure(0.5, (p) => {
        p.accepted();
        vi.advanceTimersByTime(20);
        expect(p.admitted()).toBe(4);
        // The loop is held up for 30 ms: the probe is overdue.
        vi.setSystemTime(Date.now() + 30);
        expect(p.admitted()).toBe(0);
        // The probe fires, late: still late for two probe periods.
        vi.advanceTimersByTime(1);
        expect(p.admitted()).toBe(0);
        // On time again.
        vi.advanceTimersByTime(20);
        p.accepted();
        expect(p.admitted()).toBe(4);
        expect(p.pausedMs()).toBeGreaterThan(0);
      });
    });

    it('a loop that stays late still starts one batch after each longest pause', () => {
      withPressure(0.95, (p) => {
        p.accepted();
        vi.advanceTimersByTime(10);
        const answers: number[] = [];
        // Twelve times the loop is held up for 20 ms, then runs 1 ms; intake goes on.
        for (let i = 0; i < 12; i++) {
          vi.setSystemTime(Date.now() + 20);
          vi.advanceTimersByTime(1);
          p.accepted();
          answers.push(p.admitted());
        }
        expect(answers.filter((a) => a > 0)).toEqual([1, 1, 1]);
        expect(answers.slice(0, 2)).toEqual([0, 0]);
      });
    });

    it("with the worker's batcher, a loop that stays late still gets every batch through", async () => {
      vi.useFakeTimers({ now: 1000 });
      const p = createIntakePressure(
        options,
        () => Date.now(),
        () => 0.95,
      );
      try {
        const flushed: number[] = [];
        const b = createBatcher<number, number>({
          maxBatch: 1,
          windowMs: 0,
          lanes: 4,
          maxPending: 100,
          admitted: () => p.admitted(),
          async flush(items) {
            flushed.push(...items);
            return items.map((i) => ({ ok: true as const, value: i }));
          },
        });
        p.accepted();
        // The loop is held up for 20 ms before the batches are asked for, and in every step after.
        vi.setSystemTime(Date.now() + 20);
        const answers = Promise.all([1, 2, 3].map((i) => b.submit(i, String(i))));
        expect(flushed).toEqual([]);
        for (let i = 0; i < 60 && flushed.length < 3; i++) {
          vi.setSystemTime(Date.now() + 20);
          p.accepted();
          await vi.advanceTimersByTimeAsync(1);
        }
        expect(flushed.sort()).toEqual([1, 2, 3]);
        expect(await answers).toEqual([1, 2, 3]);
        expect(p.pausedMs()).toBeGreaterThan(0);
      } finally {
        p.stop();
      }
    });

    it('does not pause when nothing is arriving (a backlog drains at full speed)', () => {
      withPressure(0.95, (p) => {
        vi.setSystemTime(Date.now() + 30);
        expect(p.admitted()).toBe(4);
        expect(p.pausedMs()).toBe(0);
      });
    });
  });
});
