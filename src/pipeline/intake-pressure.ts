import { performance } from 'node:perf_hooks';

/**
 * Intake first, in a process that both takes channel traffic and applies it (ROLE=all): the
 * acknowledgement is what a channel waits on (Meta, the PBX and the form all time out and retry),
 * the applying can be a moment late. While envelopes are arriving and the event loop is nearly
 * always busy, the inbound worker runs fewer transactions at once (never none, so a long surge
 * is still applied); once arrivals stop, or the loop has room again, it runs all of them.
 *
 * The signal is the event loop's utilisation over the last interval (Node's own measure of the
 * share of time spent running code rather than waiting) together with an envelope accepted within
 * the last `recentMs`. A worker-only process has no intake and is never held back.
 */
export interface IntakePressureOptions {
  /** Utilisation above which the loop counts as busy (0–1). */
  busyAbove: number;
  /** An acceptance this recent counts as intake going on. */
  recentMs: number;
  /** How often the utilisation is read. */
  intervalMs: number;
  /** Flushes the worker may run at once under pressure, and otherwise. */
  restrained: number;
  full: number;
}

export const DEFAULT_INTAKE_PRESSURE: Omit<IntakePressureOptions, 'full'> = {
  busyAbove: 0.8,
  recentMs: 250,
  intervalMs: 100,
  restrained: 1,
};

export interface IntakePressure {
  /** Called on every acceptance (cheap: one clock read). */
  accepted(): void;
  /** Flushes the worker may run at once right now. */
  admitted(): number;
  /** Whether the last reading found intake under pressure. */
  underPressure(): boolean;
  /** Milliseconds, in all, for which readings found intake under pressure (a metric). */
  restrainedMs(): number;
  stop(): void;
}

export function createIntakePressure(
  o: IntakePressureOptions,
  now: () => number = () => performance.now(),
  utilisation: () => number = loopUtilisation(),
): IntakePressure {
  let lastAccepted = Number.NEGATIVE_INFINITY;
  let pressed = false;
  let restrained = 0;
  const read = () => {
    const busy = utilisation() > o.busyAbove;
    pressed = busy && now() - lastAccepted < o.recentMs;
    if (pressed) restrained += o.intervalMs;
  };
  const timer = setInterval(read, o.intervalMs);
  timer.unref?.();
  return {
    accepted() {
      lastAccepted = now();
    },
    admitted: () => (pressed && now() - lastAccepted < o.recentMs ? o.restrained : o.full),
    underPressure: () => pressed,
    restrainedMs: () => restrained,
    stop: () => clearInterval(timer),
  };
}

/** The loop's utilisation since the previous call. */
function loopUtilisation(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const next = performance.eventLoopUtilization();
    const u = performance.eventLoopUtilization(next, last).utilization;
    last = next;
    return u;
  };
}
