import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { seedUser, startTestKontakt } from '../tests/helpers/kontakt.ts';
import type { Benchmark } from './types.ts';

const SOCKETS = Number(process.env.BENCH_INBOX_SOCKETS ?? 200);
const REPORTS = Number(process.env.BENCH_INBOX_REPORTS ?? 100);
/** Untimed rounds first on both sides: JIT, connection pools and the first case's inserts. */
const WARMUP = 5;
const COUNSELOR = { email: 'bench-savetnik@test.kontakt', password: 'bench savetnik lozinka' };

interface Latencies {
  samples: number[];
  /** Deliveries that reached the socket before the sender saw its 202: counted as 0 ms. */
  early: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const ms = (v: number) => `${v.toFixed(1)} ms`;

/** 200 sockets, websocket transport (what the inbox uses once upgraded), connected one by one. */
async function openSockets(url: string, cookie?: string): Promise<Socket[]> {
  const out: Socket[] = [];
  for (let i = 0; i < SOCKETS; i++) {
    const s = connect(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(cookie && { extraHeaders: { cookie } }),
    });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    out.push(s);
  }
  return out;
}

/**
 * One round: `fire` resolves when the sender holds its acknowledgement; every socket's arrival
 * is measured from that moment. Rounds run one after another, so each measures an idle inbox.
 */
async function measure(sockets: Socket[], rounds: number, fire: (n: number) => Promise<void>): Promise<Latencies> {
  const lat: Latencies = { samples: [], early: 0 };
  for (let n = -WARMUP; n < rounds; n++) {
    const arrivals: number[] = [];
    const all = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`round ${n}: ${arrivals.length}/${sockets.length} arrived`)),
        10_000,
      );
      for (const s of sockets)
        s.once('message:created', () => {
          arrivals.push(performance.now());
          if (arrivals.length === sockets.length) {
            clearTimeout(timer);
            resolve();
          }
        });
    });
    await fire(n);
    const acked = performance.now();
    await all;
    if (n < 0) continue;
    for (const a of arrivals) {
      if (a < acked) lat.early += 1;
      lat.samples.push(Math.max(0, a - acked));
    }
  }
  lat.samples.sort((a, b) => a - b);
  return lat;
}

/** The baseline: a bare Socket.IO server in this process broadcasting a payload of the same size. */
async function bareBroadcast(payload: unknown): Promise<Latencies> {
  const server = http.createServer();
  const io = new Server(server, { serveClient: false });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sockets = await openSockets(url);
  try {
    return await measure(sockets, REPORTS, async () => {
      io.emit('message:created', payload);
    });
  } finally {
    for (const s of sockets) s.disconnect();
    await new Promise<void>((r) => io.close(() => r()));
  }
}

export const inboxLatencyBench: Benchmark = {
  name: 'inbox-latency',
  description: `${REPORTS} web-form reports one after another, ${SOCKETS} signed-in counselor sockets: time from the 202 to message:created on every socket, beside a bare Socket.IO broadcast to ${SOCKETS} sockets in this process`,
  async run() {
    const t = await startTestKontakt('postgres', { REPORT_RATE_LIMIT: '100000' });
    let payload: unknown = null;
    let kontakt: Latencies;
    try {
      await seedUser(t, COUNSELOR.email, 'counselor', COUNSELOR.password, 'Savetnik');
      const cookie = await t.login(COUNSELOR.email, COUNSELOR.password);
      const sockets = await openSockets(t.url, cookie);
      sockets[0]?.on('message:created', (e: unknown) => {
        payload = e;
      });
      try {
        kontakt = await measure(sockets, REPORTS, async (n) => {
          const res = await t.api('/api/reports', {
            method: 'POST',
            json: { description: `Prijava ${n}: neko mi preti porukama.`, kind: 'help', language: 'sr-Latn' },
          });
          if (res.status !== 202) throw new Error(`report answered ${res.status}`);
          await res.arrayBuffer();
        });
      } finally {
        for (const s of sockets) s.disconnect();
      }
    } finally {
      await t.cleanup();
    }
    const bare = await bareBroadcast(payload);
    return [
      { metric: 'deliveries measured', value: String(kontakt.samples.length), baseline: String(bare.samples.length) },
      { metric: 'latency p50', value: ms(pct(kontakt.samples, 0.5)), baseline: ms(pct(bare.samples, 0.5)) },
      { metric: 'latency p99', value: ms(pct(kontakt.samples, 0.99)), baseline: ms(pct(bare.samples, 0.99)) },
      { metric: 'latency max', value: ms(pct(kontakt.samples, 1)), baseline: ms(pct(bare.samples, 1)) },
      { metric: 'arrived before the 202 was read', value: String(kontakt.early), baseline: '—' },
      { metric: 'target', value: 'p99 < 100 ms', baseline: '—' },
    ];
  },
};
