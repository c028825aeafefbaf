import './outreach.css';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { uid } from '../dom.ts';
import { locale, t } from '../i18n/index.ts';
import { modal } from '../phone-dialog.ts';
import { ActivityForm } from './activity-form.tsx';
import { CsvImport } from './csv-import.tsx';
import { type ActivityFilter, listActivities, type OutreachActivity } from './outreach-api.ts';
import { AUDIENCE_CODES, audienceLabel, institutionKindLabel, KIND_CODES, kindLabel } from './outreach-codes.ts';

const PAGE = 50;

function AudienceCell({ a }: { a: OutreachActivity }) {
  const parts = AUDIENCE_CODES.filter((k) => a.audience[k] > 0).map(
    (k) => `${audienceLabel(k)} ${a.audience[k].toLocaleString(locale())}`,
  );
  return <td>{parts.join(', ')}</td>;
}

function Filters({ onApply }: { onApply(f: ActivityFilter): void }) {
  const id = useMemo(() => uid('outreach-filter'), []);
  const [f, setF] = useState<ActivityFilter>({});
  const set = (k: keyof ActivityFilter, v: string) => setF((x) => ({ ...x, [k]: v || undefined }));
  const text = (k: 'municipality' | 'institution') => (
    <div class="field">
      <label for={`${id}-${k}`}>{t(`outreach.${k}`)}</label>
      <input id={`${id}-${k}`} type="search" value={f[k] ?? ''} onInput={(e) => set(k, e.currentTarget.value)} />
    </div>
  );
  return (
    // biome-ignore lint/a11y/useSemanticElements: the search landmark on the form itself, as the case list has it
    <form
      class="outreach-filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(f);
      }}
    >
      <div class="field">
        <label for={`${id}-from`}>{t('outreach.from')}</label>
        <input id={`${id}-from`} type="date" value={f.from ?? ''} onInput={(e) => set('from', e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={`${id}-to`}>{t('outreach.to')}</label>
        <input id={`${id}-to`} type="date" value={f.to ?? ''} onInput={(e) => set('to', e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={`${id}-kind`}>{t('outreach.kind')}</label>
        <select id={`${id}-kind`} value={f.kind ?? ''} onChange={(e) => set('kind', e.currentTarget.value)}>
          <option value="">{t('outreach.allKinds')}</option>
          {KIND_CODES.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </select>
      </div>
      {text('municipality')}
      {text('institution')}
      <div class="actions">
        <button type="submit">{t('outreach.show')}</button>
        <button
          type="button"
          onClick={() => {
            setF({});
            onApply({});
          }}
        >
          {t('outreach.clear')}
        </button>
      </div>
    </form>
  );
}

type Panel = { name: 'none' } | { name: 'form'; activity: OutreachActivity | null } | { name: 'import' };

/** The register: filter, list (newest first, paged), record, correct, import. */
export function OutreachScreen() {
  const [filter, setFilter] = useState<ActivityFilter>({});
  const [items, setItems] = useState<OutreachActivity[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | string>('loading');
  const [panel, setPanel] = useState<Panel>({ name: 'none' });
  const [notice, setNotice] = useState<string | null>(null);

  const load = async (f: ActivityFilter, cursor: string | null) => {
    setState('loading');
    try {
      const page = await listActivities(f, cursor, PAGE);
      setItems((before) => (cursor ? [...before, ...page.items] : page.items));
      setNext(page.next);
      setState('ready');
    } catch (err) {
      setState(
        t('outreach.loadFailed', {
          reason: err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : String(err),
        }),
      );
    }
  };
  useEffect(() => void load(filter, null), [filter]);

  const saved = (a: OutreachActivity) => {
    setPanel({ name: 'none' });
    setNotice(t('outreach.saved'));
    setItems((list) => (list.some((x) => x.id === a.id) ? list.map((x) => (x.id === a.id ? a : x)) : [a, ...list]));
  };

  return (
    <div class="outreach-screen">
      <div class="outreach-toolbar">
        <button type="button" class="primary" onClick={() => setPanel({ name: 'form', activity: null })}>
          {t('outreach.add')}
        </button>
        <button type="button" onClick={() => setPanel({ name: 'import' })}>
          {t('outreach.importOpen')}
        </button>
      </div>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {panel.name === 'form' ? (
        <ActivityForm
          key={panel.activity?.id ?? 'new'}
          activity={panel.activity}
          onSaved={saved}
          onCancel={() => setPanel({ name: 'none' })}
        />
      ) : null}
      {panel.name === 'import' ? (
        <CsvImport
          onImported={(n) => {
            setNotice(t('outreach.imported', { n }));
            setFilter({ ...filter });
          }}
        />
      ) : null}
      <Filters onApply={setFilter} />
      {state !== 'ready' && state !== 'loading' ? (
        <p class="error" role="alert">
          {state}
        </p>
      ) : null}
      {state === 'ready' && items.length === 0 ? <p class="muted">{t('outreach.empty')}</p> : null}
      {items.length > 0 ? (
        <table class="outreach-table">
          <thead>
            <tr>
              <th scope="col">{t('outreach.date')}</th>
              <th scope="col">{t('outreach.kind')}</th>
              <th scope="col">{t('outreach.institution')}</th>
              <th scope="col">{t('outreach.audience')}</th>
              <th scope="col">{t('outreach.educators')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('outreach.correct')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} data-activity-id={a.id}>
                <td>{new Date(`${a.date}T12:00:00Z`).toLocaleDateString(locale())}</td>
                <td>{kindLabel(a.kind)}</td>
                <td>
                  {a.institution ? (
                    <>
                      {a.institution.name}
                      <span class="muted">
                        {' '}
                        · {institutionKindLabel(a.institution.kind)}
                        {a.institution.municipality ? ` · ${a.institution.municipality}` : ''}
                      </span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <AudienceCell a={a} />
                <td>{a.educators.join(', ')}</td>
                <td>
                  <button type="button" class="small" onClick={() => setPanel({ name: 'form', activity: a })}>
                    {t('outreach.correct')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {state === 'loading' ? <p class="muted">{t('outreach.loading')}</p> : null}
      {next && state === 'ready' ? (
        <button type="button" onClick={() => void load(filter, next)}>
          {t('outreach.more')}
        </button>
      ) : null}
    </div>
  );
}

/** As the inbox's other screens: a dialog the router can close on Back (shell/screens.ts opens it). */
export function openOutreachScreen(): HTMLDialogElement {
  const { dialog, body } = modal(t('outreach.title'), 'outreach-dialog');
  render(<OutreachScreen />, body);
  dialog.addEventListener('close', () => render(null, body));
  return dialog;
}
