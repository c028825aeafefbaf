/**
 * The server's garbage collection during a measured phase, from V8's own GC events: minor
 * collections (scavenges of the young generation) and major ones (mark-compact with its
 * incremental marking steps and weak-callback pass), each as a count and the time the event loop
 * stood still for them, and how many single pauses lasted longer than 10 ms. A Kontakt server reports
 * these on `GET /metrics` (prom-client's `nodejs_gc_duration_seconds`); the bare baseline answers
 * `GET /gc` with the same totals. On a loop that is busy most of the time, a run of pauses is what
 * a request in its way waits out, so these figures sit beside the latency tail they explain.
 */
export interface GcTotals {
  minor: { n: number; ms: number };
  major: { n: number; ms: number };
  /** Single pauses of any kind longer than 10 ms. */
  long: number;
}

export const GC_LONG_PAUSE_MS = 10;

/** Prometheus text → totals (kinds minor; major, incremental and weakcb as major). */
export function gcTotalsFromMetrics(text: string, prefix = 'kontakt_'): GcTotals {
  const name = `${prefix}nodejs_gc_duration_seconds`;
  const totals: GcTotals = { minor: { n: 0, ms: 0 }, major: { n: 0, ms: 0 }, long: 0 };
  let shortPauses = 0;
  let all = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^(\S+?)\{([^}]*)\}\s+(\S+)$/.exec(line);
    if (!m) continue;
    const [, metric, labels = '', value] = m;
    const kind = /kind="(\w+)"/.exec(labels)?.[1];
    const v = Number(value);
    const part = kind === 'minor' ? totals.minor : totals.major;
    if (metric === `${name}_count`) {
      part.n += v;
      all += v;
    } else if (metric === `${name}_sum`) part.ms += v * 1000;
    else if (metric === `${name}_bucket` && labels.includes(`le="${GC_LONG_PAUSE_MS / 1000}"`)) shortPauses += v;
  }
  totals.long = all - shortPauses;
  return totals;
}

export function gcDifference(after: GcTotals, before: GcTotals): GcTotals {
  return {
    minor: { n: after.minor.n - before.minor.n, ms: after.minor.ms - before.minor.ms },
    major: { n: after.major.n - before.major.n, ms: after.major.ms - before.major.ms },
    long: after.long - before.long,
  };
}

export function formatGc(g: GcTotals | null): string {
  if (!g) return 'n/a';
  return `${g.minor.n} / ${g.minor.ms.toFixed(0)} ms · ${g.major.n} / ${g.major.ms.toFixed(0)} ms · ${g.long}`;
}

/** A Kontakt server's totals so far (null when /metrics does not answer). */
export async function readServerGc(url: string, token: string): Promise<GcTotals | null> {
  try {
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    return res.ok ? gcTotalsFromMetrics(await res.text()) : null;
  } catch {
    return null;
  }
}

/** The bare baseline's own counter (served at GET /gc as JSON GcTotals). */
export async function readBareGc(url: string): Promise<GcTotals | null> {
  try {
    const res = await fetch(`${url}/gc`);
    return res.ok ? ((await res.json()) as GcTotals) : null;
  } catch {
    return null;
  }
}

/** Source text for a bare server: the same totals, kept by a PerformanceObserver. */
export const BARE_GC_COUNTER = `
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
const gc = { minor: { n: 0, ms: 0 }, major: { n: 0, ms: 0 }, long: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const part = e.detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MINOR ? gc.minor : gc.major;
    part.n += 1;
    part.ms += e.duration;
    if (e.duration > ${GC_LONG_PAUSE_MS}) gc.long += 1;
  }
}).observe({ entryTypes: ['gc'] });
`;
