import type { Logger } from 'pino';
import type { UrlScan } from '../domain/url-scan.ts';

/** How long the fast path gathers message ids before it scans them (one transaction for many). */
const GATHER_MS = 50;
const FAST_BATCH = 200;

export interface UrlScanLoop {
  /** Messages just committed: scanned within moments (lost in a crash, the sweep finds them). */
  notify(messageIds: string[]): void;
  /** The sweep and the reminder pass now (tests, and the start). */
  runOnce(now?: Date): Promise<{ swept: number; reminded: number }>;
  /** Whatever was notified, scanned (tests). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The worker's URL work, outside every ingest transaction: the fast path scans the messages the
 * inbound worker reports as applied; every `intervalMs` the sweep reads what the fast path
 * missed and the reminder pass announces items past due. A failure is logged and left to the
 * next sweep; nothing is retried in a tight loop.
 */
export function startUrlScanLoop(d: {
  scan: UrlScan;
  remind(now: Date): Promise<number>;
  intervalMs: number;
  log: Logger;
}): UrlScanLoop {
  const waiting = new Set<string>();
  let gather: NodeJS.Timeout | null = null;
  let fast: Promise<void> = Promise.resolve();
  let periodic: Promise<unknown> = Promise.resolve();
  let sweeping = false;
  let stopped = false;

  const drainFast = async () => {
    while (waiting.size > 0) {
      const ids = [...waiting].slice(0, FAST_BATCH);
      for (const id of ids) waiting.delete(id);
      await d.scan
        .scanMessages(ids)
        .catch((err) => d.log.warn({ err }, 'URL scan failed; the sweep reads these later'));
    }
  };

  const runOnce = async (now = new Date()) => {
    if (sweeping) return { swept: 0, reminded: 0 };
    sweeping = true;
    try {
      const swept = await d.scan.sweep(now).catch((err) => {
        d.log.warn({ err }, 'URL sweep failed; will try again');
        return 0;
      });
      const reminded = await d.remind(now).catch((err) => {
        d.log.warn({ err }, 'URL reminders failed; will try again');
        return 0;
      });
      if (swept > 0 || reminded > 0) d.log.info({ swept, reminded }, 'URL sweep');
      return { swept, reminded };
    } finally {
      sweeping = false;
    }
  };

  const timer = setInterval(() => {
    periodic = runOnce();
  }, d.intervalMs);
  timer.unref();
  periodic = runOnce();

  return {
    notify(ids) {
      if (stopped) return;
      for (const id of ids) waiting.add(id);
      if (gather) return;
      gather = setTimeout(() => {
        gather = null;
        fast = fast.then(drainFast);
      }, GATHER_MS);
      gather.unref();
    },
    runOnce,
    async drained() {
      if (gather) clearTimeout(gather);
      gather = null;
      fast = fast.then(drainFast);
      await fast;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (gather) clearTimeout(gather);
      gather = null;
      // What was gathered is scanned before the store closes; the rest is the next start's sweep.
      fast = fast.then(drainFast);
      await Promise.all([fast, periodic]);
    },
  };
}
