import { Router } from 'express';
import type { Role } from '../domain/taxonomy.ts';
import { actorOf, requireRole, requireUser } from '../http/session.ts';
import { caseIdParam, feedbackListQuery, markBody } from './triage-feedback.schema.ts';
import type { TriageFeedbackService } from './triage-feedback.service.ts';

/** Who reads every counselor's marks to improve the rules. */
export const FEEDBACK_READERS: readonly Role[] = ['supervisor', 'admin'];

/**
 * A case worker marks how a case was triaged on arrival (and takes the mark back); supervisors and
 * admins list the marks. The case's own words stay in the case.
 */
export function triageFeedbackRoutes(service: TriageFeedbackService): Router {
  const r = Router();
  const path = '/api/cases/:id/triage-feedback';

  r.get(path, requireUser, async (req, res) => {
    const { id } = caseIdParam.parse(req.params);
    res.json(await service.forCase(actorOf(req), id));
  });

  r.put(path, requireUser, async (req, res) => {
    const { id } = caseIdParam.parse(req.params);
    const { mark } = markBody.parse(req.body);
    res.json(await service.mark(actorOf(req), id, mark));
  });

  r.delete(path, requireUser, async (req, res) => {
    const { id } = caseIdParam.parse(req.params);
    await service.withdraw(actorOf(req), id);
    res.status(204).end();
  });

  r.get('/api/triage/feedback', requireRole(...FEEDBACK_READERS), async (req, res) => {
    const q = feedbackListQuery.parse(req.query);
    res.json(
      await service.list({
        limit: q.limit,
        ...(q.mark && { mark: q.mark }),
        ...(q.from && { from: q.from }),
        ...(q.to && { to: q.to }),
        ...(q.cursor && { cursor: q.cursor }),
      }),
    );
  });

  return r;
}
