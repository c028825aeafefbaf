import { createHash, timingSafeEqual } from 'node:crypto';
import { type RequestHandler, Router } from 'express';
import type { AuthService } from '../../domain/auth.service.ts';
import type { Metrics } from '../../observability/metrics.ts';
import { loadSession } from '../session.ts';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * `GET /metrics` for Prometheus: a scraper sends `Authorization: Bearer <METRICS_TOKEN>`; an admin
 * signed in to the inbox may look too. Anything else is refused, since queue depths and channel
 * health tell an outsider when the centre is overwhelmed or a channel is down.
 */
export function metricsRoutes(metrics: Metrics, auth: AuthService, token: string | undefined): Router {
  const expected = token ? digest(token) : null;
  const r = Router();
  const guard: RequestHandler = (req, res, next) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    // Hashes of equal length make the comparison constant-time whatever was presented.
    if (expected && m?.[1] && timingSafeEqual(digest(m[1]), expected)) {
      next();
      return;
    }
    if (req.user?.role === 'admin') {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    res.status(req.user ? 403 : 401).json({ error: req.user ? 'forbidden' : 'unauthenticated' });
  };
  r.get('/metrics', loadSession(auth), guard, async (_req, res, next) => {
    try {
      const body = await metrics.render();
      res.setHeader('Cache-Control', 'no-store');
      res.type(metrics.contentType).send(body);
    } catch (err) {
      next(err);
    }
  });
  return r;
}
