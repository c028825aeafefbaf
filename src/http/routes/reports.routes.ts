import { Router } from 'express';
import { tableCsv } from '../../domain/annual-report.ts';
import type { ReportService } from '../../domain/report.service.ts';
import { EXAMPLE_FRAMEWORK, type ReportSettingsService } from '../../domain/report-settings.service.ts';
import { actorOf, requireRole } from '../session.ts';
import { annualQuery, baselineBody, mappingBody, mappingQuery, summaryQuery, tableParams } from './reports.schema.ts';

/**
 * The centre's figures for supervisors and admins: the summary over a period, the yearly report's
 * tables as CSV, and what admins enter once (the baseline from before Kontakt, the mapping of the
 * categories to an external framework).
 */
export function reportsRoutes(reports: ReportService, settings: ReportSettingsService): Router {
  const r = Router();
  const leads = requireRole('supervisor', 'admin');
  const admin = requireRole('admin');

  r.get('/api/reports/summary', leads, async (req, res) => {
    const q = summaryQuery.parse(req.query);
    res.set('Cache-Control', 'no-store');
    res.json(await reports.summary(actorOf(req), { from: q.from, to: q.to }, q.lang));
  });

  r.get('/api/reports/baseline', leads, async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await settings.baseline());
  });
  r.put('/api/reports/baseline', admin, async (req, res) => {
    const body = baselineBody.parse(req.body);
    res.json(await settings.setBaseline(actorOf(req), body));
  });

  r.get('/api/reports/category-mapping', leads, async (req, res) => {
    const q = mappingQuery.parse(req.query);
    const frameworks = await settings.frameworks();
    const framework = q.framework ?? frameworks[0] ?? EXAMPLE_FRAMEWORK;
    res.set('Cache-Control', 'no-store');
    res.json({ framework, frameworks, rows: await settings.mappings(framework) });
  });
  r.put('/api/reports/category-mapping', admin, async (req, res) => {
    const body = mappingBody.parse(req.body);
    res.json({ framework: body.framework, rows: await settings.setMappings(actorOf(req), body.framework, body.rows) });
  });

  r.get('/api/reports/annual/:year/tables/:name.csv', leads, async (req, res) => {
    const { year, name } = tableParams.parse(req.params);
    const q = annualQuery.parse(req.query);
    const { tables } = await reports.annual(actorOf(req), year, q.lang, {
      table: name,
      ...(q.framework && { framework: q.framework }),
    });
    const table = tables.find((t) => t.name === name);
    if (!table) throw new Error(`no table ${name}`);
    res.set('Cache-Control', 'no-store');
    res
      .type('text/csv; charset=utf-8')
      .attachment(`kontakt-${year}-${name}.csv`)
      .send(`\uFEFF${tableCsv(table)}`);
  });
  return r;
}
