import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { uid } from '../dom.ts';
import { shortTime } from '../format.ts';
import { t } from '../i18n/index.ts';
import { navigate, routeClick } from '../shell/router.ts';
import { listUrls, type PlatformView, reasonOf, type UrlItemView, urlExportHref } from './url-api.ts';
import { ASSESSMENTS, OTHER_PLATFORM, STATUS_FILTERS } from './url-codes.ts';
import { onUrlEvent } from './url-live.ts';
import { assessmentLabel, platformLabel, statusLabel, UrlBadges } from './url-parts.tsx';
import { matchesFilters, type UrlFilters, urlsRouteHref } from './url-routes.ts';

interface FilterFormProps {
  filters: UrlFilters;
  platforms: PlatformView[];
  onApply(f: UrlFilters): void;
}

/** The list's filters; applying them changes the address (the list follows the address). */
function FilterForm({ filters, platforms, onApply }: FilterFormProps) {
  const id = useMemo(() => uid('url-filter'), []);
  const [f, setF] = useState<UrlFilters>(filters);
  useEffect(() => setF(filters), [filters]);
  const set = <K extends keyof UrlFilters>(k: K, v: string) => setF((x) => ({ ...x, [k]: v || undefined }));
  const choice = (k: 'assessment' | 'platform' | 'status', options: { value: string; label: string }[]) => (
    <div class="field">
      <label for={`${id}-${k}`}>{t(`urls.${k}`)}</label>
      <select id={`${id}-${k}`} value={f[k] ?? ''} onChange={(e) => set(k, e.currentTarget.value)}>
        <option value="">{t('urls.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    // biome-ignore lint/a11y/useSemanticElements: the search landmark on the form itself, as the case list has it
    <form
      class="url-filters"
      role="search"
      aria-label={t('urls.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onApply({ ...f, q: f.q?.trim() || undefined });
      }}
    >
      {choice('assessment', [
        { value: 'none', label: assessmentLabel(null) },
        ...ASSESSMENTS.map((a) => ({ value: a, label: assessmentLabel(a) })),
      ])}
      {choice('platform', [
        ...platforms.map((p) => ({ value: p.code, label: p.name })),
        { value: OTHER_PLATFORM, label: t('urls.other') },
      ])}
      {choice(
        'status',
        STATUS_FILTERS.map((s) => ({ value: s, label: statusLabel(s) })),
      )}
      <div class="field">
        <label for={`${id}-q`}>{t('urls.q')}</label>
        <input id={`${id}-q`} type="search" value={f.q ?? ''} onInput={(e) => set('q', e.currentTarget.value)} />
      </div>
      <div class="actions">
        <button type="submit" class="primary">
          {t('urls.show')}
        </button>
        <button type="button" onClick={() => onApply({})}>
          {t('urls.clear')}
        </button>
      </div>
    </form>
  );
}

function UrlRow({ u }: { u: UrlItemView }) {
  const to = { name: 'url', id: u.id } as const;
  return (
    <tr data-url-id={u.id}>
      <td class="url-cell">
        <code class="url-text" translate={false}>
          {u.url}
        </code>
        <UrlBadges u={u} />
      </td>
      <td>{platformLabel(u.platform, u.platformName)}</td>
      <td data-assessment={u.assessment ?? 'none'}>{assessmentLabel(u.assessment)}</td>
      <td class="num">{u.reportCount}</td>
      <td>
        <time dateTime={u.lastReportedAt}>{shortTime(u.lastReportedAt)}</time>
      </td>
      <td>
        <a
          class="open-url"
          href={urlsRouteHref(to)}
          aria-label={`${t('urls.openItem')}: ${u.hostUnicode}`}
          onClick={(ev) => routeClick(ev, to)}
        >
          {t('urls.openItem')}
        </a>
      </td>
    </tr>
  );
}

interface UrlListProps {
  filters: UrlFilters;
  platforms: PlatformView[];
  /** Supervisors and admins: the partners' export of what the filters select. */
  canExport: boolean;
}

/** The links, newest report first, paged on ("load more"), kept current by the url:* pushes. */
export function UrlList({ filters, platforms, canExport }: UrlListProps) {
  const [items, setItems] = useState<UrlItemView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | { error: string }>('loading');
  const seq = useRef(0);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  const load = async (cursor: string | null) => {
    const mine = ++seq.current;
    setState('loading');
    try {
      const page = await listUrls(filtersRef.current, cursor);
      if (mine !== seq.current) return;
      setItems((before) =>
        cursor ? [...before, ...page.items.filter((u) => !before.some((b) => b.id === u.id))] : page.items,
      );
      setNext(page.nextCursor);
      setState('ready');
    } catch (err) {
      if (mine === seq.current) setState({ error: t('urls.loadFailed', { reason: reasonOf(err) }) });
    }
  };
  useEffect(() => void load(null), [filters]);

  useEffect(
    () =>
      onUrlEvent((e) => {
        if (e.type === 'resync') return void load(null);
        if (e.type === 'hidden') return setItems((list) => list.filter((u) => u.id !== e.id));
        const u = e.url;
        const fits = matchesFilters(u, filtersRef.current);
        // Newest report first: a new item or a new report puts it on top.
        const toTop = e.type === 'created' || e.changed.includes('reports');
        setItems((list) => {
          const rest = list.filter((x) => x.id !== u.id);
          if (rest.length === list.length) return fits && toTop ? [u, ...list] : list;
          return toTop ? [u, ...rest] : list.map((x) => (x.id === u.id ? u : x));
        });
      }),
    [],
  );

  return (
    <div class="url-list">
      <FilterForm filters={filters} platforms={platforms} onApply={(f) => navigate({ name: 'urls', filters: f })} />
      {canExport ? (
        <p class="url-export">
          <a class="button small" href={urlExportHref(filters, 'csv')} download="">
            {t('urls.exportCsv')}
          </a>{' '}
          <a class="button small" href={urlExportHref(filters, 'json')} download="">
            {t('urls.exportJson')}
          </a>{' '}
          <span class="muted">{t('urls.exportHint')}</span>
        </p>
      ) : null}
      {typeof state === 'object' ? (
        <p class="error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state === 'ready' && items.length === 0 ? <p class="muted">{t('urls.empty')}</p> : null}
      {items.length > 0 ? (
        <table class="url-table">
          <thead>
            <tr>
              <th scope="col">{t('urls.link')}</th>
              <th scope="col">{t('urls.platform')}</th>
              <th scope="col">{t('urls.assessment')}</th>
              <th scope="col">{t('urls.reports')}</th>
              <th scope="col">{t('urls.lastReported')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('urls.openItem')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <UrlRow key={u.id} u={u} />
            ))}
          </tbody>
        </table>
      ) : null}
      {state === 'loading' ? (
        <p class="muted" role="status">
          {t('urls.loading')}
        </p>
      ) : null}
      {next && state === 'ready' ? (
        <button type="button" class="url-more" onClick={() => void load(next)}>
          {t('urls.more')}
        </button>
      ) : null}
    </div>
  );
}
