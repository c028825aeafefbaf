import { Router } from 'express';
import type { Metrics } from './metrics.ts';

/**
 * Times every request that reaches the routes. The label is the matched route pattern
 * (`/api/cases/:id`), never the raw path, so ids do not multiply the series; requests no route
 * matched (static files, 404s) share one label.
 */
export function httpMetrics(metrics: Metrics, mountedApps: string[] = []): Router {
  const r = Router();
  r.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Sub-apps (Bull Board) have routes relative to their mount point; one label for each app.
      const app = mountedApps.find((p) => req.originalUrl === p || req.originalUrl.startsWith(`${p}/`));
      const pattern = typeof req.route?.path === 'string' ? req.route.path : null;
      metrics.observeHttp(req.method, app ?? pattern ?? 'other', res.statusCode, seconds);
    });
    next();
  });
  return r;
}
