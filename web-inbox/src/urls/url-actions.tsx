import { useMemo, useState } from 'preact/hooks';
import { uid } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { reasonOf, recordAction, type UrlItemDetail } from './url-api.ts';
import { ACTION_KINDS, type UrlActionKind } from './url-codes.ts';
import { actionLabel, When } from './url-parts.tsx';

/** "2026-03-04T10:30" in the browser's zone (what a datetime-local input holds) for a moment. */
const localInput = (d: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** What was done, oldest first: kind, when, who, the note. */
export function ActionTimeline({ detail }: { detail: UrlItemDetail }) {
  if (detail.actions.length === 0) return <p class="muted">{t('urls.noActions')}</p>;
  const actions = [...detail.actions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <ol class="url-actions">
      {actions.map((a) => (
        <li key={a.id} data-action={a.kind}>
          <span class="url-action-kind">{actionLabel(a.kind)}</span> <When iso={a.at} />
          {a.by ? <span class="muted"> · {t('urls.by', { name: a.by.name })}</span> : null}
          {a.note ? <p class="url-action-note">{a.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/** Record an action: kind, an optional note, when (empty: now). The server refuses the future. */
export function RecordAction({ detail, onRecorded }: { detail: UrlItemDetail; onRecorded(d: UrlItemDetail): void }) {
  const id = useMemo(() => uid('url-action'), []);
  const [kind, setKind] = useState<UrlActionKind>('reported_to_platform');
  const [note, setNote] = useState('');
  const [when, setWhen] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async () => {
    setBusy(true);
    setSaid(null);
    try {
      const at = when ? new Date(when) : null;
      const d = await recordAction(detail.id, {
        kind,
        ...(note.trim() && { note: note.trim() }),
        ...(at && !Number.isNaN(at.getTime()) && { at: at.toISOString() }),
      });
      setNote('');
      setWhen('');
      setSaid({ ok: true, text: t('urls.recorded') });
      onRecorded(d);
    } catch (err) {
      setSaid({ ok: false, text: t('urls.saveFailed', { reason: reasonOf(err) }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="url-record-action"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${id}-title`}>{t('urls.recordAction')}</h3>
      <div class="field">
        <label for={`${id}-kind`}>{t('urls.kind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.currentTarget.value as UrlActionKind)}>
          {ACTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {actionLabel(k)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-when`}>{t('urls.when')}</label>
        <input
          id={`${id}-when`}
          type="datetime-local"
          value={when}
          max={localInput(new Date())}
          aria-describedby={`${id}-when-hint`}
          onInput={(e) => setWhen(e.currentTarget.value)}
        />
        <p class="hint muted" id={`${id}-when-hint`}>
          {t('urls.whenHint')}
        </p>
      </div>
      <div class="field">
        <label for={`${id}-note`}>{t('urls.note')}</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          maxLength={5000}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('urls.record')}
        </button>
        {said ? (
          <span class={said.ok ? 'notice' : 'error'} role={said.ok ? 'status' : 'alert'}>
            {said.text}
          </span>
        ) : null}
      </div>
    </form>
  );
}
