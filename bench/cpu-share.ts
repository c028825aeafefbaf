import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/**
 * Who used the machine's CPUs during a measured phase: the server process(es), PostgreSQL's
 * processes, Redis, this process (the load generator) and everything together, in cores (1.00 = one
 * core busy for the whole phase). Read from Linux's /proc (utime + stime of every process); where
 * there is no /proc the figures are absent. This is what shows whether a latency figure is the
 * server's own cost or the machine running out of cores.
 */
export interface CpuShare {
  server: number;
  postgres: number;
  redis: number;
  generator: number;
  all: number;
  cores: number;
}

type Ticks = Map<number, { comm: string; ticks: number }>;

const clockTicks = (() => {
  try {
    return Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

function snapshot(): Ticks | null {
  if (!fs.existsSync('/proc/self/stat')) return null;
  const out: Ticks = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may itself contain spaces or parentheses.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), { comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return out;
}

/** Start measuring; the returned function ends the phase and gives the shares. */
export function measureCpuShare(serverPids: number[]): () => CpuShare | null {
  const before = snapshot();
  const started = performance.now();
  return () => {
    const after = snapshot();
    if (!before || !after) return null;
    const seconds = (performance.now() - started) / 1000;
    const share: CpuShare = { server: 0, postgres: 0, redis: 0, generator: 0, all: 0, cores: os.cpus().length };
    for (const [pid, now] of after) {
      const used = (now.ticks - (before.get(pid)?.ticks ?? 0)) / clockTicks / seconds;
      share.all += used;
      if (serverPids.includes(pid)) share.server += used;
      else if (now.comm.startsWith('postgres')) share.postgres += used;
      else if (now.comm.startsWith('redis-server')) share.redis += used;
      else if (pid === process.pid) share.generator += used;
    }
    return share;
  };
}

export const formatCpuShare = (s: CpuShare | null) =>
  s ? [s.server, s.postgres, s.redis, s.generator, s.all].map((v) => v.toFixed(2)).join(' / ') : 'n/a (no /proc)';
