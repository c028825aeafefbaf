import { Router } from 'express';
import { z } from 'zod';
import type { AuditPort } from '../../domain/audit.ts';
import { type StatsPort, statsToCsv } from '../../domain/stats.ts';
import { actorOf, requireRole } from '../session.ts';

/** A date ("2026-01-01", midnight UTC) or a full timestamp. */
const instant = z.union([
  z.iso.date().transform((d) => new Date(`${d}T00:00:00Z`)),
  z.iso.datetime({ offset: true }).transform((d) => new Date(d)),
]);

export const query = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .transform((q) => {
    const to = q.to ?? new Date();
    const from = q.from ?? new Date(Date.UTC(to.getUTCFullYear(), 0, 1));
    return { from, to, format: q.format };
  })
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['from'] });

/** Supervisors and admins: the centre's figures over any period, as JSON or CSV. */
export function statsRoutes(stats: StatsPort, audit: AuditPort): Router {
  const r = Router();
  r.get('/api/stats', requireRole('supervisor', 'admin'), async (req, res) => {
    const q = query.parse(req.query);
    const result = await stats.caseStats({ from: q.from, to: q.to });
    const actor = actorOf(req);
    await audit.write({
      actorId: actor.id,
      action: q.format === 'csv' ? 'stats.export' : 'stats.view',
      ip: actor.ip,
      details: { from: result.from, to: result.to },
    });
    res.set('Cache-Control', 'no-store');
    if (q.format === 'csv') {
      const name = `kontakt-stats-${result.from.slice(0, 10)}-${result.to.slice(0, 10)}.csv`;
      res
        .type('text/csv; charset=utf-8')
        .attachment(name)
        .send(`\uFEFF${statsToCsv(result)}`);
      return;
    }
    res.json(result);
  });
  return r;
}
