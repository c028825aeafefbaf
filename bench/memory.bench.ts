import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as P from '../tests/fixtures/meta/payloads.ts';
import { startGraphStandIn } from '../tests/helpers/graph-stand-in.ts';
import { createTempDatabase, TEST_REDIS_URL, uniquePrefix } from '../tests/helpers/services.ts';
import { postWebhooks } from './ingest.bench.ts';
import { SERVER_ENTRY } from './server-process.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RATE = Number(process.env.BENCH_INGEST_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
/** Let start-up garbage be collected and timers settle before the idle reading. */
const SETTLE_MS = 3000;

/**
 * Node itself with tsx's loader, not the tsx CLI: the CLI is a wrapper that spawns the real
 * process, so its pid's RSS would not be the server's.
 */
function spawnNode(args: string[], env: Record<string, string>, loader: 'tsx' | 'none' = 'tsx') {
  const flags = args.filter((a) => a.startsWith('--cpu-prof'));
  const rest = args.filter((a) => !a.startsWith('--cpu-prof'));
  const child = spawn(process.execPath, [...flags, ...(loader === 'tsx' ? ['--import', 'tsx'] : []), ...rest], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // Only the start-up lines matter (the URL, or why it failed).
  const keep = (d: Buffer) => {
    if (out.length < 64_000) out += d.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => out };
}

async function waitFor(re: RegExp, p: ReturnType<typeof spawnNode>, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = re.exec(p.output());
    if (m?.[1]) return m[1];
    if (p.child.exitCode !== null || Date.now() > deadline) throw new Error(`process did not start: ${p.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return kb / 1024;
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
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
  description: `server RSS (node dist/src/main.js as npm start runs it, and tsx src/main.ts, as its own process; PostgreSQL + Redis, Meta on): idle after start and under ${RATE} webhooks/s for ${SECONDS} s, beside a bare express + socket.io process`,
  async run() {
    const bare = spawnNode(['--input-type=module', '-e', BARE_SERVER], {});
    let bareIdle: number;
    try {
      await waitFor(/listening (\d+)/, bare);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      bareIdle = rssMb(bare.child.pid as number);
    } finally {
      await stop(bare.child);
    }

    // What `npm start` runs: the server compiled to dist/ (built here, so it is never stale).
    // BENCH_SERVER_ENTRY=<path to main.js>: measure that build instead (nothing is rebuilt).
    if (!process.env.BENCH_SERVER_ENTRY)
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-server.ts'], { cwd: ROOT, stdio: 'ignore' });
    const graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    const db = await createTempDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-mem-'));
    const serverEnv = () => ({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: uniquePrefix(),
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: 'admin@bench.kontakt',
      ADMIN_PASSWORD: 'bench admin password',
      WEB_INBOX_DIR: path.join(dataDir, 'no-inbox'),
      ...P.metaEnv(graph.url),
    });
    // The same server run from its TypeScript sources by tsx (the loader compiles in-process).
    let tsxIdle: number;
    const viaTsx = spawnNode(['src/main.ts'], serverEnv());
    try {
      await waitFor(/"url":"(http:\/\/[^"]+)"/, viaTsx, 60_000);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      tsxIdle = rssMb(viaTsx.child.pid as number);
    } finally {
      await stop(viaTsx.child);
    }
    // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile of its start and load there on exit.
    const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const server = spawnNode([...prof, SERVER_ENTRY], serverEnv(), 'none');
    try {
      const pid = server.child.pid as number;
      const url = await waitFor(/"url":"(http:\/\/[^"]+)"/, server, 60_000);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const idle = rssMb(pid);
      let peak = idle;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssMb(pid));
      }, 200);
      const load = await postWebhooks(url, 'mem', { rate: RATE, seconds: SECONDS });
      clearInterval(sampler);
      const afterLoad = rssMb(pid);
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
      await stop(server.child);
      fs.rmSync(dataDir, { recursive: true, force: true });
      await db.drop();
      await graph.close();
    }
  },
};
