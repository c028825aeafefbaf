import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { uid } from '../dom.ts';
import { fullTime } from '../format.ts';
import { t } from '../i18n/index.ts';
import { routeClick } from '../shell/router.ts';
import { routeHref } from '../shell/routes.ts';
import { spanText } from '../sla-clock.ts';
import { ActionTimeline, RecordAction } from './url-actions.tsx';
import { getUrl, type PlatformView, patchUrl, reasonOf, type UrlItemDetail, type UrlItemView } from './url-api.ts';
import { ASSESSMENTS, OTHER_PLATFORM } from './url-codes.ts';
import { onUrlEvent } from './url-live.ts';
import { assessmentLabel, countryLabel, platformLabel, UrlBadges, UrlText, When } from './url-parts.tsx';

type Patch = Parameters<typeof patchUrl>[1];

/** The countries hosting most of what such hotlines report, offered first; any ISO code may be typed. */
const COMMON_COUNTRIES = ['RS', 'BA', 'HR', 'ME', 'MK', 'DE', 'NL', 'FR', 'GB', 'IE', 'US', 'CA', 'RU', 'UA', 'SG'];

interface FactsProps {
  d: UrlItemDetail;
  platforms: PlatformView[];
  busy: boolean;
  onPatch(p: Patch): void;
}

/** Platform, hosting country and assessment, each editable; counts and dates beside them. */
function Facts({ d, platforms, busy, onPatch }: FactsProps) {
  const id = useMemo(() => uid('url-facts'), []);
  const [country, setCountry] = useState(d.hostingCountry ?? '');
  useEffect(() => setCountry(d.hostingCountry ?? ''), [d.hostingCountry]);
  const listed = platforms.some((p) => p.code === d.platform) || d.platform === OTHER_PLATFORM;
  const removedAfter = d.removedAt
    ? Math.max(0, Math.round((Date.parse(d.removedAt) - Date.parse(d.firstReportedAt)) / 60_000))
    : null;
  return (
    <div class="url-facts">
      <div class="field">
        <label for={`${id}-assessment`}>{t('urls.assessment')}</label>
        <select
          id={`${id}-assessment`}
          data-field="assessment"
          disabled={busy}
          value={d.assessment ?? ''}
          onChange={(e) => onPatch({ assessment: (e.currentTarget.value || null) as Patch['assessment'] })}
        >
          <option value="">{assessmentLabel(null)}</option>
          {ASSESSMENTS.map((a) => (
            <option key={a} value={a}>
              {assessmentLabel(a)}
            </option>
          ))}
        </select>
        {d.assessedBy && d.assessedAt ? (
          <p class="muted">{t('urls.assessedBy', { name: d.assessedBy.name, time: fullTime(d.assessedAt) })}</p>
        ) : null}
      </div>
      <div class="field">
        <label for={`${id}-platform`}>{t('urls.platform')}</label>
        <select
          id={`${id}-platform`}
          data-field="platform"
          disabled={busy}
          value={d.platform}
          onChange={(e) => onPatch({ platform: e.currentTarget.value })}
        >
          {platforms.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
          {listed ? null : <option value={d.platform}>{platformLabel(d.platform, d.platformName)}</option>}
          <option value={OTHER_PLATFORM}>{t('urls.other')}</option>
        </select>
      </div>
      <form
        class="field url-country"
        onSubmit={(e) => {
          e.preventDefault();
          onPatch({ hostingCountry: country.trim() ? country.trim().toUpperCase() : null });
        }}
      >
        <label for={`${id}-country`}>{t('urls.hostingCountry')}</label>
        <div class="inline">
          <input
            id={`${id}-country`}
            data-field="hostingCountry"
            size={4}
            maxLength={2}
            list={`${id}-countries`}
            autocomplete="off"
            aria-describedby={`${id}-country-hint`}
            value={country}
            onInput={(e) => setCountry(e.currentTarget.value)}
          />
          <button type="submit" class="small" disabled={busy}>
            {t('urls.save')}
          </button>
          <span>{countryLabel(d.hostingCountry)}</span>
        </div>
        <datalist id={`${id}-countries`}>
          {COMMON_COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {countryLabel(c)}
            </option>
          ))}
        </datalist>
        <p class="hint muted" id={`${id}-country-hint`}>
          {t('urls.countryHint')}
        </p>
      </form>
      <dl class="url-dates">
        <dt>{t('urls.reports')}</dt>
        <dd data-figure="reports">{d.reportCount}</dd>
        <dt>{t('urls.firstReported')}</dt>
        <dd>
          <When iso={d.firstReportedAt} />
        </dd>
        <dt>{t('urls.lastReported')}</dt>
        <dd>
          <When iso={d.lastReportedAt} />
        </dd>
        {d.reminderDueAt ? (
          <>
            <dt>{t('urls.reminder')}</dt>
            <dd data-reminder={d.overdue ? 'overdue' : 'due'}>
              <When iso={d.reminderDueAt} />
              {d.overdue ? <span class="badge url-overdue">{t('urls.overdue')}</span> : null}
            </dd>
          </>
        ) : null}
        {removedAfter !== null ? (
          <>
            <dt>{t('urls.removedItems')}</dt>
            <dd data-removed-after={removedAfter}>{t('urls.removedAfter', { span: spanText(removedAfter) })}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

/** Where the platform takes reports (the admins' list), as text like the link itself. */
function WhereToReport({ d }: { d: UrlItemDetail }) {
  const p = d.platformInfo;
  if (!p || (!p.abuseUrl && !p.abuseEmail)) return null;
  return (
    <section class="url-where">
      <h3>{t('urls.whereToReport')}</h3>
      {p.abuseUrl ? <UrlText url={p.abuseUrl} /> : null}
      {p.abuseEmail ? <UrlText url={p.abuseEmail} /> : null}
    </section>
  );
}

/** The cases the link came from, once each, as links to the cases (every role here may open a case). */
function ReportingCases({ d }: { d: UrlItemDetail }) {
  const refs = [...new Set(d.reports.map((r) => r.caseReference))];
  return (
    <section class="url-cases">
      <h3>{t('urls.cases')}</h3>
      <ul>
        {refs.map((ref) => {
          const to = { name: 'case', ref } as const;
          return (
            <li key={ref}>
              <a href={routeHref(to)} onClick={(ev) => routeClick(ev, to)}>
                {ref}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

type State = { name: 'loading' } | { name: 'ready'; d: UrlItemDetail } | { name: 'gone'; text: string };

/** One link: the text with a copy button, its facts and edits, the cases, the actions. Live. */
export function UrlDetail({ id, platforms, role }: { id: string; platforms: PlatformView[]; role: string }) {
  const [state, setState] = useState<State>({ name: 'loading' });
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const seq = useRef(0);

  const load = async () => {
    const mine = ++seq.current;
    try {
      const d = await getUrl(id);
      if (mine === seq.current) setState({ name: 'ready', d });
    } catch (err) {
      if (mine !== seq.current) return;
      const text =
        err instanceof ApiError && err.status === 404
          ? t('urls.notFound')
          : t('urls.loadFailed', { reason: reasonOf(err) });
      setState({ name: 'gone', text });
    }
  };
  useEffect(() => {
    setState({ name: 'loading' });
    setSaid(null);
    void load();
    return onUrlEvent((e) => {
      if (e.type === 'resync') return void load();
      if (e.type === 'hidden') {
        if (e.id === id) setState({ name: 'gone', text: t('urls.hiddenNow') });
        return;
      }
      if (e.url.id !== id) return;
      // Reports and actions are not in the push: fetch them; the rest is in it.
      if (e.type === 'updated' && (e.changed.includes('actions') || e.changed.includes('reports'))) return void load();
      setState((s) => (s.name === 'ready' ? { name: 'ready', d: { ...s.d, ...e.url } } : s));
    });
  }, [id]);

  const merge = (u: UrlItemView) => {
    // A counselor who assessed it as abuse material may no longer see it.
    if (u.restricted && role === 'counselor') return setState({ name: 'gone', text: t('urls.hiddenNow') });
    setState((s) => (s.name === 'ready' ? { name: 'ready', d: { ...s.d, ...u } } : s));
  };
  const patch = async (p: Patch) => {
    setBusy(true);
    setSaid(null);
    try {
      merge(await patchUrl(id, p));
      setSaid({ ok: true, text: t('urls.saved') });
    } catch (err) {
      setSaid({ ok: false, text: t('urls.saveFailed', { reason: reasonOf(err) }) });
    } finally {
      setBusy(false);
    }
  };

  if (state.name === 'loading') return <p class="muted">{t('urls.loading')}</p>;
  if (state.name === 'gone')
    return (
      <p class="error" role="alert">
        {state.text}
      </p>
    );
  const d = state.d;
  return (
    <article class="url-detail" data-url-id={d.id} aria-label={d.hostUnicode}>
      <UrlText url={d.url} host={d.host} hostUnicode={d.hostUnicode} />
      <p class="muted url-never">{t('urls.neverOpened')}</p>
      <UrlBadges u={d} />
      {said ? (
        <p class={said.ok ? 'notice' : 'error'} role={said.ok ? 'status' : 'alert'}>
          {said.text}
        </p>
      ) : null}
      <div class="url-detail-grid">
        <div>
          <Facts d={d} platforms={platforms} busy={busy} onPatch={(p) => void patch(p)} />
          <WhereToReport d={d} />
          <ReportingCases d={d} />
        </div>
        <section class="url-timeline">
          <h3>{t('urls.actions')}</h3>
          <ActionTimeline detail={d} />
          <RecordAction detail={d} onRecorded={(next) => setState({ name: 'ready', d: next })} />
        </section>
      </div>
    </article>
  );
}
