import { useMemo, useState } from 'preact/hooks';
import { uid } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { closeDialogOf, Modal } from './modal.tsx';

export interface ReasonDialogProps {
  title: string;
  explain: string;
  label: string;
  hint?: string;
  /** A link needs a reason; a split may have one. */
  required: boolean;
  confirm: string;
  /** Makes the change; answers the refusal to show, or null when it was made. */
  onConfirm: (reason: string) => Promise<string | null>;
  onClose: () => void;
}

/** Asks for a reason (kept in the audit log) before a change to who is one person. */
export function ReasonDialog(p: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useMemo(() => ({ reason: uid('reason'), hint: uid('reason-hint') }), []);
  return (
    <Modal title={p.title} class="reason-dialog" onClose={p.onClose}>
      {() => (
        <form
          class="reason-form"
          onSubmit={async (ev) => {
            ev.preventDefault();
            const form = ev.currentTarget;
            if (p.required && !reason.trim()) return;
            setBusy(true);
            const refused = await p.onConfirm(reason.trim());
            setBusy(false);
            if (refused) setError(refused);
            else closeDialogOf(form);
          }}
        >
          <p>{p.explain}</p>
          <div class="field">
            <label for={ids.reason}>{p.label}</label>
            <textarea
              id={ids.reason}
              rows={3}
              maxlength={1000}
              required={p.required}
              aria-describedby={p.hint ? ids.hint : undefined}
              value={reason}
              onInput={(ev) => setReason(ev.currentTarget.value)}
            />
            {p.hint && (
              <p class="hint" id={ids.hint}>
                {p.hint}
              </p>
            )}
          </div>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="dialog-actions">
            <button type="submit" class="primary" disabled={busy || (p.required && !reason.trim())}>
              {p.confirm}
            </button>
            <button type="button" onClick={(ev) => closeDialogOf(ev.currentTarget)}>
              {t('people.cancel')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
