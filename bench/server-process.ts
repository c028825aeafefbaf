import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as P from '../tests/fixtures/meta/payloads.ts';
import { dropRedisPrefix, TEST_REDIS_URL, uniquePrefix } from '../tests/helpers/services.ts';
import { BARE_GC_COUNTER } from './gc-reading.ts';

/**
 * The servers under test run as their own processes, as `npm start` runs them (node on the build in
 * dist/, no TypeScript loader), so the load generator in the bench process does not share their
 * event loop. BENCH_SERVER_ENTRY points at another build (default dist/src/main.js; `npm run build`
 * first). BENCH_CPU_PROF=<dir>: each server process writes a V8 CPU profile there when it stops.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
export const SERVER_ENTRY = path.resolve(process.env.BENCH_SERVER_ENTRY ?? path.join(ROOT, 'dist/src/main.js'));

/** The node options in front of `dist/src/main.js` in a start script (`npm start`'s). */
export function nodeFlagsOfStartScript(script: string): string[] {
  const m = /\bnode((?:\s+--\S+)*)\s+dist\/src\/main\.js\b/.exec(script);
  return m?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

/**
 * Node's options for the servers under test: those `npm start` gives (read from package.json, so
 * the bench measures what is shipped), or BENCH_SERVER_NODE_FLAGS ("" for none) to compare others.
 */
export const SERVER_NODE_FLAGS: string[] =
  process.env.BENCH_SERVER_NODE_FLAGS !== undefined
    ? process.env.BENCH_SERVER_NODE_FLAGS.split(/\s+/).filter(Boolean)
    : nodeFlagsOfStartScript(
        (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts
          .start,
      );

/** How a server under test is started, for the benches' descriptions. */
export const SERVER_COMMAND = ['node', ...SERVER_NODE_FLAGS, SERVER_ENTRY].join(' ');

export interface Proc {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

const requireBuild = () => {
  if (!fs.existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} missing: run \`npm run build\` first`);
};

/** `tsx`: node itself with tsx's loader (not the tsx CLI, a wrapper whose pid is not the server's). */
export function spawnNode(
  args: string[],
  env: Record<string, string>,
  name: string,
  opts: { tsx?: boolean } = {},
): Proc {
  const prof = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, [...prof, ...(opts.tsx ? ['--import', 'tsx'] : []), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // Keep reading (a full pipe would block the server); keep only the start-up lines.
  const keep = (d: Buffer) => {
    if (out.length < 64_000) out += d.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise((r) => child.once('exit', r));
  return {
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function waitFor(p: Proc, re: RegExp, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = re.exec(p.output());
    if (m?.[1]) return m[1];
    if (p.child.exitCode !== null || Date.now() > deadline) throw new Error(`process did not start: ${p.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The baseline: the least a webhook can do (check the signature on the raw body, answer 200, store
 * nothing), in its own process, on the same build's signature check and HTTP server (express's
 * request prototypes from birth, as Kontakt's); GET /gc tells its garbage collection.
 */
const BARE_SERVER = (buildSrc: string) => `
import express from 'express';
import { checkSignature } from ${JSON.stringify(path.resolve(buildSrc, '../connectors/meta/signature.js'))};
import { createHttpServer } from ${JSON.stringify(path.resolve(buildSrc, 'http/http-server.js'))};
${BARE_GC_COUNTER}
const app = express();
app.get('/gc', (_req, res) => res.json(gc));
app.post('/webhooks/meta', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
  const ok = checkSignature(req.body, req.get('x-hub-signature-256'), process.env.META_APP_SECRET) === 'valid';
  res.status(ok ? 200 : 403).type('text/plain').send(ok ? 'EVENT_RECEIVED' : 'forbidden');
});
const server = createHttpServer(app);
server.listen(0, '127.0.0.1', () => console.log('listening http://127.0.0.1:' + server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

export async function startBareProcess(): Promise<{ url: string; proc: Proc }> {
  requireBuild();
  const proc = spawnNode(
    // The same node options as the servers it is compared with.
    [...SERVER_NODE_FLAGS, '--input-type=module', '-e', BARE_SERVER(path.dirname(SERVER_ENTRY))],
    { META_APP_SECRET: P.APP_SECRET },
    'bare',
  );
  return { url: await waitFor(proc, /listening (http:\/\/\S+)/), proc };
}

export type Topology = 'all' | 'api+worker';

export interface KontaktProcesses {
  url: string;
  procs: Proc[];
  /** PIDs of the processes, for RSS readings. */
  pids: number[];
  stop(): Promise<void>;
}

/** Environment of a bench server: PostgreSQL database and Redis prefix given, Meta pointed at the stand-in. */
/** BENCH_SERVER_ENV="NAME=value,NAME=value": settings for the servers under test, to compare them. */
function extraServerEnv(): Record<string, string> {
  const pairs = (process.env.BENCH_SERVER_ENV ?? '').split(',').filter((p) => p.includes('='));
  return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')).trim(), p.slice(p.indexOf('=') + 1)]));
}

/** The bench reads the servers' /metrics (garbage collection) with this token. */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';

export function benchEnv(databaseUrl: string, more: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-bench-'));
  const prefix = uniquePrefix();
  return {
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: 'admin@bench.kontakt',
      ADMIN_PASSWORD: 'bench admin password',
      WEB_INBOX_DIR: path.join(dataDir, 'no-inbox'),
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
      ...more,
      ...extraServerEnv(),
    } as Record<string, string>,
    /** After the servers have stopped: their data folder and every key they left in the shared Redis. */
    cleanup: async () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await dropRedisPrefix(TEST_REDIS_URL, prefix);
    },
  };
}

/** `all`: one process (api + worker); `api+worker`: ROLE=api and ROLE=worker, two processes. */
export async function startKontaktProcesses(
  env: Record<string, string>,
  topology: Topology,
  apiOnly = false,
): Promise<KontaktProcesses> {
  const procs: Proc[] = [];
  const stop = async () => {
    await Promise.all(procs.map((p) => p.stop()));
  };
  requireBuild();
  try {
    const role = apiOnly || topology === 'api+worker' ? 'api' : 'all';
    const api = spawnNode([...SERVER_NODE_FLAGS, SERVER_ENTRY], { ...env, ROLE: role }, role);
    procs.push(api);
    const url = await waitFor(api, /"url":"(http:\/\/[^"]+)"/);
    if (!apiOnly && topology === 'api+worker') {
      const worker = spawnNode(
        [...SERVER_NODE_FLAGS, SERVER_ENTRY],
        { ...env, ROLE: 'worker', METRICS_PORT: '0' },
        'worker',
      );
      procs.push(worker);
      await waitFor(worker, /"url":"(http:\/\/[^"]+)".*worker metrics listening/);
    }
    return { url, procs, pids: procs.map((p) => p.child.pid as number), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
