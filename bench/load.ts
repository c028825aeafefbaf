import http from 'node:http';

/**
 * Load generators for the webhook benchmarks, with Node's own keep-alive http.Agent.
 *
 * openLoop: requests leave on a fixed arrival schedule (request i at start + i / rate), whether or
 * not earlier ones have been answered, and each latency is measured from the request's SCHEDULED
 * send time, so a server (or a generator) that falls behind shows in the figures instead of
 * silently slowing the offered rate (coordinated omission).
 * closedLoop: `connections` requests in flight at once, each sent when one is answered; for
 * filling a backlog as fast as the server takes it.
 */
export interface LoadResult {
  sent: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  /** Seconds from the first scheduled send to the last answer. */
  duration: number;
  latency: { p50: number; p99: number; max: number };
  /** How late the generator itself sent requests (actual − scheduled send time), ms. */
  sendLag: { p99: number; max: number };
  /**
   * openLoop: the p99 of each consecutive SLICE_SECONDS of scheduled send times (a last part
   * shorter than half a slice joins the one before), so a run longer than a slice shows how much
   * one stretch of it differs from another.
   */
  sliceP99: number[];
}

/** Length of the slices of an open-loop run whose p99 is reported one by one. */
export const SLICE_SECONDS = 10;

/** p99 of each slice of latencies listed by scheduled send time, `perSlice` requests to a slice. */
export function sliceP99s(byIndex: number[], perSlice: number): number[] {
  const size = Math.max(1, perSlice);
  const out: number[] = [];
  let from = 0;
  while (from < byIndex.length) {
    let to = Math.min(byIndex.length, from + size);
    // A remainder shorter than half a slice is too few requests for a p99 of its own.
    if (byIndex.length - to < size / 2) to = byIndex.length;
    out.push(
      pct(
        byIndex.slice(from, to).sort((a, b) => a - b),
        99,
      ),
    );
    from = to;
  }
  return out;
}

export interface Request {
  body: string;
  headers: Record<string, string>;
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) : 0;

function summary(
  lat: number[],
  lag: number[],
  counts: { ok: number; non2xx: number; errors: number },
  sec: number,
  sliceP99: number[] = [],
) {
  lat.sort((a, b) => a - b);
  lag.sort((a, b) => a - b);
  return {
    sent: lat.length,
    '2xx': counts.ok,
    non2xx: counts.non2xx,
    errors: counts.errors,
    duration: sec,
    latency: { p50: pct(lat, 50), p99: pct(lat, 99), max: lat[lat.length - 1] ?? 0 },
    sendLag: { p99: pct(lag, 99), max: lag[lag.length - 1] ?? 0 },
    sliceP99,
  };
}

function send(agent: http.Agent, url: URL, r: Request): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) } },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.once('error', reject);
    req.end(r.body);
  });
}

/** Bodies are built before the clock starts, so the generator does little more than write them. */
export async function openLoop(
  target: string,
  o: { rate: number; seconds: number; request: (n: number) => Request; maxSockets?: number },
): Promise<LoadResult> {
  const url = new URL(target);
  const total = Math.round(o.rate * o.seconds);
  const requests = Array.from({ length: total }, (_, i) => o.request(i + 1));
  // fifo: every pooled socket is reused in turn, so none sits idle into the server's keep-alive
  // timeout and is then reused as the server closes it (a spurious ECONNRESET).
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.maxSockets ?? 64, scheduling: 'fifo' });
  const lat: number[] = [];
  const latByIndex: number[] = new Array(total).fill(0);
  const lag: number[] = [];
  const counts = { ok: 0, non2xx: 0, errors: 0 };
  const interval = 1000 / o.rate;
  const start = performance.now() + 20;
  let next = 0;
  let end = start;
  await new Promise<void>((resolve) => {
    let done = 0;
    const fire = (i: number, scheduled: number) => {
      lag.push(performance.now() - scheduled);
      send(agent, url, requests[i] as Request)
        .then((status) => {
          if (status >= 200 && status < 300) counts.ok += 1;
          else counts.non2xx += 1;
        })
        .catch(() => {
          counts.errors += 1;
        })
        .finally(() => {
          end = performance.now();
          lat.push(end - scheduled);
          latByIndex[i] = end - scheduled;
          done += 1;
          if (done === total) resolve();
        });
    };
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        fire(next, start + next * interval);
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now() - 0.5));
    };
    setTimeout(tick, 20);
  });
  agent.destroy();
  return summary(lat, lag, counts, (end - start) / 1000, sliceP99s(latByIndex, Math.round(o.rate * SLICE_SECONDS)));
}

export async function closedLoop(
  target: string,
  o: { amount: number; connections: number; request: (n: number) => Request },
): Promise<LoadResult> {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const lat: number[] = [];
  const counts = { ok: 0, non2xx: 0, errors: 0 };
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: o.connections }, async () => {
      for (let i = next++; i < o.amount; i = next++) {
        const r = o.request(i + 1);
        const t = performance.now();
        try {
          const status = await send(agent, url, r);
          if (status >= 200 && status < 300) counts.ok += 1;
          else counts.non2xx += 1;
        } catch {
          counts.errors += 1;
        }
        lat.push(performance.now() - t);
      }
    }),
  );
  agent.destroy();
  return summary(lat, [], counts, (performance.now() - start) / 1000);
}
