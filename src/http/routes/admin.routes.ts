import { Router } from 'express';
import { z } from 'zod';
import type { DeadLetterService } from '../../pipeline/dead-letter.service.ts';
import { actorOf, requireRole } from '../session.ts';

const listQuery = z.object({
  includeReplayed: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function adminRoutes(deadLetters: DeadLetterService): Router {
  const r = Router();
  r.use('/api/admin', requireRole('admin'));

  r.get('/api/admin/dead-letters', async (req, res) => {
    const q = listQuery.parse(req.query);
    const items = await deadLetters.list({ includeReplayed: q.includeReplayed === 'true', limit: q.limit });
    res.json({ items });
  });

  r.post('/api/admin/dead-letters/:id/replay', async (req, res) => {
    const { id } = z.object({ id: z.uuid() }).parse(req.params);
    res.status(202).json(await deadLetters.replay(actorOf(req), id));
  });

  return r;
}
