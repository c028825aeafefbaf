import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIRST_ADMIN_PASSWORD_FILE } from '../../src/first-admin-notice.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  // node itself, not the tsx wrapper: a signal must reach the server, not a parent that leaves it running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with the first match in stdout, as the output arrives (no polling); rejects on exit or timeout. */
function untilStdout(r: Run, pattern: RegExp | string, timeoutMs = 60_000): Promise<string[]> {
  const find = () =>
    typeof pattern === 'string' ? (r.stdout().includes(pattern) ? [pattern] : null) : pattern.exec(r.stdout());
  return new Promise((resolve, reject) => {
    const settle = (why?: string) => {
      const m = find();
      if (!m && !why) return;
      clearTimeout(timer);
      r.child.stdout?.off('data', onData);
      r.child.off('exit', onExit);
      if (m) resolve([...m]);
      else reject(new Error(`${why}: ${r.stdout()} ${r.stderr()}`));
    };
    // Registered after run()'s own listener, so stdout() already holds the new chunk.
    const onData = () => settle();
    const onExit = () => settle('exited');
    const timer = setTimeout(() => settle(`no ${pattern} in the output`), timeoutMs);
    r.child.stdout?.on('data', onData);
    r.child.once('exit', onExit);
    settle(r.child.exitCode !== null ? 'exited' : undefined);
  });
}

async function listening(r: Run): Promise<string> {
  return (await untilStdout(r, /"url":"(http:\/\/[^"]+)"/))[1] as string;
}

describe('npm start with embedded defaults (PGlite under DATA_DIR, a private redis-server child)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-proc-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };

  it('starts with no configuration, leaves the first-admin password in an owner-only file, and stops cleanly on SIGTERM', async () => {
    const first = run(env);
    const url = await listening(first);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    // stdout is a pipe here, not a terminal: it names the file and never holds the password.
    const file = path.join(dataDir, FIRST_ADMIN_PASSWORD_FILE);
    // The notice follows the "listening" line once start-up returns.
    await untilStdout(first, file, 5_000);
    expect(first.stdout()).toContain(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const password = fs.readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(first.stdout()).not.toContain(password);
    expect(first.stderr()).not.toContain(password);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@kontakt.local', password }),
    });
    expect(login.status).toBe(200);
    // Logs are JSON and never carry the password.
    expect(
      first
        .stdout()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .join('\n'),
    ).not.toContain(password);
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
    expect(fs.readdirSync(path.join(dataDir, 'redis'))).toContain('appendonlydir');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'redis', 'redis.sock'))).toBe(false);

    const second = run(env);
    const url2 = await listening(second);
    expect(second.stdout()).not.toContain('first-admin-password');
    const again = await fetch(`${url2}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@kontakt.local', password }),
    });
    expect(again.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    // Two cold starts of a real process (TypeScript compile, PGlite, redis-server) on a busy machine.
  }, 150_000);

  it('exits with a one-line hint when no redis-server can be found', async () => {
    const r = run({ ...env, REDIS_SERVER_BIN: '/nonexistent/redis-server' });
    expect(await r.exited).toBe(3);
    const lines = r.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('REDIS_URL');
  });

  it('refuses invalid configuration with every problem named', async () => {
    const r = run({ ...env, PORT: 'eighty', DATABASE_URL: 'mysql://x', TRUSTED_NETWORKS: '10.0.0.0/8, 10.1.0.0/33' });
    expect(await r.exited).toBe(2);
    expect(r.stderr()).toContain('PORT');
    expect(r.stderr()).toContain('DATABASE_URL');
    expect(r.stderr()).toContain('TRUSTED_NETWORKS');
    expect(r.stderr()).toContain('10.1.0.0/33');
  });
});
