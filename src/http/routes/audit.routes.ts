import { Router } from 'express';
import { z } from 'zod';
import type { AuditPort } from '../../domain/audit.ts';
import type { createAuditSearch } from '../../store/audit.repository.ts';
import { actorOf, requireRole } from '../session.ts';

export const query = z.object({
  actorId: z.uuid().optional(),
  /** An exact action, or a prefix ending in * ("case.*"). */
  action: z
    .string()
    .regex(/^[a-z_.]+\*?$/, 'letters, dots and underscores, optionally ending in *')
    .max(64)
    .optional(),
  entityType: z.string().max(32).optional(),
  entityId: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});

/** Supervisors and admins search the audit log; reading it is itself audited. */
export function auditRoutes(search: ReturnType<typeof createAuditSearch>, audit: AuditPort): Router {
  const r = Router();
  r.get('/api/audit', requireRole('supervisor', 'admin'), async (req, res) => {
    const q = query.parse(req.query);
    const result = await search.search({
      ...(q.actorId && { actorId: q.actorId }),
      ...(q.action && { action: q.action }),
      ...(q.entityType && { entityType: q.entityType }),
      ...(q.entityId && { entityId: q.entityId }),
      ...(q.from && { from: new Date(q.from) }),
      ...(q.to && { to: new Date(q.to) }),
      ...(q.before && { before: q.before }),
      limit: q.limit,
    });
    const actor = actorOf(req);
    await audit.write({ actorId: actor.id, action: 'audit.search', ip: actor.ip, details: { filter: q } });
    res.json(result);
  });
  return r;
}
