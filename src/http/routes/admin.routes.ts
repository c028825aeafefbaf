import { Router } from 'express';
import { z } from 'zod';
import type { DeadLetterService } from '../../pipeline/dead-letter.service.ts';
import { actorOf, requireRole } from '../session.ts';

export const listQuery = z.object({
  includeReplayed: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const idParam = z.object({ id: z.uuid() });

export function adminRoutes(deadLetters: DeadLetterService): Router {
  const r = Router();
  r.use('/api/admin', requireRole('admin'));

  r.get('/api/admin/dead-letters', async (req, res) => {
    const q = listQuery.parse(req.query);
    const items = await deadLetters.list({ includeReplayed: q.includeReplayed === 'true', limit: q.limit });
    res.json({ items });
  });

  /** Every request is on record (dead_letter.payload_viewed) before a byte is sent, and only as a download. */
  r.get('/api/admin/dead-letters/:id/payload', async (req, res) => {
    const { id } = idParam.parse(req.params);
    const p = await deadLetters.payload(actorOf(req), id);
    res
      .status(200)
      .set({
        // The same as an attachment reveal: a download the browser neither sniffs nor renders.
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename="${p.fileName}"`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "sandbox; default-src 'none'",
        'Cache-Control': 'no-store',
        'X-Original-Content-Type': p.contentType,
      })
      .send(p.bytes);
  });

  r.post('/api/admin/dead-letters/:id/replay', async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.status(202).json(await deadLetters.replay(actorOf(req), id));
  });

  return r;
}
