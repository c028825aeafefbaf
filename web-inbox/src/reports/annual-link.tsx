import { lang, t } from '../i18n/index.ts';
import { annualReportHref } from './reports-api.ts';

/**
 * The rail's way to this year's printable report: a page of the server's, not a screen of the inbox,
 * so it opens beside the inbox (a new tab to print from) in the counselor's language.
 */
export function AnnualReportLink() {
  const year = new Date().getFullYear();
  return (
    <a class="rail-link open-annual-report" href={annualReportHref(year, lang())} target="_blank" rel="noopener">
      <span class="rail-label">{t('reports.openAnnual', { year })}</span>
    </a>
  );
}
