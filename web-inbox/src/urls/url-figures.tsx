import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { uid } from '../dom.ts';
import { locale, t } from '../i18n/index.ts';
import { spanText } from '../sla-clock.ts';
import { type PlatformView, reasonOf, type UrlStats, urlStats, urlStatsCsvHref } from './url-api.ts';
import { AGE_BUCKETS } from './url-codes.ts';
import { ageLabel, assessmentLabel, countryLabel, platformLabel } from './url-parts.tsx';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const nextDay = (day: string) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000));
const fmt = (n: number) => new Intl.NumberFormat(locale()).format(n);
const minutes = (m: number | null) => (m === null ? '—' : spanText(Math.round(m)));

/** A share of the largest row, drawn as a bar (set through the CSSOM, which the CSP allows). */
function Bar({ n, max }: { n: number; max: number }) {
  const pct = max > 0 ? Math.round((n / max) * 100) : 0;
  return (
    <span class="url-bar-track" aria-hidden="true">
      <span class="url-bar" style={{ width: `${pct}%` }} />
    </span>
  );
}

interface Row {
  key: string;
  label: string;
  items: number;
}

function CountTable({ id, title, rows }: { id: string; title: string; rows: Row[] }) {
  const max = Math.max(0, ...rows.map((r) => r.items));
  return (
    <figure class="url-figure" data-figure-table={id}>
      <figcaption>{title}</figcaption>
      <table>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th scope="row">{r.label}</th>
              <td class="num">{fmt(r.items)}</td>
              <td class="bar-cell">
                <Bar n={r.items} max={max} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function PlatformTable({ s, name }: { s: UrlStats; name: (code: string) => string }) {
  return (
    <figure class="url-figure url-figure-wide" data-figure-table="platform">
      <figcaption>{t('urls.byPlatform')}</figcaption>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('urls.platform')}</th>
            <th scope="col">{t('urls.items')}</th>
            <th scope="col">{t('urls.removed')}</th>
            <th scope="col">{t('urls.median')}</th>
            <th scope="col">{t('urls.p90')}</th>
          </tr>
        </thead>
        <tbody>
          {s.byPlatform.map((p) => (
            <tr key={p.key} data-key={p.key}>
              <th scope="row">{name(p.key)}</th>
              <td class="num">{fmt(p.items)}</td>
              <td class="num">{fmt(p.removed)}</td>
              <td class="num" data-median={p.medianMinutesToTakedown ?? ''}>
                {minutes(p.medianMinutesToTakedown)}
              </td>
              <td class="num" data-p90={p.p90MinutesToTakedown ?? ''}>
                {minutes(p.p90MinutesToTakedown)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function Figures({ s, platforms }: { s: UrlStats; platforms: PlatformView[] }) {
  const names = new Map(platforms.map((p) => [p.code, p.name]));
  const tile = (key: string, label: string, value: string) => (
    <div class="url-tile" data-figure={key}>
      <span class="value">{value}</span>
      <span>{label}</span>
    </div>
  );
  const ages = new Map(s.openByAge.map((a) => [a.key, a.items]));
  return (
    <>
      <div class="url-tiles">
        {tile('items', t('urls.totalItems'), fmt(s.totalItems))}
        {tile('removed', t('urls.removedItems'), fmt(s.takedown.removed))}
        {tile('median', t('urls.medianTakedown'), minutes(s.takedown.medianMinutes))}
        {tile('p90', t('urls.p90Takedown'), minutes(s.takedown.p90Minutes))}
      </div>
      {s.totalItems === 0 ? <p class="muted">{t('urls.noFigures')}</p> : null}
      <div class="url-figures-grid">
        <PlatformTable s={s} name={(code) => platformLabel(code, names.get(code))} />
        <CountTable
          id="assessment"
          title={t('urls.byAssessment')}
          rows={s.byAssessment.map((r) => ({ ...r, label: assessmentLabel(r.key === 'none' ? null : r.key) }))}
        />
        <CountTable
          id="country"
          title={t('urls.byCountry')}
          rows={s.byHostingCountry.map((r) => ({ ...r, label: countryLabel(r.key) }))}
        />
        <CountTable
          id="age"
          title={t('urls.openByAge')}
          rows={AGE_BUCKETS.map((b) => ({ key: b, label: ageLabel(b), items: ages.get(b) ?? 0 }))}
        />
      </div>
    </>
  );
}

/**
 * The hotline's figures (supervisors and admins): links by assessment, platform and hosting
 * country, time from the first report to takedown (median, 90th percentile) per platform, open
 * links by age, and the server's CSV of the same. Each load is audited by the server.
 */
export function UrlFigures({ platforms }: { platforms: PlatformView[] }) {
  const id = useMemo(() => uid('url-figures'), []);
  const today = isoDay(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [shown, setShown] = useState<{ from: string; to: string } | null>({ from, to });
  const [state, setState] = useState<'loading' | { s: UrlStats } | { error: string }>('loading');
  const seq = useRef(0);

  useEffect(() => {
    if (!shown) return;
    const mine = ++seq.current;
    setState('loading');
    urlStats(shown.from, nextDay(shown.to)).then(
      (s) => mine === seq.current && setState({ s }),
      (err: unknown) => mine === seq.current && setState({ error: t('urls.figuresFailed', { reason: reasonOf(err) }) }),
    );
  }, [shown]);

  const bad = !from || !to || from > to;
  return (
    <div class="url-figures">
      <form
        class="url-period"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setShown(bad ? null : { from, to });
        }}
      >
        <div class="field">
          <label for={`${id}-from`}>{t('urls.from')}</label>
          <input id={`${id}-from`} type="date" required value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={`${id}-to`}>{t('urls.to')}</label>
          <input id={`${id}-to`} type="date" required value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        <button type="submit" class="primary">
          {t('urls.show')}
        </button>
        {shown ? (
          <a class="button small url-csv" href={urlStatsCsvHref(shown.from, nextDay(shown.to))} download="">
            {t('urls.downloadCsv')}
          </a>
        ) : null}
      </form>
      {bad && !shown ? (
        <p class="error" role="alert">
          {t('urls.badPeriod')}
        </p>
      ) : null}
      {state === 'loading' ? (
        <p class="muted" role="status">
          {t('urls.loading')}
        </p>
      ) : 'error' in state ? (
        <p class="error" role="alert">
          {state.error}
        </p>
      ) : (
        <Figures s={state.s} platforms={platforms} />
      )}
    </div>
  );
}
