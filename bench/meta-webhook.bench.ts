import autocannon from 'autocannon';
import { and, count, eq } from 'drizzle-orm';
import { inboundEvents } from '../src/store/schema/index.ts';
import * as P from '../tests/fixtures/meta/payloads.ts';
import { startGraphStandIn } from '../tests/helpers/graph-stand-in.ts';
import { startTestKontakt, type TestKontakt } from '../tests/helpers/kontakt.ts';
import { bareWebhookRoute } from './bare-webhook-route.ts';
import type { Benchmark } from './types.ts';

const RATE = Number(process.env.BENCH_META_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_META_SECONDS ?? 10);
const CONNECTIONS = 10;
/** Senders cycle through this many people, as a busy page would see. */
const PEOPLE = 200;

/** Autocannon at a fixed rate; every request is a new, signed message (a fresh mid). */
async function cannon(url: string, tag: string) {
  let n = 0;
  const result = await autocannon({
    url: `${url}/webhooks/meta`,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          n += 1;
          const psid = `73${String(n % PEOPLE).padStart(14, '0')}`;
          const body = JSON.stringify(
            P.webhook('page', P.pageEntry(P.textMessage(psid, `m_bench_${tag}_${n}`, `Poruka ${n}: treba mi pomoć.`))),
          );
          return {
            ...req,
            body,
            headers: { 'content-type': 'application/json', 'x-hub-signature-256': P.sign(body) },
          };
        },
      },
    ],
  });
  return { result, sent: n };
}

async function applied(t: TestKontakt): Promise<number> {
  const [row] = await t.k.store.db
    .select({ n: count() })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.channel, 'facebook'), eq(inboundEvents.status, 'applied')));
  return row?.n ?? 0;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

export const metaWebhookBench: Benchmark = {
  name: 'meta-webhook',
  description: `signed Messenger webhook POSTs at ${RATE}/s for ${SECONDS} s (${CONNECTIONS} connections): acknowledgement latency and messages stored per second, beside a bare route that only verifies the signature`,
  async run() {
    const bare = await bareWebhookRoute();
    const base = await cannon(bare.url, 'bare');
    await bare.close();

    const graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    for (let i = 0; i < PEOPLE; i++)
      graph.setProfile(`73${String(i).padStart(14, '0')}`, { first_name: 'Osoba', last_name: String(i) });
    const t = await startTestKontakt('postgres', P.metaEnv(graph.url));
    try {
      const started = performance.now();
      const run = await cannon(t.url, 'kontakt');
      const loadSec = (performance.now() - started) / 1000;
      const atLoadEnd = await applied(t);
      const ok = run.result['2xx'];
      for (;;) {
        if ((await applied(t)) >= ok) break;
        if (performance.now() - started > 60_000) throw new Error('messages not applied within 60 s');
        await new Promise((r) => setTimeout(r, 50));
      }
      const totalSec = (performance.now() - started) / 1000;
      const r = run.result;
      const b = base.result;
      return [
        { metric: 'requests sent', value: String(run.sent), baseline: String(base.sent) },
        { metric: 'acknowledged 200', value: String(ok), baseline: String(b['2xx']) },
        { metric: 'errors / non-2xx', value: `${r.errors} / ${r.non2xx}`, baseline: `${b.errors} / ${b.non2xx}` },
        { metric: 'ack latency p50', value: ms(r.latency.p50), baseline: ms(b.latency.p50) },
        { metric: 'ack latency p99', value: ms(r.latency.p99), baseline: ms(b.latency.p99) },
        { metric: 'ack latency max', value: ms(r.latency.max), baseline: ms(b.latency.max) },
        {
          metric: 'acknowledged per second',
          value: (ok / loadSec).toFixed(0),
          baseline: (b['2xx'] / SECONDS).toFixed(0),
        },
        { metric: 'stored per second, during load', value: (atLoadEnd / loadSec).toFixed(0), baseline: '—' },
        { metric: 'stored per second, until all stored', value: (ok / totalSec).toFixed(0), baseline: '—' },
        { metric: 'all stored after', value: `${totalSec.toFixed(1)} s`, baseline: '—' },
      ];
    } finally {
      await t.cleanup();
      await graph.close();
    }
  },
};
