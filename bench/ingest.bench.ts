import autocannon from 'autocannon';
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
import { startTestKontakt } from '../tests/helpers/kontakt.ts';
import { createTempDatabase } from '../tests/helpers/services.ts';
import { bareWebhookRoute } from './bare-webhook-route.ts';
import type { Benchmark } from './types.ts';

const RATE = Number(process.env.BENCH_INGEST_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
/** Jobs (server) and transactions (baseline) in flight at once: the server's INBOUND_CONCURRENCY. */
const CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 4);
/** Envelopes per worker transaction (INBOUND_BATCH_SIZE); 1 = the unbatched worker, for comparison. */
const BATCH = Number(process.env.BENCH_INGEST_BATCH ?? 20);
/** Size of the backlog whose draining measures the worker's capacity. */
const BACKLOG = Number(process.env.BENCH_INGEST_BACKLOG ?? 2000);
const CONNECTIONS = 20;
/** Senders cycle through this many people, so most messages join an open case, as on a busy page. */
const PEOPLE = 200;

const psidOf = (n: number) => `73${String(n % PEOPLE).padStart(14, '0')}`;
const payload = (tag: string, n: number) =>
  P.webhook('page', P.pageEntry(P.textMessage(psidOf(n), `m_${tag}_${n}`, `Poruka ${n}: treba mi pomoć.`)));

/** Signed Messenger webhooks, each a new message; at a fixed rate, or as fast as they are answered. */
export async function postWebhooks(url: string, tag: string, o: { rate?: number; seconds?: number; amount?: number }) {
  let n = 0;
  const result = await autocannon({
    url: `${url}/webhooks/meta`,
    connections: CONNECTIONS,
    ...(o.rate && { overallRate: o.rate }),
    ...(o.seconds && { duration: o.seconds }),
    ...(o.amount && { amount: o.amount }),
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          n += 1;
          const body = JSON.stringify(payload(tag, n));
          return { ...req, body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': P.sign(body) } };
        },
      },
    ],
  });
  return { result, sent: n };
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

export const ingestBench: Benchmark = {
  name: 'ingest',
  description: `signed Messenger webhooks at ${RATE}/s for ${SECONDS} s, then a ${BACKLOG}-message backlog: acknowledgement latency and messages applied per second (worker: ${CONCURRENCY} transactions at once, up to ${BATCH} envelopes each), beside the same ingest transaction straight to PostgreSQL at the same concurrency`,
  async run() {
    const raw = await rawTransactions(BACKLOG);
    const bare = await bareWebhookRoute();
    const floor = (await postWebhooks(bare.url, 'bare', { rate: RATE, seconds: SECONDS })).result;
    await bare.close();

    const graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    for (let i = 0; i < PEOPLE; i++) graph.setProfile(psidOf(i), { first_name: 'Osoba', last_name: String(i) });
    const env = P.metaEnv(graph.url, { INBOUND_CONCURRENCY: String(CONCURRENCY), INBOUND_BATCH_SIZE: String(BATCH) });
    // Phase 1, sustained load on one node (api + worker in one process).
    let t = await startTestKontakt('postgres', env);
    try {
      const started = performance.now();
      const load = await postWebhooks(t.url, 'load', { rate: RATE, seconds: SECONDS });
      const loadSec = (performance.now() - started) / 1000;
      const duringLoad = (await appliedSpan(t.k.store)).n;
      const acked = load.result['2xx'];
      await waitApplied(t.k.store, acked);
      const allAfter = (performance.now() - started) / 1000;

      // Phase 2, the worker's capacity: a backlog taken in by an api-only node, then drained by a worker.
      t = await t.restart({ ROLE: 'api' });
      const fill = await postWebhooks(t.url, 'backlog', { amount: BACKLOG });
      t = await t.restart({ ROLE: 'all' });
      await waitApplied(t.k.store, acked + fill.result['2xx']);
      const drained = fill.result['2xx'];
      const { spanSec } = await appliedSpan(t.k.store, 'backlog');
      const drainRate = drained / Math.max(spanSec, 0.001);
      const r = load.result;
      return [
        { metric: 'sustained: requests sent', value: String(load.sent), baseline: '—' },
        { metric: 'sustained: acknowledged 200', value: String(acked), baseline: `${floor['2xx']} bare route` },
        { metric: 'sustained: errors / non-2xx', value: `${r.errors} / ${r.non2xx}`, baseline: '—' },
        { metric: 'sustained: ack latency p50', value: ms(r.latency.p50), baseline: `${ms(floor.latency.p50)} bare` },
        {
          metric: 'sustained: ack latency p99 (target < 25 ms)',
          value: ms(r.latency.p99),
          baseline: `${ms(floor.latency.p99)} bare`,
        },
        { metric: 'sustained: ack latency max', value: ms(r.latency.max), baseline: `${ms(floor.latency.max)} bare` },
        {
          metric: 'sustained: applied per second, during load',
          value: (duringLoad / loadSec).toFixed(0),
          baseline: `${RATE} offered`,
        },
        { metric: 'sustained: all applied after', value: `${allAfter.toFixed(1)} s`, baseline: `${SECONDS} s of load` },
        {
          metric: 'backlog: acknowledged per second (api only)',
          value: (fill.result['2xx'] / fill.result.duration).toFixed(0),
          baseline: '—',
        },
        {
          metric: 'backlog: applied per second (worker)',
          value: drainRate.toFixed(0),
          baseline: `${raw.toFixed(0)} raw`,
        },
        {
          metric: 'backlog: ratio to raw transaction rate',
          value: (drainRate / raw).toFixed(2),
          baseline: 'target ≥ 0.80',
        },
      ];
    } finally {
      await t.cleanup();
      await graph.close();
    }
  },
};
