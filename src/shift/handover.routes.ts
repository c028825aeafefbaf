import { Router } from 'express';
import type { Role } from '../domain/taxonomy.ts';
import { actorOf, requireRole, requireUser } from '../http/session.ts';
import type { HandoverRepository } from './handover.repository.ts';
import { handoverBody, handoverIdParam, handoverListQuery } from './shift.schema.ts';

/** Who searches every handover. */
export const HANDOVER_SEARCHERS: readonly Role[] = ['supervisor', 'admin'];

/**
 * Shift handovers: any case worker writes one (what was open is listed by the server) and the next
 * shift acknowledges it; the next shift sees the pending ones; supervisors search them all.
 */
export function handoverRoutes(store: HandoverRepository): Router {
  const r = Router();

  r.post('/api/handovers', requireUser, async (req, res) => {
    const { note } = handoverBody.parse(req.body);
    const actor = actorOf(req);
    const created = await store.create(actor.id, note, new Date(), (h) => ({
      actorId: actor.id,
      action: 'handover.create',
      entityType: 'handover',
      entityId: h.id,
      ip: actor.ip,
      details: {
        urgentCases: h.open.urgentCases.length,
        callbacks: h.open.callbacks.length,
        overdueReferrals: h.open.overdueReferrals.length,
      },
    }));
    res.status(201).json(created);
  });

  r.get('/api/handovers/pending', requireUser, async (req, res) => {
    const actor = actorOf(req);
    res.json({ items: await store.list({ pending: true, notBy: actor.id, limit: 10 }) });
  });

  r.post('/api/handovers/:id/acknowledge', requireUser, async (req, res) => {
    const { id } = handoverIdParam.parse(req.params);
    const actor = actorOf(req);
    res.json(
      await store.acknowledge(id, actor.id, new Date(), {
        actorId: actor.id,
        action: 'handover.acknowledge',
        entityType: 'handover',
        entityId: id,
        ip: actor.ip,
      }),
    );
  });

  r.get('/api/handovers', requireRole(...HANDOVER_SEARCHERS), async (req, res) => {
    const q = handoverListQuery.parse(req.query);
    const items = await store.list({
      limit: q.limit,
      pending: q.pending,
      ...(q.q && { q: q.q }),
      ...(q.from && { from: q.from }),
      ...(q.to && { to: q.to }),
      ...(q.before && { before: q.before }),
    });
    res.json({ items, next: items.length === q.limit ? (items.at(-1)?.createdAt ?? null) : null });
  });

  return r;
}
