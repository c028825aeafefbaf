import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logging/logger.ts';
import { ENQUEUE_WAIT_MS, enqueueBounded } from '../../src/pipeline/accept.ts';
import type { Producers } from '../../src/pipeline/producers.ts';

const log = createLogger('silent');

function producersWith(enqueueInbound: () => Promise<void>): Producers {
  return { enqueueInbound } as unknown as Producers;
}

describe('enqueueBounded', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('an enqueue that answers in time leaves no timer behind', async () => {
    vi.useFakeTimers();
    await enqueueBounded(
      producersWith(async () => {}),
      'e1',
      log,
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a failed enqueue is logged, not thrown, and leaves no timer', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(log, 'warn');
    await expect(
      enqueueBounded(
        producersWith(async () => {
          throw new Error('redis down');
        }),
        'e2',
        log,
      ),
    ).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an enqueue that hangs lets the caller go after the wait', async () => {
    vi.useFakeTimers();
    let done = false;
    const p = enqueueBounded(
      producersWith(() => new Promise<void>(() => {})),
      'e3',
      log,
    ).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(ENQUEUE_WAIT_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
