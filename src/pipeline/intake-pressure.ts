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
 *
 * A loop that busy recovers slowly from a stall (a garbage collection, a burst): with a tenth of
 * its time to spare, 10 ms of queued work takes 100 ms to catch up, and every acknowledgement in
 * between waits. So while intake goes on and the loop runs late (a probe timer fired more than
 * `lateAboveMs` after it was due, or is overdue now), no new batch starts: the loop catches up on
 * answers first. A pause lasts at most `pauseAtMostMs`; then one batch starts whatever the loop's
 * state, so a loop that stays late still applies.
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
  /** The loop counts as late when the probe fires more than this after it was due (ms); 0: never. */
  lateAboveMs: number;
  /** How often the lateness probe is due (ms). */
  probeMs: number;
  /** Longest pause of new batches at a stretch while the loop is late (ms). */
  pauseAtMostMs: number;
}

export const DEFAULT_INTAKE_PRESSURE: Omit<IntakePressureOptions, 'full'> = {
  busyAbove: 0.8,
  recentMs: 250,
  intervalMs: 100,
  restrained: 1,
  lateAboveMs: 5,
  probeMs: 5,
  pauseAtMostMs: 50,
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
  /** Milliseconds, in all, for which new batches were paused because the loop ran late (a metric). */
  pausedMs(): number;
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

  // The lateness probe: a timer due every probeMs, and when it last fired later than that.
  let probeDue = now() + o.probeMs;
  let lateAt = Number.NEGATIVE_INFINITY;
  let probe: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    const t = now();
    if (t - probeDue > o.lateAboveMs) lateAt = t;
    probeDue = t + o.probeMs;
    probe = setTimeout(fire, o.probeMs);
    probe.unref?.();
  };
  if (o.lateAboveMs > 0) {
    probe = setTimeout(fire, o.probeMs);
    probe.unref?.();
  }
  let pauseFrom: number | null = null;
  /** After a pause runs out, its one batch is granted until then: the batcher asks more than once before it starts. */
  let grantUntil = Number.NEGATIVE_INFINITY;
  let paused = 0;
  const endPause = (t: number) => {
    if (pauseFrom !== null) paused += t - pauseFrom;
    pauseFrom = null;
  };

  return {
    accepted() {
      lastAccepted = now();
    },
    admitted() {
      const t = now();
      if (t - lastAccepted >= o.recentMs) {
        endPause(t);
        return o.full;
      }
      const late = o.lateAboveMs > 0 && (t - probeDue > o.lateAboveMs || t - lateAt <= 2 * o.probeMs);
      if (late) {
        if (t < grantUntil) return o.restrained;
        if (pauseFrom === null) pauseFrom = t;
        if (t - pauseFrom < o.pauseAtMostMs) return 0;
        // Paused long enough: one batch goes; the next pause may begin after it.
        endPause(t);
        grantUntil = t + o.probeMs;
        return o.restrained;
      }
      endPause(t);
      return pressed ? o.restrained : o.full;
    },
    underPressure: () => pressed,
    restrainedMs: () => restrained,
    pausedMs: () => paused + (pauseFrom === null ? 0 : now() - pauseFrom),
    stop: () => {
      clearInterval(timer);
      if (probe) clearTimeout(probe);
    },
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
