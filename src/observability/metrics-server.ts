import type { AddressInfo } from 'node:net';
import express from 'express';
import type { AuthService } from '../domain/auth.service.ts';
import { createHttpServer } from '../http/http-server.ts';
import { metricsRoutes } from '../http/routes/metrics.routes.ts';
import type { Metrics } from './metrics.ts';

/**
 * A worker-only node serves no HTTP, yet its inbound worker is where ingest outcomes and latency
 * are observed: with METRICS_PORT it answers GET /metrics (same token or admin session) and
 * nothing else.
 */
export async function startMetricsServer(o: {
  metrics: Metrics;
  auth: AuthService;
  token: string | undefined;
  host: string;
  port: number;
}): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.use(metricsRoutes(o.metrics, o.auth, o.token));
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  const server = createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
