import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as P from '../tests/fixtures/meta/payloads.ts';
import { startGraphStandIn } from '../tests/helpers/graph-stand-in.ts';
import { createTempDatabase } from '../tests/helpers/services.ts';
import { postWebhooks } from './ingest.bench.ts';
import { benchEnv, SERVER_COMMAND, SERVER_ENTRY, SERVER_NODE_FLAGS, spawnNode, waitFor } from './server-process.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RATE = Number(process.env.BENCH_INGEST_RATE ?? 500);
// Its own setting: a longer ingest run (BENCH_INGEST_SECONDS) need not lengthen this one.
const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 10);
/** Let start-up garbage be collected and timers settle before the idle reading. */
const SETTLE_MS = 3000;
/**
 * The idle reading after the load: V8 gives memory back once allocation has been low for a while
 * (its memory reducer; 15–25 s after a 10 s load here), so a centre's server idles again where it
 * started after a burst.
 */
const IDLE_AGAIN_MS = Number(process.env.BENCH_MEMORY_IDLE_AGAIN_MS ?? 30_000);

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return kb / 1024;
}

/** The least an HTTP + Socket.IO server costs here: express and socket.io, nothing else. */
const BARE_SERVER = `
import http from 'node:http';
import express from 'express';
import { Server } from 'socket.io';
const app = express();
app.get('/healthz', (_req, res) => { res.json({ ok: true }); });
const server = http.createServer(app);
new Server(server);
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
process.on('SIGTERM', () => process.exit(0));
`;

export const memoryBench: Benchmark = {
  name: 'memory',
  description: `server RSS (${SERVER_COMMAND}, as npm start runs it, and tsx src/main.ts, as its own process; PostgreSQL + Redis, Meta on): idle after start and under ${RATE} webhooks/s for ${SECONDS} s, beside a bare express + socket.io process`,
  async run() {
    // What `npm start` runs: the server compiled to dist/ (built here, so it is never stale).
    // BENCH_SERVER_ENTRY=<path to main.js>: measure that build instead (nothing is rebuilt).
    if (!process.env.BENCH_SERVER_ENTRY)
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-server.ts'], { cwd: ROOT, stdio: 'ignore' });
    // The same node options as the server it is compared with.
    const bare = spawnNode([...SERVER_NODE_FLAGS, '--input-type=module', '-e', BARE_SERVER], {}, 'bare-memory');
    let bareIdle: number;
    try {
      await waitFor(bare, /listening (\d+)/, 30_000);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      bareIdle = rssMb(bare.child.pid as number);
    } finally {
      await bare.stop();
    }

    const graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    const db = await createTempDatabase();
    const { env, cleanup } = benchEnv(db.url, P.metaEnv(graph.url));
    // The same server run from its TypeScript sources by tsx (the loader compiles in-process).
    let tsxIdle: number;
    const viaTsx = spawnNode(['src/main.ts'], env, 'tsx', { tsx: true });
    try {
      await waitFor(viaTsx, /"url":"(http:\/\/[^"]+)"/);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      tsxIdle = rssMb(viaTsx.child.pid as number);
    } finally {
      await viaTsx.stop();
    }
    // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile of its start and load there on exit.
    const server = spawnNode([...SERVER_NODE_FLAGS, SERVER_ENTRY], env, 'memory');
    try {
      const pid = server.child.pid as number;
      const url = await waitFor(server, /"url":"(http:\/\/[^"]+)"/);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const idle = rssMb(pid);
      let peak = idle;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssMb(pid));
      }, 200);
      const load = await postWebhooks(url, 'mem', { rate: RATE, seconds: SECONDS });
      clearInterval(sampler);
      const afterLoad = rssMb(pid);
      await new Promise((r) => setTimeout(r, IDLE_AGAIN_MS));
      const idleAgain = rssMb(pid);
      return [
        {
          metric: 'idle after start (node dist/)',
          value: `${idle.toFixed(0)} MB`,
          baseline: `${bareIdle.toFixed(0)} MB bare`,
        },
        {
          metric: 'idle after start (tsx src/)',
          value: `${tsxIdle.toFixed(0)} MB`,
          baseline: `${bareIdle.toFixed(0)} MB bare`,
        },
        { metric: 'peak under load', value: `${peak.toFixed(0)} MB`, baseline: '—' },
        { metric: 'right after load', value: `${afterLoad.toFixed(0)} MB`, baseline: '—' },
        {
          metric: `idle again, ${(IDLE_AGAIN_MS / 1000).toFixed(0)} s after the load`,
          value: `${idleAgain.toFixed(0)} MB`,
          baseline: `${idle.toFixed(0)} MB idle after start`,
        },
        { metric: 'webhooks acknowledged', value: String(load.result['2xx']), baseline: '—' },
        // The server is its own process here, so these ack latencies exclude the load generator's CPU.
        { metric: 'ack latency p50 (own process)', value: `${load.result.latency.p50.toFixed(1)} ms`, baseline: '—' },
        { metric: 'ack latency p99 (own process)', value: `${load.result.latency.p99.toFixed(1)} ms`, baseline: '—' },
        {
          metric: 'load average (1 min) after load',
          value: /load average: ([\d.]+)/.exec(execFileSync('uptime').toString())?.[1] ?? '?',
          baseline: '—',
        },
        { metric: 'target', value: 'idle < 300 MB', baseline: '—' },
      ];
    } finally {
      await server.stop();
      await cleanup();
      await db.drop();
      await graph.close();
    }
  },
};
