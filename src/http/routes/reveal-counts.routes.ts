import { Router } from 'express';
import { z } from 'zod';
import type { RevealCountsService } from '../../domain/reveal-counts.ts';
import { actorOf, requireRole, requireUser } from '../session.ts';

export const periodQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** How many attachments each counselor revealed (staff welfare). */
export function revealCountsRoutes(service: RevealCountsService): Router {
  const r = Router();
  r.get('/api/reveals', requireRole('supervisor', 'admin'), async (req, res) => {
    const q = periodQuery.parse(req.query);
    res.set('Cache-Control', 'no-store').json(
      await service.team(actorOf(req), {
        ...(q.from && { from: new Date(q.from) }),
        ...(q.to && { to: new Date(q.to) }),
      }),
    );
  });
  r.get('/api/me/reveals', requireUser, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await service.mine(actorOf(req)));
  });
  return r;
}
