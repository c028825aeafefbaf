import { Router } from 'express';
import type { Role } from '../domain/taxonomy.ts';
import { accountOf, requireRole } from '../http/session.ts';
import { activityBody, activityIdParam, activityListQuery, activityPatch, importBody } from './outreach.schema.ts';
import type { OutreachService } from './outreach.service.ts';
import { readOutreachCsv } from './outreach-csv.ts';

/**
 * Who keeps the register: the educators, and supervisors and admins who answer for the figures.
 * Counselors and partners do not see it.
 */
export const OUTREACH_KEEPERS: readonly Role[] = ['educator', 'supervisor', 'admin'];

export const OUTREACH_IMPORT_PATH = '/api/outreach/import';

export function outreachRoutes(service: OutreachService): Router {
  const r = Router();
  r.use('/api/outreach', requireRole(...OUTREACH_KEEPERS));

  r.get('/api/outreach', async (req, res) => {
    res.json(await service.list(activityListQuery.parse(req.query)));
  });

  r.post('/api/outreach', async (req, res) => {
    const body = activityBody.parse(req.body);
    res.status(201).json(await service.create(accountOf(req), body));
  });

  /** All rows or none: a file with any bad row is answered with every row's problems, nothing stored. */
  r.post(OUTREACH_IMPORT_PATH, async (req, res) => {
    const { csv } = importBody.parse(req.body);
    const read = readOutreachCsv(csv);
    if (!read.ok) {
      res.status(400).json({
        error: 'validation',
        message: read.problem,
        fields: [{ field: 'csv', message: read.problem }],
        rows: read.rows.slice(0, 500),
      });
      return;
    }
    const made = await service.importAll(accountOf(req), read.activities);
    res.status(201).json({ imported: made.length });
  });

  r.get('/api/outreach/:id', async (req, res) => {
    const { id } = activityIdParam.parse(req.params);
    res.json(await service.get(id));
  });

  r.patch('/api/outreach/:id', async (req, res) => {
    const { id } = activityIdParam.parse(req.params);
    const body = activityPatch.parse(req.body);
    res.json(await service.update(accountOf(req), id, body));
  });

  return r;
}
