import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { formatGc, gcDifference, gcTotalsFromMetrics } from '../../bench/gc-reading.ts';

describe('bench: garbage collection read from a server’s /metrics', () => {
  it('sums minor and major pauses and counts those longer than 10 ms, from prom-client’s own text', async () => {
    const registry = new Registry();
    // The histogram prom-client's default metrics register, with their buckets.
    const gc = new Histogram({
      name: 'kontakt_nodejs_gc_duration_seconds',
      help: 'gc',
      labelNames: ['kind'],
      buckets: [0.001, 0.01, 0.1, 1, 2, 5],
      registers: [registry],
    });
    const before = gcTotalsFromMetrics(await registry.metrics());
    gc.observe({ kind: 'minor' }, 0.002);
    gc.observe({ kind: 'minor' }, 0.02);
    gc.observe({ kind: 'major' }, 0.005);
    gc.observe({ kind: 'incremental' }, 0.015);
    gc.observe({ kind: 'weakcb' }, 0.0005);
    const after = gcTotalsFromMetrics(await registry.metrics());
    const d = gcDifference(after, before);
    expect(d.minor.n).toBe(2);
    expect(d.minor.ms).toBeCloseTo(22, 6);
    expect(d.major.n).toBe(3);
    expect(d.major.ms).toBeCloseTo(20.5, 6);
    expect(d.long).toBe(2);
    expect(formatGc(d)).toBe('2 / 22 ms · 3 / 21 ms · 2');
    // Another process's metrics, or none: nothing is counted.
    expect(gcTotalsFromMetrics('other_metric{kind="minor"} 5\n')).toEqual({
      minor: { n: 0, ms: 0 },
      major: { n: 0, ms: 0 },
      long: 0,
    });
  });
});
