import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireUser } from '../../http/session.ts';
import {
  ACTIVE,
  ATTEMPT_RESULTS,
  CALLBACK_STATUSES,
  type CallbackStatus,
  type PhoneCallbackRepository,
} from './phone-callback.repository.ts';
import type { PhoneIngest } from './phone-ingest.service.ts';

const statusList = z
  .string()
  .optional()
  .transform((v, ctx): CallbackStatus[] => {
    if (!v) return ACTIVE;
    const parts = v.split(',').map((s) => s.trim());
    const bad = parts.find((p) => !(CALLBACK_STATUSES as readonly string[]).includes(p));
    if (bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `unknown status; use ${CALLBACK_STATUSES.join(', ')}` });
      return z.NEVER;
    }
    return parts as CallbackStatus[];
  });

export const listQuery = z.object({
  status: statusList,
  assignee: z.union([z.enum(['me', 'none']), z.uuid()]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const idParam = z.object({ id: z.uuid() });
export const patchBody = z
  .object({
    assigneeId: z.uuid().nullable().optional(),
    dueAt: z.iso.datetime({ offset: true }).optional(),
    status: z.enum(['open', 'done', 'cancelled']).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export const attemptBody = z.object({ result: z.enum(ATTEMPT_RESULTS), note: z.string().trim().max(2000).optional() });

/**
 * The inbox's "callbacks" view: open tasks, soonest due first, with counts for the badge. Every
 * change is pushed to the inbox as `callback:updated`.
 */
export function phoneCallbacksRoutes(deps: { callbacks: PhoneCallbackRepository; ingest: PhoneIngest }): Router {
  const r = Router();
  r.use('/api/callbacks', requireUser);

  r.get('/api/callbacks', async (req, res) => {
    const q = listQuery.parse(req.query);
    const assignee = q.assignee === 'me' ? actorOf(req).id : q.assignee;
    res.json(await deps.callbacks.list({ status: q.status, limit: q.limit, ...(assignee && { assignee }) }));
  });

  r.get('/api/callbacks/:id', async (req, res) => {
    res.json(await deps.callbacks.view(idParam.parse(req.params).id));
  });

  r.patch('/api/callbacks/:id', async (req, res) => {
    const { id } = idParam.parse(req.params);
    const body = patchBody.parse(req.body);
    const actor = actorOf(req);
    const changed = await deps.callbacks.change(
      id,
      {
        ...(body.assigneeId !== undefined && { assigneeId: body.assigneeId }),
        ...(body.dueAt && { dueAt: new Date(body.dueAt) }),
        ...(body.status && { status: body.status }),
      },
      actor.id,
      new Date(),
      (fields) =>
        fields.length === 0
          ? []
          : [
              {
                actorId: actor.id,
                action: 'callback.changed',
                entityType: 'callback',
                entityId: id,
                ip: actor.ip,
                details: { changed: fields, ...(body.status && { status: body.status }) },
              },
            ],
    );
    if (changed.length > 0) await deps.ingest.publishCallback(id);
    res.json(await deps.callbacks.view(id));
  });

  r.post('/api/callbacks/:id/attempts', async (req, res) => {
    const { id } = idParam.parse(req.params);
    const body = attemptBody.parse(req.body);
    const actor = actorOf(req);
    await deps.callbacks.addAttempt(
      id,
      { result: body.result, note: body.note ?? null, userId: actor.id },
      new Date(),
      () => [
        {
          actorId: actor.id,
          action: 'callback.attempt',
          entityType: 'callback',
          entityId: id,
          ip: actor.ip,
          details: { result: body.result },
        },
      ],
    );
    await deps.ingest.publishCallback(id);
    res.status(201).json(await deps.callbacks.view(id));
  });

  return r;
}
