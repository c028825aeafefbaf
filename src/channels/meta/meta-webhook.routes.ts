import express, { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AnyEnvelope } from '../../../connectors/contract.ts';
import type { PageFinder } from '../../../connectors/meta/meta-page.ts';
import { checkSignature, sameSecret } from '../../../connectors/meta/signature.ts';
import { webhookSchema } from '../../../connectors/meta/webhook.schema.ts';
import { mapWebhook } from '../../../connectors/meta/webhook-mapper.ts';

export interface MetaWebhookDeps {
  appSecret: string;
  verifyToken: string;
  findPage: PageFinder;
  accept(envelope: AnyEnvelope): Promise<{ eventId: string; created: boolean }>;
  log: Logger;
}

/** Meta batches up to 1000 events per POST; a megabyte is far above any real batch. */
const BODY_LIMIT = '1mb';
/** Meta's challenge is a number; anything else is echoed by no one. */
const CHALLENGE = /^[A-Za-z0-9._-]{1,256}$/;

/**
 * Meta's subscription handshake, as Meta sends it (a repeated field is an array, so refused). The
 * API reference shows this very schema; a query it refuses, or a wrong token, is answered 403.
 */
export const handshakeQuery = z.object({
  'hub.mode': z.literal('subscribe'),
  'hub.verify_token': z.string().meta({ description: 'META_VERIFY_TOKEN' }),
  'hub.challenge': z.string().regex(CHALLENGE),
});

function countSkipped(kinds: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const k of kinds) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

/**
 * GET answers Meta's subscription handshake; POST takes events. The signature is checked on the
 * raw bytes before anything is parsed, every event is recorded durably (and queued) before the
 * 200, and the work itself happens in the inbound worker.
 */
export function metaWebhookRoutes(deps: MetaWebhookDeps): Router {
  const r = Router();

  r.get('/webhooks/meta', (req, res) => {
    const q = handshakeQuery.safeParse(req.query);
    if (!q.success || !sameSecret(q.data['hub.verify_token'], deps.verifyToken)) {
      deps.log.warn('Meta webhook handshake refused');
      res.status(403).type('text/plain').send('forbidden');
      return;
    }
    res.status(200).type('text/plain').send(q.data['hub.challenge']);
  });

  r.post('/webhooks/meta', express.raw({ type: () => true, limit: BODY_LIMIT }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = checkSignature(raw, req.get('x-hub-signature-256'), deps.appSecret);
    if (signature !== 'valid') {
      deps.log.warn({ signature }, 'Meta webhook refused: signature');
      res
        .status(signature === 'missing' ? 401 : 403)
        .json({ error: signature === 'missing' ? 'signature_missing' : 'signature_invalid' });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      res.status(400).json({ error: 'malformed_json' });
      return;
    }
    const payload = webhookSchema.safeParse(json);
    if (!payload.success) {
      deps.log.warn({ issue: payload.error.issues[0]?.path.join('.') }, 'Meta webhook refused: shape');
      res.status(400).json({ error: 'unexpected_payload' });
      return;
    }
    const mapped = mapWebhook(payload.data, { receivedAt: new Date(), findPage: deps.findPage });
    // Durable before the answer: a failure here answers 500 and Meta delivers the batch again,
    // where the events already recorded are found by their keys.
    await Promise.all(mapped.envelopes.map((e) => deps.accept(e)));
    if (mapped.skipped.length > 0) deps.log.debug({ skipped: countSkipped(mapped.skipped) }, 'Meta events skipped');
    // Written straight out: express's send() would hash the body for an ETag on every delivery.
    res.status(200).type('text/plain').end('EVENT_RECEIVED');
  });

  return r;
}
