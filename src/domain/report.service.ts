import type { Lang } from '../i18n/messages.ts';
import { type ReportTable, reportTables } from './annual-report.ts';
import type { AuditPort } from './audit.ts';
import type { Actor } from './case.service.ts';
import { ForbiddenError } from './errors.ts';
import type { ReportFiguresPort, ReportPeriod } from './report-figures.ts';
import { EXAMPLE_FRAMEWORK, type ReportSettingsPort } from './report-settings.service.ts';
import { buildSummary, type OutreachTotalsPort, type ReportSummary } from './report-summary.ts';

const mayRead = (actor: Actor) => {
  if (actor.role !== 'supervisor' && actor.role !== 'admin')
    throw new ForbiddenError('the figures are for supervisors and admins');
};

/**
 * The centre's figures: the summary over any period and the yearly report with its tables. Every
 * reading is audited (who looked at which period); the figures hold no personal data.
 */
export function createReportService(d: {
  figures: ReportFiguresPort;
  settings: Pick<ReportSettingsPort, 'baseline' | 'frameworks' | 'mappings'>;
  outreach: OutreachTotalsPort;
  audit: AuditPort;
}) {
  const summarise = async (period: ReportPeriod, lang: Lang): Promise<ReportSummary> => {
    const [figures, baseline, labels, outreachPeriod, outreachToDate] = await Promise.all([
      d.figures.figures(period),
      d.settings.baseline(),
      d.figures.labels(),
      d.outreach({ from: period.from, to: period.to }),
      d.outreach({ to: period.to }),
    ]);
    return buildSummary({ period, lang, figures, baseline, labels, outreachPeriod, outreachToDate });
  };
  const record = (actor: Actor, action: string, details: Record<string, unknown>) =>
    d.audit.write({ actorId: actor.id, action, entityType: 'report', ip: actor.ip, details });

  return {
    async summary(actor: Actor, period: ReportPeriod, lang: Lang): Promise<ReportSummary> {
      mayRead(actor);
      const s = await summarise(period, lang);
      await record(actor, 'report.summary', { ...period });
      return s;
    },

    /** The calendar year's summary and every table, with the external framework's mapping. */
    async annual(
      actor: Actor,
      year: number,
      lang: Lang,
      opts: { framework?: string; table?: string } = {},
    ): Promise<{ summary: ReportSummary; tables: ReportTable[]; framework: string; frameworks: string[] }> {
      mayRead(actor);
      const frameworks = await d.settings.frameworks();
      const framework = opts.framework ?? frameworks[0] ?? EXAMPLE_FRAMEWORK;
      const [summary, mapping] = await Promise.all([
        summarise({ from: `${year}-01-01`, to: `${year}-12-31` }, lang),
        d.settings.mappings(framework),
      ]);
      await record(actor, opts.table ? 'report.export' : 'report.annual', {
        year,
        ...(opts.table && { table: opts.table }),
      });
      return { summary, tables: reportTables(summary, year, framework, mapping), framework, frameworks };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
