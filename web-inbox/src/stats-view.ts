import type { CaseStats, InstitutionView } from '../../src/inbox/contract.ts';
import './stats.css';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { ApiError, request } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { type LabelGroup, lang, locale, t } from './i18n/index.ts';
import { label } from './i18n/labels.ts';
import { modal } from './phone-dialog.ts';
import { navigate } from './shell/router.ts';
import { spanText } from './sla-clock.ts';

// Only the parts used here, so the bundle stays small. Chart.js draws on <canvas> and sizes it
// through element.style (CSSOM), which the server's CSP (no inline style attributes) allows.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  DoughnutController,
  ArcElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

const PALETTE = ['#1f5f8b', '#3f8a5a', '#c9a227', '#a4161a', '#6b4c9a', '#9a4b00', '#2d8c9e', '#7a7f87', '#b5527f'];

/** Where a referral stands (the inbox imports no values from src/, only types). */
const REFERRAL_STATES = [
  'sent',
  'acknowledged',
  'answered',
  'closed',
] as const satisfies readonly (keyof CaseStats['referralsByInstitution'][number])[];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/** A code's label; cases without a value are counted under "none". */
const keyLabel = (group: LabelGroup, key: string) => (key === 'none' ? t('stats.none') : label(group, key));

const monthLabel = (key: string) => {
  const [y, m] = key.split('-').map(Number);
  if (!y || !m) return key;
  return new Intl.DateTimeFormat(locale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
};

const hours = (min: number | null) => (min === null ? null : Math.round((min / 60) * 10) / 10);
const minutesText = (min: number | null) => (min === null ? '—' : spanText(min));
const fmt = (n: number) => new Intl.NumberFormat(locale()).format(n);

/**
 * Supervisors' and admins' statistics: a period, the figures of GET /api/stats as charts, and
 * the same figures as a CSV download. Every load is audited by the server.
 */
export function openStatsView(): HTMLDialogElement {
  const { dialog, body } = modal(t('stats.statsTitle'), 'stats-view');
  const charts: Chart[] = [];
  const destroyCharts = () => {
    for (const c of charts.splice(0)) c.destroy();
  };
  dialog.addEventListener('close', destroyCharts);

  const today = isoDay(new Date());
  const from = h('input', { type: 'date', id: uid('stats-from'), name: 'from', required: true });
  const to = h('input', { type: 'date', id: uid('stats-to'), name: 'to', required: true });
  from.value = `${today.slice(0, 4)}-01-01`;
  to.value = today;
  const showBtn = h('button', { type: 'submit', class: 'primary' }, t('stats.show'));
  const preset = (key: 'thisYear' | 'lastYear' | 'last30', range: () => [string, string]) => {
    const b = h('button', { type: 'button', class: 'small', 'data-preset': key }, t(`stats.${key}`));
    b.addEventListener('click', () => {
      [from.value, to.value] = range();
      void load();
    });
    return b;
  };
  const year = Number(today.slice(0, 4));
  // h() refuses href (nothing from the server may navigate); this link is built here from the form.
  const csv = h('a', { class: 'button small csv-link', download: '' }, t('stats.exportCsv'));
  // The hotline's figures (reported links to takedown) have their own screen beside the links.
  const urlFigures = h('button', { type: 'button', class: 'small url-figures-link' }, t('stats.urlFigures'));
  urlFigures.addEventListener('click', () => navigate({ name: 'url-figures' }));
  const form = h(
    'form',
    { class: 'stats-period', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: from.id }, t('stats.from')), from),
    h('div', { class: 'field' }, h('label', { for: to.id }, t('stats.to')), to),
    showBtn,
    h(
      'div',
      { class: 'presets', role: 'group', 'aria-label': t('stats.period') },
      preset('thisYear', () => [`${year}-01-01`, today]),
      preset('lastYear', () => [`${year - 1}-01-01`, `${year - 1}-12-31`]),
      preset('last30', () => [addDays(today, -29), today]),
    ),
    csv,
    urlFigures,
  );
  const status = h('p', { class: 'form-status', role: 'status' });
  const content = h('div', { class: 'stats-content' });
  replace(body, form, status, content);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void load();
  });

  let institutions: Map<string, Pick<InstitutionView, 'code' | 'names'>> | null = null;
  const institutionName = (code: string) => institutions?.get(code)?.names[lang()] ?? code;

  let seq = 0;
  async function load(): Promise<void> {
    const mine = ++seq;
    if (!from.value || !to.value || from.value > to.value) {
      status.className = 'form-status error';
      status.textContent = t('stats.badPeriod');
      return;
    }
    const params = new URLSearchParams({ from: from.value, to: addDays(to.value, 1) });
    csv.href = `/api/stats?${params}&format=csv`;
    status.className = 'form-status';
    status.textContent = t('stats.loading');
    showBtn.disabled = true;
    try {
      const [stats] = await Promise.all([
        request<CaseStats>('GET', `/api/stats?${params}`),
        institutions
          ? null
          : request<{ items: InstitutionView[] }>('GET', '/api/institutions?all=true').then(
              (r) => {
                institutions = new Map(r.items.map((i) => [i.code, i]));
              },
              // Without the referral module the codes are shown as they are.
              () => {
                institutions = new Map();
              },
            ),
      ]);
      if (mine !== seq || !dialog.open) return;
      status.textContent = '';
      render(stats);
    } catch (err) {
      if (mine !== seq) return;
      status.className = 'form-status error';
      status.textContent = t('stats.loadFailed', { reason: reasonOf(err) });
    } finally {
      showBtn.disabled = false;
    }
  }

  const chartBox = (id: string, title: string, config: ChartConfiguration, summary: string) => {
    const canvas = h('canvas', { role: 'img', 'aria-label': `${title}: ${summary}` });
    const fig = h(
      'figure',
      { class: `stats-chart chart-${id}`, 'data-chart': id },
      h('figcaption', {}, title),
      h('div', { class: 'chart-box' }, canvas),
    );
    // Drawn once the figure is in the page, so that Chart.js can measure its box.
    queueMicrotask(() => {
      if (!canvas.isConnected) return;
      charts.push(new Chart(canvas, config));
    });
    return fig;
  };

  const common = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    plugins: { legend: { display: true, position: 'bottom' as const } },
  };

  const bar = (labels: string[], datasets: { label: string; data: (number | null)[] }[], horizontal = false) =>
    ({
      type: 'bar',
      data: {
        labels,
        datasets: datasets.map((d, i) => ({ ...d, backgroundColor: PALETTE[i % PALETTE.length] })),
      },
      options: {
        ...common,
        indexAxis: horizontal ? 'y' : 'x',
        plugins: { legend: { display: datasets.length > 1, position: 'bottom' } },
        scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    }) as ChartConfiguration;

  const listSummary = (rows: { label: string; n: number }[]) => rows.map((r) => `${r.label} ${fmt(r.n)}`).join(', ');

  function render(s: CaseStats): void {
    destroyCharts();
    const tile = (name: string, value: string, key: string) =>
      h('div', { class: 'stats-tile', 'data-figure': key }, h('span', { class: 'value' }, value), h('span', {}, name));
    const sl = s.serviceLevel;
    const inbound = s.byChannel.reduce((n, c) => n + c.inboundMessages, 0);
    const tiles = h(
      'div',
      { class: 'stats-tiles' },
      tile(t('stats.totalCases'), fmt(s.totalCases), 'total'),
      tile(t('stats.inboundMessages'), fmt(inbound), 'inbound'),
      tile(t('stats.withinTarget'), `${fmt(sl.respondedWithinTarget)} / ${fmt(sl.responded)}`, 'within-target'),
      tile(t('stats.overdue'), fmt(sl.unansweredOverdue), 'overdue'),
      tile(t('stats.medianFirstShort'), minutesText(s.medianMinutesToFirstResponse), 'median-first'),
      tile(t('stats.medianCloseShort'), minutesText(s.medianMinutesToClose), 'median-close'),
      tile(t('stats.callbacksTile'), `${fmt(s.callbacks.done)} / ${fmt(s.callbacks.opened)}`, 'callbacks'),
    );
    if (s.totalCases === 0 && inbound === 0 && s.callbacks.opened === 0 && s.referralsByInstitution.length === 0) {
      replace(content, tiles, h('p', { class: 'muted' }, t('stats.noData')));
      return;
    }

    const channelLabels = s.byChannel.map((c) => keyLabel('channel', c.key));
    const byChannel = chartBox(
      'channel',
      t('stats.byChannel'),
      bar(channelLabels, [
        { label: t('stats.cases'), data: s.byChannel.map((c) => c.cases) },
        { label: t('stats.messages'), data: s.byChannel.map((c) => c.inboundMessages) },
      ]),
      listSummary(s.byChannel.map((c, i) => ({ label: channelLabels[i] ?? c.key, n: c.cases }))),
    );
    const catLabels = s.byCategory.map((c) => keyLabel('category', c.key));
    const byCategory = chartBox(
      'category',
      t('stats.byCategory'),
      bar(catLabels, [{ label: t('stats.cases'), data: s.byCategory.map((c) => c.cases) }], true),
      listSummary(s.byCategory.map((c, i) => ({ label: catLabels[i] ?? c.key, n: c.cases }))),
    );
    const roleLabels = s.byReporterRole.map((r) => keyLabel('reporterRole', r.key));
    const byRole = chartBox(
      'reporter',
      t('stats.byReporterRole'),
      {
        type: 'doughnut',
        data: {
          labels: roleLabels,
          datasets: [
            {
              label: t('stats.cases'),
              data: s.byReporterRole.map((r) => r.cases),
              backgroundColor: s.byReporterRole.map((_, i) => PALETTE[i % PALETTE.length] as string),
            },
          ],
        },
        options: common,
      },
      listSummary(s.byReporterRole.map((r, i) => ({ label: roleLabels[i] ?? r.key, n: r.cases }))),
    );
    const monthLabels = s.byMonth.map((m) => monthLabel(m.key));
    const byMonth = chartBox(
      'month',
      t('stats.byMonth'),
      bar(monthLabels, [{ label: t('stats.cases'), data: s.byMonth.map((m) => m.cases) }]),
      listSummary(s.byMonth.map((m, i) => ({ label: monthLabels[i] ?? m.key, n: m.cases }))),
    );
    const times = chartBox(
      'times',
      t('stats.times'),
      {
        type: 'line',
        data: {
          labels: s.timesByMonth.map((m) => monthLabel(m.key)),
          datasets: [
            {
              label: t('stats.medianFirst'),
              data: s.timesByMonth.map((m) => hours(m.medianMinutesToFirstResponse)),
              borderColor: PALETTE[0],
              backgroundColor: PALETTE[0],
              spanGaps: true,
            },
            {
              label: t('stats.medianClose'),
              data: s.timesByMonth.map((m) => hours(m.medianMinutesToClose)),
              borderColor: PALETTE[1],
              backgroundColor: PALETTE[1],
              spanGaps: true,
            },
          ],
        },
        options: { ...common, scales: { y: { beginAtZero: true, title: { display: true, text: t('stats.hours') } } } },
      },
      `${t('stats.medianFirstShort')} ${minutesText(s.medianMinutesToFirstResponse)}, ${t('stats.medianCloseShort')} ${minutesText(
        s.medianMinutesToClose,
      )}`,
    );
    const instLabels = s.referralsByInstitution.map((r) => institutionName(r.key));
    const referrals =
      s.referralsByInstitution.length === 0
        ? h(
            'figure',
            { class: 'stats-chart chart-referrals', 'data-chart': 'referrals' },
            h('figcaption', {}, t('stats.referrals')),
            h('p', { class: 'muted' }, t('stats.noReferrals')),
          )
        : chartBox(
            'referrals',
            t('stats.referrals'),
            {
              type: 'bar',
              data: {
                labels: instLabels,
                datasets: REFERRAL_STATES.map((st, i) => ({
                  label: t(`stats.ref_${st}`),
                  data: s.referralsByInstitution.map((r) => r[st]),
                  backgroundColor: PALETTE[i % PALETTE.length],
                })),
              },
              options: {
                ...common,
                indexAxis: 'y',
                scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
              },
            },
            listSummary(s.referralsByInstitution.map((r, i) => ({ label: instLabels[i] ?? r.key, n: r.referrals }))),
          );
    replace(
      content,
      tiles,
      h('div', { class: 'stats-grid' }, byChannel, byCategory, byRole, byMonth, times, referrals),
    );
  }

  void load();
  return dialog;
}
