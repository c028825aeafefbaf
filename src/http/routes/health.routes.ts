import { Router } from 'express';
import { withTimeout } from '../../pipeline/redis.ts';
import { requireRole } from '../session.ts';

export interface HealthProbe {
  name: string;
  check(): Promise<void>;
}

type CheckResult = { ok: true; ms: number } | { ok: false; error: string };

async function runProbes(probes: HealthProbe[]) {
  const results = await Promise.all(
    probes.map(async (p): Promise<readonly [string, CheckResult]> => {
      const started = Date.now();
      try {
        await withTimeout(p.check(), 2000, p.name);
        return [p.name, { ok: true, ms: Date.now() - started }];
      } catch (err) {
        return [p.name, { ok: false, error: err instanceof Error ? err.message.slice(0, 200) : 'failed' }];
      }
    }),
  );
  return { ok: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}

/**
 * Public: 200 `{status:"ok"}` or 503 `{status:"degraded"}` and nothing else. Which dependency fails,
 * mailbox and page names and error texts tell an outsider how the centre is built and when it is
 * weak, so they are for signed-in admins only.
 */
export function healthRoutes(probes: HealthProbe[]): Router {
  const r = Router();
  r.get('/healthz', async (_req, res) => {
    const { ok } = await runProbes(probes);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded' });
  });
  return r;
}

/** The same answer with every probe named, its time or its error: admins only (a private route). */
export function healthDetailRoutes(probes: HealthProbe[]): Router {
  const r = Router();
  r.get('/api/health', requireRole('admin'), async (_req, res) => {
    const { ok, checks } = await runProbes(probes);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', checks });
  });
  return r;
}
