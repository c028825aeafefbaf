import { Router } from 'express';
import { z } from 'zod';
import type { TaxonomyService } from '../../domain/taxonomy.service.ts';
import { latinToCyrillic } from '../../i18n/translit.ts';
import { actorOf, requireRole, requireUser } from '../session.ts';
import { adminCode, adminLabel } from './admin-names.schema.ts';

const label = adminLabel;
const categoryCode = adminCode;
export const categoryCodeParam = z.object({ code: categoryCode });

/** sr-Cyrl may be left out when adding: it is then transliterated from the Latin label. */
export const categoryAddBody = z
  .object({
    code: categoryCode,
    labels: z.object({ 'sr-Latn': label, 'sr-Cyrl': label.optional(), en: label }).strict(),
  })
  .strict()
  .transform((b) => ({
    code: b.code,
    labels: {
      'sr-Latn': b.labels['sr-Latn'],
      'sr-Cyrl': b.labels['sr-Cyrl'] ?? latinToCyrillic(b.labels['sr-Latn']),
      en: b.labels.en,
    },
  }));

export const categoryPatchBody = z
  .object({
    labels: z.object({ 'sr-Latn': label, 'sr-Cyrl': label, en: label }).partial().strict().optional(),
    retired: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.labels !== undefined || b.retired !== undefined, {
    message: 'nothing to change: give labels or retired',
    path: ['labels'],
  });

/** Everyone signed in reads the taxonomy (pickers, labels); only admins change it. */
export function taxonomyRoutes(service: TaxonomyService): Router {
  const r = Router();
  r.get('/api/categories', requireUser, async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json({ items: await service.list() });
  });
  r.post('/api/categories', requireRole('admin'), async (req, res) => {
    const body = categoryAddBody.parse(req.body);
    res.status(201).json(await service.add(actorOf(req), body));
  });
  r.patch('/api/categories/:code', requireRole('admin'), async (req, res) => {
    const { code } = categoryCodeParam.parse(req.params);
    const patch = categoryPatchBody.parse(req.body);
    res.json(
      await service.change(actorOf(req), code, {
        ...(patch.labels && { labels: patch.labels }),
        ...(patch.retired !== undefined && { retired: patch.retired }),
      }),
    );
  });
  return r;
}
