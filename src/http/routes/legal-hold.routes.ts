import { Router } from 'express';
import { z } from 'zod';
import type { LegalHoldService } from '../../domain/legal-hold.service.ts';
import { actorOf, requireRole, requireUser } from '../session.ts';

export const idParam = z.object({ id: z.uuid() });
export const legalHoldBody = z.object({ reason: z.string().trim().min(3).max(1000) });

/** Legal hold on a case: anyone signed in sees it; supervisors and admins place and lift it. */
export function legalHoldRoutes(service: LegalHoldService): Router {
  const r = Router();
  r.get('/api/cases/:id/legal-hold', requireUser, async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json(await service.status(actorOf(req), id));
  });
  r.post('/api/cases/:id/legal-hold', requireRole('supervisor', 'admin'), async (req, res) => {
    const { id } = idParam.parse(req.params);
    const { reason } = legalHoldBody.parse(req.body ?? {});
    res.status(201).json(await service.place(actorOf(req), id, reason));
  });
  r.post('/api/cases/:id/legal-hold/lift', requireRole('supervisor', 'admin'), async (req, res) => {
    const { id } = idParam.parse(req.params);
    const { reason } = legalHoldBody.parse(req.body ?? {});
    res.json(await service.lift(actorOf(req), id, reason));
  });
  return r;
}
