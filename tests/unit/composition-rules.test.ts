import type { Worker } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import { watchKnownHashes } from '../../src/domain/known-hash-recheck.ts';
import { closeWorkers } from '../../src/pipeline/worker-shutdown.ts';

/** The rules that left the composition root (issue 20), now callable on their own. */
describe('worker shutdown', () => {
  it('a worker that will not close in the grace period is force-closed, and the shutdown goes on', async () => {
    const calls: string[] = [];
    const stuck = {
      close: (force?: boolean) => {
        calls.push(force ? 'force' : 'close');
        // The graceful close never settles (a blocking client that missed its 'end'); the forced one does.
        return force ? Promise.resolve() : new Promise<void>(() => {});
      },
    } as unknown as Worker;
    const started = Date.now();
    await closeWorkers([stuck], 30);
    expect(calls).toEqual(['close', 'force']);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('workers that close in time are still force-closed (a no-op for them) and nothing waits for the grace', async () => {
    const calls: string[] = [];
    const worker = {
      close: async (force?: boolean) => void calls.push(force ? 'force' : 'close'),
    } as unknown as Worker;
    const started = Date.now();
    await closeWorkers([worker, worker], 60_000);
    expect(calls).toEqual(['close', 'close', 'force', 'force']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('leaves no timer behind once the workers are closed (nothing keeps the process up)', async () => {
    vi.useFakeTimers();
    try {
      const worker = { close: async () => {} } as unknown as Worker;
      await closeWorkers([worker], 60_000);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('known-hash watch', () => {
  it('re-checks the whole list at start and then each addition, and logs the matches', async () => {
    let listener: ((added: ReadonlyMap<string, string>) => void) | undefined;
    const seen: string[][] = [];
    const warned: object[] = [];
    let resolveSecond: () => void = () => {};
    const second = new Promise<void>((r) => {
      resolveSecond = r;
    });
    const stop = watchKnownHashes({
      list: {
        entries: () => new Map([['a'.repeat(64), 'line 1']]),
        refresh: () => {},
        onAdded: (l) => {
          listener = l;
        },
      },
      recheck: {
        recheck: async (hashes) => {
          seen.push([...hashes.keys()]);
          if (seen.length === 2) resolveSecond();
          return hashes.size;
        },
      },
      pollSeconds: 3600,
      log: { warn: (o) => void warned.push(o), error: () => {} },
    });
    listener?.(new Map([['b'.repeat(64), 'line 2']]));
    await second;
    stop();
    expect(seen).toEqual([['a'.repeat(64)], ['b'.repeat(64)]]);
    await new Promise((r) => setImmediate(r));
    expect(warned).toEqual([{ matches: 1 }, { matches: 1 }]);
  });
});
