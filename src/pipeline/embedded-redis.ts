import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';

export class RedisBinaryMissingError extends Error {
  constructor(bin: string) {
    super(
      `No "${bin}" found: install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL=redis://host:6379`,
    );
    this.name = 'RedisBinaryMissingError';
  }
}

export interface EmbeddedRedis {
  socketPath: string;
  stop(): Promise<void>;
}

/**
 * Start a private redis-server for a single-machine install: unix socket only (no port to clash),
 * AOF on so queued jobs survive a restart, data under DATA_DIR/redis.
 */
export async function startEmbeddedRedis(opts: { bin: string; dataDir: string }): Promise<EmbeddedRedis> {
  const probe = spawnSync(opts.bin, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new RedisBinaryMissingError(opts.bin);

  const dir = path.join(opts.dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const socketPath = path.join(dir, 'redis.sock');
  const child: ChildProcess = spawn(
    opts.bin,
    [
      '--port',
      '0',
      '--unixsocket',
      socketPath,
      '--unixsocketperm',
      '700',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  // Wait until it answers on the socket (or died trying).
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited at start: ${stderr.trim()}`);
    if (fs.existsSync(socketPath)) {
      const probeClient = new Redis({ path: socketPath, lazyConnect: true, maxRetriesPerRequest: 0 });
      probeClient.on('error', () => {});
      try {
        await probeClient.connect();
        await probeClient.ping();
        probeClient.disconnect();
        break;
      } catch {
        probeClient.disconnect();
      }
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start within 10 s: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    socketPath,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
