import './search.css';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { uid } from '../dom.ts';
import { shortTime } from '../format.ts';
import { isKey, t } from '../i18n/index.ts';
import { label } from '../i18n/labels.ts';
import { navigate, route, routeClick } from '../shell/router.ts';
import { routeHref } from '../shell/routes.ts';
import { Highlighted } from './highlight.tsx';
import type { SearchResult } from './search-api.ts';
import { SearchFilters } from './search-filters.tsx';
import type { SearchModel } from './search-model.ts';

/** Where the words were found, in the counselor's language (a message field the inbox does not know: "case details"). */
function foundIn(where: string): string {
  const key = `search.in_${where}`;
  return t('search.foundIn', { where: isKey(key) ? t(key) : t('search.in_other') });
}

/** One case found: a link to it (a new tab, a copied link work too), the snippet with the matched words marked. */
function ResultRow({ r, selected }: { r: SearchResult; selected: boolean }) {
  const to = { name: 'case', ref: r.reference } as const;
  return (
    <li>
      <a
        class={`search-result status-${r.status} priority-${r.priority}`}
        href={routeHref(to)}
        data-reference={r.reference}
        data-case-id={r.caseId}
        aria-current={selected ? 'true' : undefined}
        onClick={(ev) => routeClick(ev, to)}
      >
        <span class="row-top">
          <span class="reference">{r.reference}</span>
          <span class="channel">{label('channel', r.channel)}</span>
          <span class="who">{r.contactName ?? t('app.unknownContact')}</span>
          <time class="when" dateTime={r.createdAt}>
            {shortTime(r.createdAt)}
          </time>
        </span>
        <span class="snippet">
          <Highlighted text={r.snippet} ranges={r.highlights} />
        </span>
        <span class="badges">
          <span class={`badge status status-${r.status}`}>{label('status', r.status)}</span>
          <span class={`badge priority priority-${r.priority}`}>{label('priority', r.priority)}</span>
          <span class="badge category">{r.category ? label('category', r.category) : t('app.noCategory')}</span>
          {r.matchedIn && <span class="found-in">{foundIn(r.matchedIn)}</span>}
        </span>
      </a>
    </li>
  );
}

/** "Save as a view": a name, then the search is the counselor's own (the server keeps it). */
function SaveView({ model }: { model: SearchModel }) {
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const id = useMemo(() => uid('view-name'), []);
  if (model.saved.value === null) return null;
  if (!naming)
    return (
      <button type="button" class="small save-view" onClick={() => setNaming(true)}>
        {t('search.saveView')}
      </button>
    );
  return (
    <form
      class="save-view-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!name.trim()) return;
        void model.saveAs(name.trim()).then((ok) => {
          if (!ok) return;
          setNaming(false);
          setName('');
        });
      }}
    >
      <label for={id}>{t('search.viewName')}</label>
      <input
        id={id}
        type="text"
        maxlength={100}
        required
        value={name}
        onInput={(ev) => setName(ev.currentTarget.value)}
      />
      <button type="submit" class="small primary">
        {t('search.save')}
      </button>
      <button type="button" class="small" onClick={() => setNaming(false)}>
        {t('search.cancel')}
      </button>
    </form>
  );
}

function SavedSearches({ model }: { model: SearchModel }) {
  const saved = model.saved.value;
  if (!saved?.length) return null;
  return (
    <nav class="saved-searches" aria-label={t('search.savedViews')}>
      <h3>{t('search.savedViews')}</h3>
      <ul>
        {saved.map((s) => (
          <li key={s.id}>
            <button type="button" class="link saved-search" onClick={() => model.openSaved(s)}>
              {s.name}
            </button>
            <button
              type="button"
              class="tag-remove"
              aria-label={t('search.removeView', { name: s.name })}
              title={t('search.removeView', { name: s.name })}
              onClick={() => void model.removeSaved(s.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Results({ model }: { model: SearchModel }) {
  const r = route.value;
  const open = r.name === 'case' ? r.ref : null;
  const state = model.state.value;
  const rows = model.results.value;
  const status = (text: string, cls = 'muted') => (
    <p class={cls} role={cls === 'error' ? 'alert' : 'status'}>
      {text}
    </p>
  );
  if (state === 'empty') return status(t('search.empty'));
  if (state === 'error') return status(model.error.value ?? '', 'error');
  if (state === 'loading' && rows.length === 0) return status(t('search.searching'));
  const busy = model.loadingMore.value;
  return (
    <>
      <div class="results-head">
        <p class="muted" role="status">
          {state === 'loading'
            ? t('search.searching')
            : rows.length
              ? t('search.shown', { n: rows.length })
              : t('search.noResults')}
        </p>
        <SaveView model={model} />
      </div>
      {model.savedNotice.value && (
        <p class="muted saved-notice" role="status">
          {model.savedNotice.value}
        </p>
      )}
      <ol class="search-results" aria-label={t('search.results')} aria-busy={state === 'loading'}>
        {rows.map((x) => (
          <ResultRow key={x.caseId} r={x} selected={open === x.reference || open === x.caseId} />
        ))}
      </ol>
      {model.error.value && status(model.error.value, 'error')}
      {model.nextCursor.value && (
        <button type="button" class="load-more" disabled={busy} onClick={() => void model.loadMore()}>
          {t(busy ? 'app.loading' : 'search.more')}
        </button>
      )}
    </>
  );
}

/**
 * The search screen, in the list's place: the box, the filters, the order, the cases found. Opening
 * one shows it beside the results (/cases/:reference); closing it returns here.
 */
export function SearchScreen({ model }: { model: SearchModel }) {
  const ids = useMemo(() => ({ title: uid('search-title'), box: uid('search-box'), sort: uid('search-sort') }), []);
  const box = useRef<HTMLInputElement>(null);
  const focus = model.focusBox.value;
  useLayoutEffect(() => {
    if (focus) box.current?.focus();
  }, [focus]);
  const p = model.params.value;
  return (
    <section class="search-screen" aria-labelledby={ids.title}>
      <header class="search-head">
        <div class="search-title-row">
          <h2 id={ids.title}>{t('search.title')}</h2>
          <button
            type="button"
            class="close"
            aria-label={t('search.close')}
            title={t('search.close')}
            onClick={() => navigate({ name: 'inbox', view: null })}
          >
            ×
          </button>
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form is the same landmark as a <search> around it */}
        <form
          role="search"
          class="search"
          onSubmit={(ev) => {
            ev.preventDefault();
            model.submit();
          }}
        >
          <label for={ids.box}>{t('search.box')}</label>
          <div class="search-box-row">
            <input
              ref={box}
              type="search"
              id={ids.box}
              data-search-box=""
              autocomplete="off"
              maxlength={200}
              placeholder={t('search.hint')}
              value={model.text.value}
              onInput={(ev) => {
                model.text.value = ev.currentTarget.value;
              }}
            />
            <button type="submit" class="primary">
              {t('search.submit')}
            </button>
          </div>
        </form>
        <SearchFilters model={model} />
        <div class="field sort-field">
          <label for={ids.sort}>{t('search.sort')}</label>
          <select
            id={ids.sort}
            value={p.sort}
            onChange={(ev) => model.setSort(ev.currentTarget.value === 'newest' ? 'newest' : 'relevance')}
          >
            <option value="relevance">{t('search.sortRelevance')}</option>
            <option value="newest">{t('search.sortNewest')}</option>
          </select>
        </div>
        <SavedSearches model={model} />
      </header>
      <div class="search-body">
        <Results model={model} />
      </div>
    </section>
  );
}
