import { Router } from 'express';
import type { CaseService } from '../../domain/case.service.ts';
import { VIEW_FILTERS } from '../../domain/inbox-views.ts';
import { actorOf, requireUser } from '../session.ts';
import { caseIdParam, caseListQuery, caseMessageBody, casePatchBody, caseReferenceParam } from './cases.schema.ts';

export function casesRoutes(service: CaseService): Router {
  const r = Router();
  r.use('/api/cases', requireUser);

  r.get('/api/cases/counts', async (req, res) => {
    res.json(await service.counts(actorOf(req).id));
  });

  r.get('/api/cases', async (req, res) => {
    const q = caseListQuery.parse(req.query);
    const view = q.view ? VIEW_FILTERS[q.view] : undefined;
    const who = q.assignee ?? view?.assignee;
    const assignee = who === 'me' ? actorOf(req).id : who;
    const status = q.status ?? (view && [...view.status]);
    const priority = q.priority ?? (view?.priority && [...view.priority]);
    res.json(
      await service.list({
        ...(status && { status }),
        ...(priority && { priority }),
        ...(q.channel && { channel: q.channel }),
        ...(q.category && { category: q.category }),
        ...(assignee && { assignee }),
        ...(q.q && { q: q.q }),
        ...(q.cursor && { cursor: q.cursor }),
        limit: q.limit,
      }),
    );
  });

  // A shared link (/cases/KC-2026-000042) names the case by reference; same roles, same audit.
  r.get('/api/cases/by-reference/:reference', async (req, res) => {
    const { reference } = caseReferenceParam.parse(req.params);
    res.json(await service.openByReference(actorOf(req), reference));
  });

  r.get('/api/cases/:id', async (req, res) => {
    const { id } = caseIdParam.parse(req.params);
    res.json(await service.open(actorOf(req), id));
  });

  r.patch('/api/cases/:id', async (req, res) => {
    const { id } = caseIdParam.parse(req.params);
    const patch = casePatchBody.parse(req.body);
    res.json(await service.change(actorOf(req), id, patch));
  });

  r.post('/api/cases/:id/messages', async (req, res) => {
    const { id } = caseIdParam.parse(req.params);
    const body = caseMessageBody.parse(req.body);
    res
      .status(201)
      .json(await service.addMessage(actorOf(req), id, body.kind, body.text, body.attachments ?? [], body.to));
  });

  return r;
}
