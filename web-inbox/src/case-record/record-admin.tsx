import './record.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { t } from '../i18n/index.ts';
import { modal } from '../phone-dialog.ts';
import { fieldLabel } from './close-refusal.ts';
import { DESCRIPTION_FIELDS, type DescriptionField, loadRecordLists, recordApi } from './record-api.ts';

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/**
 * Admins choose which of the case record's fields a case needs before it can be closed
 * (PUT /api/record/settings, audited by the server). The category is always required.
 */
export function RecordAdmin() {
  const [chosen, setChosen] = useState<Set<DescriptionField> | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    recordApi.settings().then(
      (s) => setChosen(new Set(s.requiredForClose)),
      (err) => setNote({ text: t('record.adminLoadFailed', { reason: reasonOf(err) }), error: true }),
    );
  }, []);
  const save = async () => {
    if (!chosen) return;
    setBusy(true);
    setNote(null);
    try {
      const s = await recordApi.setRequired(DESCRIPTION_FIELDS.filter((f) => chosen.has(f)));
      setChosen(new Set(s.requiredForClose));
      setNote({ text: t('record.adminSaved'), error: false });
      // The open case marks what is required from the fresh settings.
      void loadRecordLists(true);
    } catch (err) {
      setNote({ text: t('record.adminRefused', { reason: reasonOf(err) }), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="record-admin"
      onSubmit={(ev) => {
        ev.preventDefault();
        void save();
      }}
    >
      <p class="muted">{t('record.adminHint')}</p>
      <fieldset disabled={!chosen || busy}>
        <legend>{t('record.adminTitle')}</legend>
        {DESCRIPTION_FIELDS.map((f) => (
          <label key={f} class="record-check">
            <input
              type="checkbox"
              name={f}
              checked={chosen?.has(f) ?? false}
              onChange={(ev) => {
                const next = new Set(chosen);
                if (ev.currentTarget.checked) next.add(f);
                else next.delete(f);
                setChosen(next);
              }}
            />{' '}
            {fieldLabel(f)}
          </label>
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" disabled={!chosen || busy}>
          {t('record.adminSave')}
        </button>
      </div>
      {note ? (
        <p class={note.error ? 'error' : 'notice'} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      ) : null}
    </form>
  );
}

/** As the inbox's other screens: a dialog the router can close on Back (shell/screens.ts opens it). */
export function openRecordAdmin(): HTMLDialogElement {
  const { dialog, body } = modal(t('record.adminTitle'), 'record-admin-dialog');
  render(<RecordAdmin />, body);
  dialog.addEventListener('close', () => render(null, body));
  return dialog;
}
