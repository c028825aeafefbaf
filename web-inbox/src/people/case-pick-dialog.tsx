import { useMemo, useState } from 'preact/hooks';
import { CASE_REFERENCE } from '../../../src/domain/reference.ts';
import type { CaseDetail, CaseSummary } from '../../../src/inbox/contract.ts';
import { ApiError, api } from '../api.ts';
import { uid } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { label } from '../i18n/labels.ts';
import { closeDialogOf, Modal } from './modal.tsx';
import { refusalText } from './people-api.ts';

export interface CasePickProps {
  title: string;
  /** What the reference box asks for (the case that stays, the case a message goes to). */
  targetLabel: string;
  /** The case the dialog was opened from (it cannot be its own target). */
  from: { id: string; reference: string };
  /** Cases to offer at once: the person's other cases. */
  offered: readonly CaseSummary[];
  explain: (into: string) => string;
  confirm: (into: string) => string;
  /** Makes the change into the chosen case; answers the refusal to show, or null when it was made. */
  onConfirm: (into: CaseDetail) => Promise<string | null>;
  onClose: () => void;
}

/** Picks another case by its reference (typed, or one of the person's), shows it, then confirms. */
export function CasePickDialog(p: CasePickProps) {
  const [ref, setRef] = useState('');
  const [target, setTarget] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useMemo(() => ({ ref: uid('target-ref'), hint: uid('target-hint'), list: uid('target-list') }), []);

  const find = async (typed: string) => {
    const reference = typed.trim().toUpperCase();
    setRef(reference);
    setTarget(null);
    setError(null);
    if (!CASE_REFERENCE.test(reference)) {
      setError(t('people.noSuchCase', { reference }));
      return;
    }
    setBusy(true);
    try {
      const found = await api.caseByReference(reference);
      if (found.id === p.from.id) setError(t('people.sameCase'));
      else setTarget(found);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 404 ? t('people.noSuchCase', { reference }) : refusalText(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={p.title} class="case-pick-dialog" onClose={p.onClose}>
      {() => (
        <div class="case-pick">
          <form
            class="case-pick-find"
            onSubmit={(ev) => {
              ev.preventDefault();
              void find(ref);
            }}
          >
            <div class="field">
              <label for={ids.ref}>{p.targetLabel}</label>
              <div class="search-box-row">
                <input
                  id={ids.ref}
                  type="text"
                  autocomplete="off"
                  maxlength={30}
                  list={ids.list}
                  aria-describedby={ids.hint}
                  value={ref}
                  onInput={(ev) => setRef(ev.currentTarget.value)}
                />
                <button type="submit" disabled={busy || !ref.trim()}>
                  {t('people.find')}
                </button>
              </div>
              <p class="hint" id={ids.hint}>
                {t('people.targetHint')}
              </p>
              <datalist id={ids.list}>
                {p.offered.map((c) => (
                  <option key={c.id} value={c.reference} />
                ))}
              </datalist>
            </div>
            {p.offered.length > 0 && (
              <ul class="offered-cases">
                {p.offered.map((c) => (
                  <li key={c.id}>
                    <button type="button" class="small" onClick={() => void find(c.reference)}>
                      {c.reference} · {label('channel', c.channel)} · {label('status', c.status)}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </form>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          {target && (
            <form
              class="case-pick-confirm"
              onSubmit={async (ev) => {
                ev.preventDefault();
                const form = ev.currentTarget;
                setBusy(true);
                const refused = await p.onConfirm(target);
                setBusy(false);
                if (refused) setError(refused);
                else closeDialogOf(form);
              }}
            >
              <dl class="case-facts picked-case">
                <dt>{t('people.reference')}</dt>
                <dd>{target.reference}</dd>
                <dt>{t('app.status')}</dt>
                <dd>{label('status', target.status)}</dd>
                <dt>{t('app.channel')}</dt>
                <dd>{label('channel', target.channel)}</dd>
                <dt>{t('app.contact')}</dt>
                <dd>{target.anonymous ? t('app.anonymous') : (target.contactName ?? t('app.unknownContact'))}</dd>
              </dl>
              <p class="picked-preview">{target.preview}</p>
              <p>{p.explain(target.reference)}</p>
              <div class="dialog-actions">
                <button type="submit" class="primary" data-action="confirm" disabled={busy}>
                  {p.confirm(target.reference)}
                </button>
                <button type="button" onClick={(ev) => closeDialogOf(ev.currentTarget)}>
                  {t('people.cancel')}
                </button>
              </div>
            </form>
          )}
        </div>
      )}
    </Modal>
  );
}
