import { Router } from 'express';
import type { AuthService } from '../../domain/auth.service.ts';
import type { ReportService } from '../../domain/report.service.ts';
import { ANNUAL_PAGE_CSP, annualPage } from '../annual-report/annual-page.ts';
import { escapeHtml } from '../escape-html.ts';
import { actorOf, loadSession } from '../session.ts';
import { annualParams, annualQuery } from './reports.schema.ts';

const refusal = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(
    title,
  )}</h1><p>${text}</p></body></html>`;

/**
 * GET /reports/annual/:year: the printable yearly report, rendered on the server behind the session
 * (supervisors and admins), with a CSP that allows its one inline style and nothing else.
 */
export function annualReportRoutes(reports: ReportService, auth: AuthService): Router {
  const r = Router();
  r.get('/reports/annual/:year', loadSession(auth), async (req, res) => {
    res.set('Content-Security-Policy', ANNUAL_PAGE_CSP);
    res.set('Cache-Control', 'no-store');
    if (!req.user) {
      res.status(401).type('html').send(refusal('Sign in', 'Sign in to the inbox first: <a href="/">Kontakt</a>.'));
      return;
    }
    if (req.user.role !== 'supervisor' && req.user.role !== 'admin') {
      res.status(403).type('html').send(refusal('Forbidden', 'The yearly report is for supervisors and admins.'));
      return;
    }
    const { year } = annualParams.parse(req.params);
    const q = annualQuery.parse(req.query);
    const { summary, tables, framework } = await reports.annual(actorOf(req), year, q.lang, {
      ...(q.framework && { framework: q.framework }),
    });
    res.type('html').send(annualPage({ year, lang: q.lang, summary, tables, framework }));
  });
  return r;
}
