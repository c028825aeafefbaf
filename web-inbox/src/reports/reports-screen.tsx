import './reports.css';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { OUTREACH_BASELINE_FIELDS } from '../../../src/domain/record-fields.ts';
import { ApiError } from '../api.ts';
import { uid } from '../dom.ts';
import { lang, locale, t } from '../i18n/index.ts';
import { modal } from '../phone-dialog.ts';
import { annualReportHref, type LabelledCount, type ReportSummary, reportsApi } from './reports-api.ts';

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/** Today in the browser's calendar (the centre's counselors are in Belgrade's). */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const fmt = (n: number) => new Intl.NumberFormat(locale()).format(n);

interface Period {
  from: string;
  to: string;
}

function Table({ title, head, rows }: { title: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <table class="reports-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" class={i > 0 ? 'num' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r[0])}>
            {r.map((c, i) =>
              i === 0 ? (
                <th key="label" scope="row">
                  {c}
                </th>
              ) : (
                <td key={i} class="num">
                  {typeof c === 'number' ? fmt(c) : c}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const counted = (title: string, items: LabelledCount[]) =>
  items.length > 0 ? (
    <Table
      title={title}
      head={[t('reports.value'), t('reports.cases')]}
      rows={items.map((i) => [i.key === 'none' ? t('reports.none') : i.label, i.cases])}
    />
  ) : null;

function Outreach({ s }: { s: ReportSummary }) {
  const { period, toDate } = s.outreach;
  if (!period || !toDate) return <p class="muted">{t('reports.noOutreach')}</p>;
  return (
    <Table
      title={t('reports.outreach')}
      head={[t('reports.figure'), t('reports.outreach'), t('reports.outreachToDate')]}
      rows={OUTREACH_BASELINE_FIELDS.map((k) => [t(`reports.${k}`), period[k], toDate[k]])}
    />
  );
}

/** The summary's sentences and main tables, in the language it was asked in. */
function Figures({ s }: { s: ReportSummary }) {
  const c = s.communications;
  return (
    <div class="reports-figures">
      <section aria-labelledby="reports-sentences">
        <h3 id="reports-sentences">{t('reports.sentences')}</h3>
        <ul class="reports-sentences">
          {s.sentences.map((x) => (
            <li key={x.key} data-sentence={x.key}>
              {x.text}
            </li>
          ))}
        </ul>
        <p class="muted">
          {t('reports.firstResponse')}:{' '}
          {s.medianFirstResponseMinutes === null
            ? t('reports.none')
            : t('reports.minutes', { n: fmt(s.medianFirstResponseMinutes) })}
          {' · '}
          {t('reports.notices', { sent: fmt(s.outcomeNotices.sent), recorded: fmt(s.outcomeNotices.recorded) })}
        </p>
      </section>
      <Table
        title={t('reports.communications')}
        head={[t('reports.channel'), t('reports.cases'), t('reports.messages'), t('reports.calls')]}
        rows={[
          ...c.period.map((r) => [r.label, r.cases, r.messages, r.calls]),
          [t('reports.total'), c.periodTotal.cases, c.periodTotal.messages, c.periodTotal.calls],
        ]}
      />
      <Table
        title={t('reports.toDate')}
        head={[t('reports.channel'), t('reports.baseline'), t('reports.cases'), t('reports.total')]}
        rows={[
          ...c.toDate.map((r) => [r.label, r.baseline, r.cases, r.communications]),
          [t('reports.total'), c.toDateTotal.baseline, c.toDateTotal.cases, c.toDateTotal.communications],
        ]}
      />
      {counted(t('reports.byCategory'), s.cases.byCategory)}
      {counted(t('reports.bySubcategory'), s.cases.bySubcategory)}
      {counted(t('reports.byReporterRole'), s.cases.byReporterRole)}
      {counted(t('reports.byAgeGroup'), s.cases.byAgeGroup)}
      {counted(t('reports.byGender'), s.cases.byGender)}
      {counted(t('reports.byDistrict'), s.cases.byDistrict)}
      {counted(t('reports.byIntervention'), s.cases.byIntervention)}
      {s.referrals.byInstitution.length > 0 ? (
        <Table
          title={t('reports.referrals')}
          head={[t('reports.institution'), t('reports.referred'), t('reports.answered'), t('reports.medianHours')]}
          rows={s.referrals.byInstitution.map((r) => [
            r.label,
            r.referrals,
            r.answered,
            r.medianHoursToAnswer === null ? t('reports.none') : r.medianHoursToAnswer,
          ])}
        />
      ) : (
        <p class="muted">{t('reports.noReferrals')}</p>
      )}
      <Outreach s={s} />
    </div>
  );
}

/**
 * Supervisors' and admins' figures over any period (GET /api/reports/summary, audited by the server):
 * the centre's sentences and the main tables; the whole year, with charts and CSVs, is the printable
 * yearly report linked here.
 */
export function ReportsScreen() {
  const id = useMemo(() => uid('reports'), []);
  const year = new Date().getFullYear();
  const [draft, setDraft] = useState<Period>({ from: `${year}-01-01`, to: today() });
  const [period, setPeriod] = useState<Period>(draft);
  const [state, setState] = useState<{ summary: ReportSummary | null; error: string | null; loading: boolean }>({
    summary: null,
    error: null,
    loading: true,
  });
  const language = lang();
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    reportsApi.summary(period.from, period.to, language).then(
      (summary) => live && setState({ summary, error: null, loading: false }),
      (err) =>
        live && setState({ summary: null, error: t('reports.loadFailed', { reason: reasonOf(err) }), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [period, language]);
  const apply = (p: Period) => {
    setDraft(p);
    if (p.from > p.to) setState((s) => ({ ...s, error: t('reports.badPeriod') }));
    else setPeriod(p);
  };
  const shown = Number(period.to.slice(0, 4)) || year;
  return (
    <div class="reports-screen">
      <form
        class="reports-period"
        aria-label={t('reports.period')}
        onSubmit={(ev) => {
          ev.preventDefault();
          apply(draft);
        }}
      >
        <div class="field">
          <label for={`${id}-from`}>{t('reports.from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            required
            value={draft.from}
            onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for={`${id}-to`}>{t('reports.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            required
            value={draft.to}
            onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
        </div>
        <button type="submit" class="primary">
          {t('reports.show')}
        </button>
        <button type="button" onClick={() => apply({ from: `${year}-01-01`, to: today() })}>
          {t('reports.thisYear')}
        </button>
        <button type="button" onClick={() => apply({ from: `${year - 1}-01-01`, to: `${year - 1}-12-31` })}>
          {t('reports.lastYear')}
        </button>
        <a class="reports-annual" href={annualReportHref(shown, language)} target="_blank" rel="noopener">
          {t('reports.annualLink', { year: shown })}
        </a>
      </form>
      {state.error ? (
        <p class="error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state.loading ? (
        <p class="muted" role="status">
          {t('reports.loading')}
        </p>
      ) : null}
      {state.summary ? <Figures s={state.summary} /> : null}
    </div>
  );
}

/** As the inbox's other screens: a dialog the router can close on Back (shell/screens.ts opens it). */
export function openReportsScreen(): HTMLDialogElement {
  const { dialog, body } = modal(t('reports.title'), 'reports-dialog');
  render(<ReportsScreen />, body);
  dialog.addEventListener('close', () => render(null, body));
  return dialog;
}
