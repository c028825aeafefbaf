import { Router } from 'express';
import { z } from 'zod';
import type { InboxExtrasService } from '../../domain/inbox-extras.service.ts';
import { normaliseLanguageTag } from '../../i18n/lang-tag.ts';
import { accountOf, actorOf, requireRole, requireSignedIn, requireUser } from '../session.ts';

export const idParam = z.object({ id: z.uuid() });
/** A BCP 47 tag as a browser sends it (`sr`, `sr-Cyrl-RS`, `en-GB`), kept as one of our three languages. */
const languageTag = z
  .unknown()
  .transform((v, ctx) => {
    const lang = normaliseLanguageTag(v);
    if (lang) return lang;
    ctx.addIssue({ code: 'custom', message: 'a language tag for sr-Latn, sr-Cyrl or en (e.g. sr, sr-Cyrl, en-GB)' });
    return z.NEVER;
  })
  .meta({ type: 'string', description: 'a BCP 47 tag such as sr, sr-Cyrl or en-GB' });
export const tagsBody = z.object({ tags: z.array(z.string().max(40)).max(50) }).strict();
export const cannedQuery = z.object({ q: z.string().trim().max(100).optional() });
export const cannedBody = z
  .object({
    title: z.string().trim().min(1).max(120),
    body: z.string().trim().min(1).max(5_000),
    language: languageTag,
  })
  .strict();
export const languageBody = z.object({ language: languageTag }).strict();

export function inboxExtrasRoutes(service: InboxExtrasService): Router {
  const r = Router();
  r.use(['/api/cases', '/api/canned-responses'], requireUser);
  // Every account chooses its language, educators and partners too.
  r.use('/api/me/language', requireSignedIn);

  r.put('/api/me/language', async (req, res) => {
    const { language } = languageBody.parse(req.body);
    await service.setLanguage(accountOf(req), language);
    res.status(204).end();
  });

  /** Tags, history (who changed what) and the reporter's other cases, next to the case itself. */
  r.get('/api/cases/:id/extras', async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json(await service.extras(id));
  });

  r.put('/api/cases/:id/tags', async (req, res) => {
    const { id } = idParam.parse(req.params);
    const { tags } = tagsBody.parse(req.body);
    res.json({ tags: await service.setTags(actorOf(req), id, tags) });
  });

  r.get('/api/canned-responses', async (req, res) => {
    const { q } = cannedQuery.parse(req.query);
    res.json({ items: await service.canned(q) });
  });

  // Supervisors keep the canned responses: the role is checked before the body is even looked at.
  const keepers = requireRole('supervisor', 'admin');
  r.post('/api/canned-responses', keepers, async (req, res) => {
    res.status(201).json(await service.addCanned(actorOf(req), cannedBody.parse(req.body)));
  });

  r.delete('/api/canned-responses/:id', keepers, async (req, res) => {
    const { id } = idParam.parse(req.params);
    await service.deleteCanned(actorOf(req), id);
    res.status(204).end();
  });

  return r;
}
