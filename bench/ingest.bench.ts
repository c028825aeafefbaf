import { execSync } from 'node:child_process';
import { and, count, eq, like, max, min } from 'drizzle-orm';
import { pageFinder } from '../connectors/meta/meta-page.ts';
import { webhookSchema } from '../connectors/meta/webhook.schema.ts';
import { mapWebhook } from '../connectors/meta/webhook-mapper.ts';
import { applyEnvelope } from '../src/domain/ingest.service.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { createInboundEventRepository } from '../src/store/inbound-event.repository.ts';
import { createIngestUnitOfWork } from '../src/store/ingest.repository.ts';
import { inboundEvents } from '../src/store/schema/index.ts';
import * as P from '../tests/fixtures/meta/payloads.ts';
import { startGraphStandIn } from '../tests/helpers/graph-stand-in.ts';
import { createTempDatabase } from '../tests/helpers/services.ts';
import { type CpuShare, formatCpuShare, measureCpuShare } from './cpu-share.ts';
import { formatGc, type GcTotals, gcDifference, readBareGc, readServerGc } from './gc-reading.ts';
import { closedLoop, type LoadResult, openLoop, SLICE_SECONDS } from './load.ts';
import {
  BENCH_METRICS_TOKEN,
  benchEnv,
  type KontaktProcesses,
  SERVER_COMMAND,
  startBareProcess,
  startKontaktProcesses,
  type Topology,
} from './server-process.ts';
import type { Benchmark, BenchRow } from './types.ts';

const RATE = Number(process.env.BENCH_INGEST_RATE ?? 500);
/**
 * Long enough that the p99 rests on 150 requests: over 10 s (50 requests) one or two of the
 * server's mark-compact cycles decided it, and the same build gave 15–34 ms from run to run; the
 * p99 of each 10 s slice is printed beside the whole run's.
 */
const SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 30);
/** Jobs (server) and transactions (baseline) in flight at once: the server's INBOUND_CONCURRENCY. */
const CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 4);
/** Envelopes per worker transaction (INBOUND_BATCH_SIZE); 1 = the unbatched worker, for comparison. */
const BATCH = Number(process.env.BENCH_INGEST_BATCH ?? 20);
/** Size of the backlog whose draining measures the worker's capacity. */
const BACKLOG = Number(process.env.BENCH_INGEST_BACKLOG ?? 2000);
const CONNECTIONS = 20;
/**
 * Requests (20 in flight) that warm each server up before the measured load, all applied before the
 * clock starts. A running server has long compiled its hot paths; after only 300 requests the
 * first seconds of the load still ran unoptimised code (p50 14.1 / p99 59.8 ms against 8.9–9.3 /
 * 33.8–36.4 ms after 3000, same build and machine).
 */
const WARMUP = Number(process.env.BENCH_INGEST_WARMUP ?? 3000);
/** Senders cycle through this many people, so most messages join an open case, as on a busy page. */
const PEOPLE = 200;

const psidOf = (n: number) => `73${String(n % PEOPLE).padStart(14, '0')}`;
const payload = (tag: string, n: number) =>
  P.webhook('page', P.pageEntry(P.textMessage(psidOf(n), `m_${tag}_${n}`, `Poruka ${n}: treba mi pomoć.`)));

/** A signed Messenger webhook carrying one new message. */
function signedRequest(tag: string, n: number) {
  const body = JSON.stringify(payload(tag, n));
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': P.sign(body) } };
}

/**
 * Signed Messenger webhooks, each a new message: open loop at a fixed rate (latency from the
 * scheduled send time), or a closed loop of CONNECTIONS as fast as they are answered.
 */
export async function postWebhooks(
  url: string,
  tag: string,
  o: { rate?: number; seconds?: number; amount?: number },
): Promise<{ result: LoadResult; sent: number }> {
  const request = (n: number) => signedRequest(tag, n);
  const result =
    o.rate && o.seconds
      ? await openLoop(`${url}/webhooks/meta`, { rate: o.rate, seconds: o.seconds, request })
      : await closedLoop(`${url}/webhooks/meta`, { amount: o.amount ?? 0, connections: CONNECTIONS, request });
  return { result, sent: result.sent };
}

/** Applied events: how many, and the span of their appliedAt (the drain rate, measured by the store). */
async function appliedSpan(store: Store, tag?: string) {
  const [row] = await store.db
    .select({ n: count(), first: min(inboundEvents.appliedAt), last: max(inboundEvents.appliedAt) })
    .from(inboundEvents)
    .where(
      and(
        eq(inboundEvents.channel, 'facebook'),
        eq(inboundEvents.status, 'applied'),
        ...(tag ? [like(inboundEvents.externalId, `m_${tag}_%`)] : []),
      ),
    );
  const n = row?.n ?? 0;
  const spanSec = row?.first && row.last ? (row.last.getTime() - row.first.getTime()) / 1000 : 0;
  return { n, spanSec };
}

async function waitApplied(store: Store, n: number, limitMs = 300_000) {
  const started = performance.now();
  for (;;) {
    if ((await appliedSpan(store)).n >= n) return (performance.now() - started) / 1000;
    if (performance.now() - started > limitMs) throw new Error(`${n} events not applied within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The baseline: the same envelopes (mapped from the same payloads by the Meta connector) through
 * the same ingest transaction (contact upsert, case, message insert, event marked applied),
 * CONCURRENCY at a time, straight to PostgreSQL: no HTTP, no queue, no events published.
 */
async function rawTransactions(amount: number): Promise<number> {
  const db = await createTempDatabase();
  const store = await openStore({ databaseUrl: db.url, dataDir: '/nonexistent' });
  try {
    const events = createInboundEventRepository(store.db);
    const findPage = pageFinder([{ pageId: P.PAGE_ID, accessToken: P.PAGE_TOKEN, humanAgent: false, comments: false }]);
    const work: { id: string; env: Parameters<typeof applyEnvelope>[2] }[] = [];
    for (let n = 1; n <= amount; n++) {
      const [env] = mapWebhook(webhookSchema.parse(payload('raw', n)), { receivedAt: new Date(), findPage }).envelopes;
      if (!env) throw new Error('payload mapped to no envelope');
      work.push({ id: (await events.record(env, new Date())).id, env });
    }
    const uow = createIngestUnitOfWork(store.db);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < work.length; i = next++) {
          const w = work[i] as (typeof work)[number];
          await applyEnvelope(uow, w.id, w.env, new Date());
        }
      }),
    );
    return amount / ((performance.now() - started) / 1000);
  } finally {
    await store.close();
    await db.drop();
  }
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const load1 = () => /load average: ([\d.]+)/.exec(execSync('uptime').toString())?.[1] ?? '?';

/** BENCH_INGEST_TOPOLOGY: `all` (one process), `api+worker` (two), or both, comma-separated. */
const TOPOLOGIES = (process.env.BENCH_INGEST_TOPOLOGY ?? 'all,api+worker').split(',') as Topology[];

/** The sustained run and the backlog drain, with the server as its own process(es). */
async function measure(
  topology: Topology,
  graphUrl: string,
  raw: number,
  floor: LoadResult,
  floorCpu: CpuShare | null,
  floorGc: GcTotals | null,
): Promise<BenchRow[]> {
  const db = await createTempDatabase();
  const { env, cleanup } = benchEnv(
    db.url,
    P.metaEnv(graphUrl, { INBOUND_CONCURRENCY: String(CONCURRENCY), INBOUND_BATCH_SIZE: String(BATCH) }),
  );
  let k: KontaktProcesses | undefined;
  const store = await openStore({ databaseUrl: db.url, dataDir: '/nonexistent' });
  try {
    k = await startKontaktProcesses(env, topology);
    // A warm-up (JIT, connection pools), applied before the clock starts, as a running server would be.
    const warm = (await postWebhooks(k.url, 'warm', { amount: WARMUP })).result['2xx'];
    await waitApplied(store, warm);
    // Phase 1, sustained open-loop load.
    const loadBefore = load1();
    // Read outside the timed window: a /metrics scrape is not part of the load.
    const gcBefore = await readServerGc(k.url, BENCH_METRICS_TOKEN);
    const started = performance.now();
    const cpu = measureCpuShare(k.pids);
    const load = await postWebhooks(k.url, 'load', { rate: RATE, seconds: SECONDS });
    const cpuShare = cpu();
    const loadSec = (performance.now() - started) / 1000;
    const duringLoad = (await appliedSpan(store, 'load')).n;
    const gcAfter = await readServerGc(k.url, BENCH_METRICS_TOKEN);
    const gc = gcBefore && gcAfter ? gcDifference(gcAfter, gcBefore) : null;
    const acked = warm + load.result['2xx'];
    await waitApplied(store, acked);
    const allAfter = (performance.now() - started) / 1000;
    await k.stop();

    // Phase 2, the worker's capacity: a backlog taken in by an api-only process, then drained.
    k = await startKontaktProcesses(env, topology, true);
    const fill = await postWebhooks(k.url, 'backlog', { amount: BACKLOG });
    await k.stop();
    const drainLoad = load1();
    k = await startKontaktProcesses(env, topology);
    await waitApplied(store, acked + fill.result['2xx']);
    const drained = fill.result['2xx'];
    const { spanSec } = await appliedSpan(store, 'backlog');
    const drainRate = drained / Math.max(spanSec, 0.001);
    const r = load.result;
    const t = `[${topology}]`;
    return [
      { metric: `${t} sustained: requests sent`, value: String(load.sent), baseline: `${floor.sent} bare` },
      {
        metric: `${t} sustained: acknowledged 200`,
        value: String(load.result['2xx']),
        baseline: `${floor['2xx']} bare`,
      },
      {
        metric: `${t} sustained: errors / non-2xx`,
        value: `${r.errors} / ${r.non2xx}`,
        baseline: `${floor.errors} / ${floor.non2xx} bare`,
      },
      {
        metric: `${t} sustained: ack latency p50`,
        value: ms(r.latency.p50),
        baseline: `${ms(floor.latency.p50)} bare`,
      },
      {
        metric: `${t} sustained: ack latency p99 (target < 25 ms)`,
        value: ms(r.latency.p99),
        baseline: `${ms(floor.latency.p99)} bare`,
      },
      {
        metric: `${t} sustained: ack latency p99 of each ${SLICE_SECONDS} s slice`,
        value: r.sliceP99.map((v) => v.toFixed(1)).join(' / '),
        baseline: `${floor.sliceP99.map((v) => v.toFixed(1)).join(' / ')} bare`,
      },
      {
        metric: `${t} sustained: ack latency max`,
        value: ms(r.latency.max),
        baseline: `${ms(floor.latency.max)} bare`,
      },
      {
        metric: `${t} sustained: generator send lag p99 / max`,
        value: `${ms(r.sendLag.p99)} / ${ms(r.sendLag.max)}`,
        baseline: `${ms(floor.sendLag.p99)} / ${ms(floor.sendLag.max)} bare`,
      },
      {
        metric: `${t} sustained: applied per second, during load`,
        value: (duringLoad / loadSec).toFixed(0),
        baseline: `${RATE} offered`,
      },
      {
        metric: `${t} sustained: all applied after`,
        value: `${allAfter.toFixed(1)} s`,
        baseline: `${SECONDS} s of load`,
      },
      {
        metric: `${t} sustained: CPU cores used, server / PostgreSQL / Redis / generator / all`,
        value: formatCpuShare(cpuShare),
        baseline: `${formatCpuShare(floorCpu)} bare, of ${cpuShare?.cores ?? '?'} cores`,
      },
      {
        // The api process's (in `all`, the only one's): its loop is what the acknowledgement waits on.
        metric: `${t} sustained: GC minor n / pause · major n / pause · pauses > 10 ms`,
        value: formatGc(gc),
        baseline: `${formatGc(floorGc)} bare`,
      },
      { metric: `${t} sustained: load average (1 min) at start`, value: loadBefore, baseline: '—' },
      {
        metric: `${t} backlog: acknowledged per second (api only)`,
        value: (fill.result['2xx'] / fill.result.duration).toFixed(0),
        baseline: '—',
      },
      {
        metric: `${t} backlog: applied per second (worker)`,
        value: drainRate.toFixed(0),
        baseline: `${raw.toFixed(0)} raw`,
      },
      {
        metric: `${t} backlog: ratio to raw transaction rate`,
        value: (drainRate / raw).toFixed(2),
        baseline: 'target ≥ 0.80',
      },
      { metric: `${t} backlog: load average (1 min) at drain start`, value: drainLoad, baseline: '—' },
    ];
  } finally {
    await k?.stop();
    await store.close();
    await cleanup();
    await db.drop();
  }
}

export const ingestBench: Benchmark = {
  name: 'ingest',
  description: `signed Messenger webhooks, open loop at ${RATE}/s for ${SECONDS} s (latency from each request's scheduled send time), after a ${WARMUP}-request warm-up; then a ${BACKLOG}-message backlog: acknowledgement latency and messages applied per second (worker: ${CONCURRENCY} transactions at once, up to ${BATCH} envelopes each), beside the same ingest transaction straight to PostgreSQL at the same concurrency and a bare signature-checking route; every server is its own process (${SERVER_COMMAND}), as ${TOPOLOGIES.join(' and ')}`,
  async run() {
    const rawLoad = load1();
    const raw = await rawTransactions(BACKLOG);
    const bare = await startBareProcess();
    let floor: LoadResult;
    let floorCpu: CpuShare | null = null;
    let floorGc: GcTotals | null = null;
    try {
      await postWebhooks(bare.url, 'warm', { amount: WARMUP });
      const gcBefore = await readBareGc(bare.url);
      const cpu = measureCpuShare([bare.proc.child.pid as number]);
      floor = (await postWebhooks(bare.url, 'bare', { rate: RATE, seconds: SECONDS })).result;
      floorCpu = cpu();
      const gcAfter = await readBareGc(bare.url);
      floorGc = gcBefore && gcAfter ? gcDifference(gcAfter, gcBefore) : null;
    } finally {
      await bare.proc.stop();
    }
    const graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    for (let i = 0; i < PEOPLE; i++) graph.setProfile(psidOf(i), { first_name: 'Osoba', last_name: String(i) });
    try {
      const rows: BenchRow[] = [
        { metric: 'raw transactions: load average (1 min) at start', value: rawLoad, baseline: '—' },
      ];
      for (const topology of TOPOLOGIES)
        rows.push(...(await measure(topology, graph.url, raw, floor, floorCpu, floorGc)));
      return rows;
    } finally {
      await graph.close();
    }
  },
};
