import { execSync } from 'node:child_process';
import { and, count, eq } from 'drizzle-orm';
import { openStore, type Store } from '../src/store/db.ts';
import { inboundEvents } from '../src/store/schema/index.ts';
import * as P from '../tests/fixtures/meta/payloads.ts';
import { startGraphStandIn } from '../tests/helpers/graph-stand-in.ts';
import { createTempDatabase } from '../tests/helpers/services.ts';
import { openLoop } from './load.ts';
import { benchEnv, SERVER_COMMAND, startBareProcess, startKontaktProcesses, type Topology } from './server-process.ts';
import type { Benchmark } from './types.ts';

const RATE = Number(process.env.BENCH_META_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_META_SECONDS ?? 10);
/** `all` (one process, default) or `api+worker` (two). */
const TOPOLOGY = (process.env.BENCH_META_TOPOLOGY ?? 'all') as Topology;
/** Senders cycle through this many people, as a busy page would see. */
const PEOPLE = 200;
/**
 * Each server is warmed up (JIT, connection pools) at the same rate for this long before the clock
 * starts. After 1 s the first seconds still ran unoptimised code (same build and machine, 2 runs
 * each: p50 5.8 / 6.3 and p99 20.5 / 32.2 ms after 1 s, against 4.4 / 5.0 and 15.9 / 22.7 after 3 s).
 */
const WARMUP_SECONDS = 3;

/** Open loop at a fixed rate, latency from each scheduled send time; every request a new signed message. */
function post(url: string, tag: string, seconds = SECONDS) {
  return openLoop(`${url}/webhooks/meta`, {
    rate: RATE,
    seconds,
    request: (n) => {
      const psid = `73${String(n % PEOPLE).padStart(14, '0')}`;
      const body = JSON.stringify(
        P.webhook('page', P.pageEntry(P.textMessage(psid, `m_bench_${tag}_${n}`, `Poruka ${n}: treba mi pomoć.`))),
      );
      return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': P.sign(body) } };
    },
  });
}

async function applied(store: Store): Promise<number> {
  const [row] = await store.db
    .select({ n: count() })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.channel, 'facebook'), eq(inboundEvents.status, 'applied')));
  return row?.n ?? 0;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const load1 = () => /load average: ([\d.]+)/.exec(execSync('uptime').toString())?.[1] ?? '?';

export const metaWebhookBench: Benchmark = {
  name: 'meta-webhook',
  description: `signed Messenger webhook POSTs, open loop at ${RATE}/s for ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up (latency from each scheduled send time): acknowledgement latency and messages stored per second, beside a bare route that only verifies the signature; each server its own process (${SERVER_COMMAND}, ROLE ${TOPOLOGY})`,
  async run() {
    const bareLoad = load1();
    const bare = await startBareProcess();
    const b = await post(bare.url, 'warm', WARMUP_SECONDS)
      .then(() => post(bare.url, 'bare'))
      .finally(() => bare.proc.stop());

    const graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    for (let i = 0; i < PEOPLE; i++)
      graph.setProfile(`73${String(i).padStart(14, '0')}`, { first_name: 'Osoba', last_name: String(i) });
    const db = await createTempDatabase();
    const { env, cleanup } = benchEnv(db.url, P.metaEnv(graph.url));
    const k = await startKontaktProcesses(env, TOPOLOGY);
    const store = await openStore({ databaseUrl: db.url, dataDir: '/nonexistent' });
    try {
      // The warm-up's messages are stored before the clock starts, so the worker is idle when it does.
      const warm = (await post(k.url, 'warm', WARMUP_SECONDS))['2xx'];
      while ((await applied(store)) < warm) await new Promise((res) => setTimeout(res, 50));
      const ourLoad = load1();
      const started = performance.now();
      const r = await post(k.url, 'kontakt');
      const loadSec = (performance.now() - started) / 1000;
      const atLoadEnd = (await applied(store)) - warm;
      const ok = r['2xx'];
      for (;;) {
        if ((await applied(store)) - warm >= ok) break;
        if (performance.now() - started > 60_000) throw new Error('messages not applied within 60 s');
        await new Promise((res) => setTimeout(res, 50));
      }
      const totalSec = (performance.now() - started) / 1000;
      return [
        { metric: 'requests sent', value: String(r.sent), baseline: String(b.sent) },
        { metric: 'acknowledged 200', value: String(ok), baseline: String(b['2xx']) },
        { metric: 'errors / non-2xx', value: `${r.errors} / ${r.non2xx}`, baseline: `${b.errors} / ${b.non2xx}` },
        { metric: 'ack latency p50', value: ms(r.latency.p50), baseline: ms(b.latency.p50) },
        { metric: 'ack latency p99', value: ms(r.latency.p99), baseline: ms(b.latency.p99) },
        { metric: 'ack latency max', value: ms(r.latency.max), baseline: ms(b.latency.max) },
        { metric: 'generator send lag p99', value: ms(r.sendLag.p99), baseline: ms(b.sendLag.p99) },
        {
          metric: 'acknowledged per second',
          value: (ok / loadSec).toFixed(0),
          baseline: (b['2xx'] / b.duration).toFixed(0),
        },
        { metric: 'stored per second, during load', value: (atLoadEnd / loadSec).toFixed(0), baseline: '—' },
        { metric: 'stored per second, until all stored', value: (ok / totalSec).toFixed(0), baseline: '—' },
        { metric: 'all stored after', value: `${totalSec.toFixed(1)} s`, baseline: '—' },
        { metric: 'load average (1 min) at start', value: ourLoad, baseline: bareLoad },
      ];
    } finally {
      await k.stop();
      await store.close();
      await cleanup();
      await db.drop();
      await graph.close();
    }
  },
};
