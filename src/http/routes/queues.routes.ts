import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { type RequestHandler, Router } from 'express';
import type { AuthService } from '../../domain/auth.service.ts';
import { type OriginRule, sameOriginWrite } from '../same-origin.ts';
import { loadSession, requireRole } from '../session.ts';

export const QUEUES_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board's page carries inline `style` attributes and a `<style>` element (its loading
 * screen) and React sets more inline styles, so this path alone allows inline styles. Scripts
 * stay same-origin only (its bundles are files; the inline `<script type="application/json">`
 * is data, which CSP does not execute), and Google Fonts stay blocked: it falls back to
 * system fonts rather than tell a third party when an admin looks at the queues.
 */
const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const relaxedCsp: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  next();
};

/**
 * The dashboard's own API writes (retry, clean, promote) send JSON or no body at all, so the
 * inbox's JSON-only CSRF guard does not fit; the session cookie is SameSite=Lax already, and a
 * browser's Sec-Fetch-Site / Origin tell a cross-site write apart besides.
 */
const sameOriginWrites =
  (rule: OriginRule): RequestHandler =>
  (req, res, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      next();
      return;
    }
    if (!sameOriginWrite(req, rule)) {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    next();
  };

/** Bull Board for admins at /admin/queues: queue depths, failed jobs and their reasons, retries. */
export function queuesDashboardRoutes(auth: AuthService, queues: Queue[], origin: OriginRule): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUES_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    // @bull-board/express 9.10.1 carries its own copy of @bull-board/api 9.10.1; same shapes at run time.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'Kontakt' } },
  });
  const r = Router();
  r.use(
    QUEUES_DASHBOARD_PATH,
    loadSession(auth),
    requireRole('admin'),
    sameOriginWrites(origin),
    relaxedCsp,
    serverAdapter.getRouter() as RequestHandler,
  );
  return r;
}
