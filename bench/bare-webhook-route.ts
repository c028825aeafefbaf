import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { checkSignature } from '../connectors/meta/signature.ts';
import * as P from '../tests/fixtures/meta/payloads.ts';

/**
 * The baseline for webhook benchmarks: the least a webhook can do on this machine — verify the
 * signature on the raw body and answer 200, storing nothing.
 */
export async function bareWebhookRoute(): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.post('/webhooks/meta', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
    const ok = checkSignature(req.body as Buffer, req.get('x-hub-signature-256'), P.APP_SECRET) === 'valid';
    res
      .status(ok ? 200 : 403)
      .type('text/plain')
      .send(ok ? 'EVENT_RECEIVED' : 'forbidden');
  });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
