import { Router } from 'express';
import { z } from 'zod';
import { ERASURE_REASONS, type RetentionService } from '../../domain/retention.service.ts';
import type { RetentionQueue } from '../../pipeline/retention.scheduler.ts';
import { actorOf, requireRole } from '../session.ts';

export const erasureBody = z
  .object({
    caseId: z.uuid().optional(),
    contactId: z.uuid().optional(),
    reason: z.enum(ERASURE_REASONS),
  })
  .refine((b) => (b.caseId === undefined) !== (b.contactId === undefined), {
    message: 'give exactly one of caseId or contactId',
    path: ['caseId'],
  });

/** Retention (dry run, run now, run log) and erasure on request: admins only. */
export function retentionRoutes(service: RetentionService, queue: RetentionQueue): Router {
  const r = Router();
  const admin = requireRole('admin');

  r.get('/api/admin/retention/preview', admin, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await service.preview(actorOf(req)));
  });
  r.get('/api/admin/retention/runs', admin, async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ runs: await service.runs(actorOf(req)) });
  });
  /** Queued like the daily run, so it runs on a worker node, once. */
  r.post('/api/admin/retention/run', admin, async (req, res) => {
    res.status(202).json({ jobId: await service.requestRun(actorOf(req), () => queue.runNow()) });
  });
  r.post('/api/admin/erasure', admin, async (req, res) => {
    const b = erasureBody.parse(req.body ?? {});
    const by = b.caseId ? { caseId: b.caseId } : { contactId: b.contactId as string };
    res.json(await service.erase(actorOf(req), by, b.reason));
  });
  return r;
}
