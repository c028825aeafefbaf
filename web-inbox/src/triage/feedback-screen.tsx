import '../reports/reports.css';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { uid } from '../dom.ts';
import { fullTime } from '../format.ts';
import { t } from '../i18n/index.ts';
import { label } from '../i18n/labels.ts';
import { modal } from '../phone-dialog.ts';
import { routeClick } from '../shell/router.ts';
import { routeHref } from '../shell/routes.ts';
import { type FeedbackFilter, type FeedbackItem, type FeedbackPage, TRIAGE_MARKS, triageApi } from './triage-api.ts';
import { markLabel } from './triage-mark.tsx';

const PAGE = 50;

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

function Filters({ onApply }: { onApply(f: FeedbackFilter): void }) {
  const id = useMemo(() => uid('triage-filter'), []);
  const [f, setF] = useState<FeedbackFilter>({});
  return (
    <form
      class="reports-period"
      aria-label={t('triage.filterMark')}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(f);
      }}
    >
      <div class="field">
        <label for={`${id}-mark`}>{t('triage.filterMark')}</label>
        <select
          id={`${id}-mark`}
          value={f.mark ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setF({ ...f, mark: TRIAGE_MARKS.find((m) => m === v) });
          }}
        >
          <option value="">{t('triage.allMarks')}</option>
          {TRIAGE_MARKS.map((m) => (
            <option key={m} value={m}>
              {markLabel(m)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-from`}>{t('triage.from')}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={f.from ?? ''}
          onInput={(e) => setF({ ...f, from: e.currentTarget.value || undefined })}
        />
      </div>
      <div class="field">
        <label for={`${id}-to`}>{t('triage.to')}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={f.to ?? ''}
          onInput={(e) => setF({ ...f, to: e.currentTarget.value || undefined })}
        />
      </div>
      <button type="submit" class="primary">
        {t('triage.show')}
      </button>
    </form>
  );
}

function Row({ m }: { m: FeedbackItem }) {
  const to = { name: 'case', ref: m.reference } as const;
  return (
    <tr data-feedback-id={m.id} data-reference={m.reference}>
      <th scope="row">
        <a href={routeHref(to)} onClick={(ev) => routeClick(ev, to)}>
          {m.reference}
        </a>
      </th>
      <td data-mark={m.mark}>{markLabel(m.mark)}</td>
      <td>
        {label('priority', m.priorityAtMark)} → {label('priority', m.priority)}
      </td>
      <td>{m.by.name ?? '—'}</td>
      <td>
        <time dateTime={m.at}>{fullTime(m.at)}</time>
      </td>
    </tr>
  );
}

/**
 * Supervisors' and admins' list of counselors' triage marks (GET /api/triage/feedback), newest first:
 * the case by its reference (opened from here), the mark, the priority then and now, who and when.
 * The case's words are not here: reading them means opening the case (audited).
 */
export function FeedbackScreen() {
  const [filter, setFilter] = useState<FeedbackFilter>({});
  const [page, setPage] = useState<FeedbackPage | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | { error: string }>('loading');
  const load = async (f: FeedbackFilter, cursor: string | null) => {
    setState('loading');
    try {
      const next = await triageApi.list(f, cursor, PAGE);
      setPage((before) => (cursor && before ? { ...next, items: [...before.items, ...next.items] } : next));
      setState('ready');
    } catch (err) {
      setState({ error: t('triage.loadFailed', { reason: reasonOf(err) }) });
    }
  };
  useEffect(() => void load(filter, null), [filter]);
  return (
    <div class="reports-screen triage-feedback">
      <Filters onApply={setFilter} />
      {page ? (
        <p class="triage-counts" role="status">
          {TRIAGE_MARKS.map((m) => t('triage.count', { mark: markLabel(m), n: page.counts[m] ?? 0 })).join(' · ')}
        </p>
      ) : null}
      {typeof state === 'object' ? (
        <p class="error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state === 'ready' && page?.items.length === 0 ? <p class="muted">{t('triage.empty')}</p> : null}
      {page && page.items.length > 0 ? (
        <table class="reports-table">
          <caption>{t('triage.listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('triage.colCase')}</th>
              <th scope="col">{t('triage.colMark')}</th>
              <th scope="col">{t('triage.colPriority')}</th>
              <th scope="col">{t('triage.colWho')}</th>
              <th scope="col">{t('triage.colWhen')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((m) => (
              <Row key={m.id} m={m} />
            ))}
          </tbody>
        </table>
      ) : null}
      {state === 'loading' ? <p class="muted">{t('triage.loading')}</p> : null}
      {page?.next && state === 'ready' ? (
        <button type="button" onClick={() => void load(filter, page.next)}>
          {t('triage.more')}
        </button>
      ) : null}
    </div>
  );
}

/** As the inbox's other screens: a dialog the router can close on Back (shell/screens.ts opens it). */
export function openTriageFeedback(): HTMLDialogElement {
  const { dialog, body } = modal(t('triage.listTitle'), 'reports-dialog triage-feedback-dialog');
  render(<FeedbackScreen />, body);
  dialog.addEventListener('close', () => render(null, body));
  return dialog;
}
