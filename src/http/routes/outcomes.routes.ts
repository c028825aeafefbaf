import { Router } from 'express';
import { z } from 'zod';
import { OUTCOME_CODES, type OutcomeService, TEMPLATE_LANGUAGES } from '../../domain/outcomes.ts';
import { actorOf, requireRole, requireUser } from '../session.ts';

export const idParam = z.object({ id: z.uuid() });
export const templateParams = z.object({ outcome: z.enum(OUTCOME_CODES), language: z.enum(TEMPLATE_LANGUAGES) });
export const templateBody = z.object({ body: z.string().trim().min(1).max(5_000) }).strict();
export const cannedBody = z
  .object({
    title: z.string().trim().min(1).max(120),
    body: z.string().trim().min(1).max(5_000),
    language: z.enum(TEMPLATE_LANGUAGES),
  })
  .strict();
export const tellBody = z
  .object({
    outcome: z.enum(OUTCOME_CODES),
    text: z.string().trim().min(1).max(5_000),
    /** false: only record it (the status page shows it), even if the reporter could be reached. */
    send: z.boolean().default(true),
  })
  .strict();

const keepers = requireRole('supervisor', 'admin');

/** Outcome templates, editing canned responses, and telling a reporter what was done on their case. */
export function outcomesRoutes(service: OutcomeService): Router {
  const r = Router();
  r.use(['/api/outcome-templates', '/api/canned-responses', '/api/cases'], requireUser);

  r.get('/api/outcome-templates', async (_req, res) => {
    res.json({ outcomes: OUTCOME_CODES, languages: TEMPLATE_LANGUAGES, items: await service.templates() });
  });

  r.put('/api/outcome-templates/:outcome/:language', keepers, async (req, res) => {
    const { outcome, language } = templateParams.parse(req.params);
    const { body } = templateBody.parse(req.body);
    await service.saveTemplate(actorOf(req), outcome, language, body);
    res.status(204).end();
  });

  r.put('/api/canned-responses/:id', keepers, async (req, res) => {
    const { id } = idParam.parse(req.params);
    await service.updateCanned(actorOf(req), id, cannedBody.parse(req.body));
    res.status(204).end();
  });

  r.get('/api/cases/:id/outcome', async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json(await service.forCase(actorOf(req), id));
  });

  r.post('/api/cases/:id/outcome', async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.status(201).json(await service.tell(actorOf(req), id, tellBody.parse(req.body)));
  });

  return r;
}
