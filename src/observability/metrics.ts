import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { withTimeout } from '../pipeline/redis.ts';

/** What the inbound worker reports per job; the worker itself knows nothing of Prometheus. */
export interface IngestObservation {
  channel: string;
  outcome: 'applied' | 'duplicate' | 'updated' | 'dead_lettered';
  /** When the event was made durable; set when it was applied, for the latency histogram. */
  receivedAt?: Date;
}

export interface QueueCounts {
  /** Per state (waiting, active, delayed, failed), read from BullMQ at scrape time. */
  counts(): Promise<Record<string, number>>;
}

export interface ProbeLike {
  name: string;
  check(): Promise<void>;
}

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** A probe slower than this counts as down in the scrape; Prometheus scrapes time out at 10 s by default. */
const PROBE_TIMEOUT_MS = 2000;

/**
 * One registry per Kontakt instance (tests run several in one process), so nothing is global.
 * Gauges that describe state owned elsewhere (queues, sockets, probes) are read at scrape time
 * rather than kept up to date by the code that owns the state.
 */
export function createMetrics(opts: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'kontakt_' });

  const queues = new Map<string, QueueCounts>();
  const probes: ProbeLike[] = [];
  let sockets: (() => number) | null = null;
  let restrainedMs: (() => number) | null = null;

  new Gauge({
    name: 'kontakt_queue_jobs',
    help: 'Jobs in each BullMQ queue by state, read at scrape time',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [name, q] of queues) {
        const counts = await q.counts().catch(() => null);
        // A Redis outage leaves the series absent rather than reporting a false zero.
        if (!counts) continue;
        for (const state of QUEUE_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });

  const latency = new Histogram({
    name: 'kontakt_ingest_latency_seconds',
    help: 'Time from an inbound event being made durable to its application in the store',
    labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });

  const ingested = new Counter({
    name: 'kontakt_ingest_total',
    help: 'Inbound events processed by the worker, by channel and outcome',
    labelNames: ['channel', 'outcome'],
    registers: [registry],
  });

  new Gauge({
    name: 'kontakt_socket_connections',
    help: 'Socket.IO connections open on this node',
    registers: [registry],
    collect() {
      this.set(sockets ? sockets() : 0);
    },
  });

  new Gauge({
    name: 'kontakt_health_up',
    help: 'Health probes (database, redis, channels): 1 when the probe answers, 0 otherwise',
    labelNames: ['probe'],
    registers: [registry],
    async collect() {
      this.reset();
      const results = await Promise.all(probes.map(async (p) => [p.name, await probeUp(p)] as const));
      for (const [name, up] of results) this.set({ probe: name }, up ? 1 : 0);
    },
  });

  new Counter({
    name: 'kontakt_intake_first_restrained_seconds_total',
    help: 'ROLE=all: time the inbound worker ran one transaction at a time because intake was under pressure',
    registers: [registry],
    collect() {
      this.reset();
      if (restrainedMs) this.inc(restrainedMs() / 1000);
    },
  });

  const httpDuration = new Histogram({
    name: 'kontakt_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });

  return {
    registry,
    contentType: registry.contentType,
    addQueue(name: string, q: QueueCounts) {
      queues.set(name, q);
    },
    addProbes(list: ProbeLike[]) {
      probes.push(...list);
    },
    setSocketCount(count: () => number) {
      sockets = count;
    },
    setIntakeRestrained(ms: () => number) {
      restrainedMs = ms;
    },
    observeIngest(o: IngestObservation) {
      ingested.inc({ channel: o.channel, outcome: o.outcome });
      if (o.receivedAt)
        latency.observe({ channel: o.channel }, Math.max(0, Date.now() - o.receivedAt.getTime()) / 1000);
    },
    observeHttp(method: string, route: string, status: number, seconds: number) {
      httpDuration.observe({ method, route, status: String(status) }, seconds);
    },
    render(): Promise<string> {
      return registry.metrics();
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

function probeUp(p: ProbeLike): Promise<boolean> {
  return withTimeout(p.check(), PROBE_TIMEOUT_MS, 'probe').then(
    () => true,
    () => false,
  );
}
