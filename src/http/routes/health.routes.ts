import { Router } from 'express';

export interface HealthProbe {
  name: string;
  check(): Promise<void>;
}

/** 200 when every dependency answers, 503 with the failing ones named otherwise; no auth, no secrets. */
export function healthRoutes(probes: HealthProbe[]): Router {
  const r = Router();
  r.get('/healthz', async (_req, res) => {
    const results = await Promise.all(
      probes.map(async (p) => {
        const started = Date.now();
        try {
          await withTimeout(p.check(), 2000);
          return [p.name, { ok: true, ms: Date.now() - started }] as const;
        } catch (err) {
          return [p.name, { ok: false, error: err instanceof Error ? err.message.slice(0, 200) : 'failed' }] as const;
        }
      }),
    );
    const ok = results.every(([, r]) => r.ok);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', checks: Object.fromEntries(results) });
  });
  return r;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
