import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { fullTime } from '../format.ts';
import { t } from '../i18n/index.ts';
import { modal } from '../phone-dialog.ts';
import { type Handover, shiftApi } from './shift-api.ts';

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/** One handover: the note as plain text, what was open, who acknowledged it. */
function HandoverCard({ h, onAck }: { h: Handover; onAck?: (id: string) => void }) {
  const o = h.open;
  return (
    <article class="handover" data-handover={h.id}>
      <header>{t('shift.handoverBy', { name: h.author.name, time: fullTime(h.createdAt) })}</header>
      <p class="handover-note">{h.note}</p>
      {o.urgentCases.length > 0 && (
        <p>
          {t('shift.openUrgent')}: {o.urgentCases.map((c) => c.reference).join(', ')}
        </p>
      )}
      {o.callbacks.length > 0 && (
        <p>
          {t('shift.openCallbacks')}: {o.callbacks.length}
        </p>
      )}
      {o.overdueReferrals.length > 0 && (
        <p>
          {t('shift.openReferrals')}: {o.overdueReferrals.map((r) => r.reference).join(', ')}
        </p>
      )}
      {h.acknowledged ? (
        <p class="handover-ack">
          {t('shift.acknowledgedBy', { name: h.acknowledged.by.name, time: fullTime(h.acknowledged.at) })}
        </p>
      ) : (
        onAck && (
          <button type="button" class="acknowledge" onClick={() => onAck(h.id)}>
            {t('shift.acknowledge')}
          </button>
        )
      )}
    </article>
  );
}

/** Write a handover, acknowledge the ones left for you; supervisors also search them all. */
function HandoverScreen({ lead }: { lead: boolean }) {
  const [note, setNote] = useState('');
  const [pending, setPending] = useState<Handover[]>([]);
  const [found, setFound] = useState<Handover[] | null>(null);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const loadPending = () =>
    void shiftApi.pendingHandovers().then(
      (r) => setPending(r.items),
      (err) => setStatus(t('shift.handoverFailed', { reason: reasonOf(err) })),
    );
  useEffect(loadPending, []);
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setStatus(t('shift.saved'));
      loadPending();
    } catch (err) {
      setStatus(t('shift.handoverFailed', { reason: reasonOf(err) }));
    }
  };
  return (
    <div class="handovers">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            await shiftApi.writeHandover(note);
            setNote('');
          });
        }}
      >
        <label class="field">
          {t('shift.writeHandover')}
          <textarea
            name="note"
            rows={5}
            maxLength={4000}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </label>
        <p class="hint">{t('shift.writeHint')}</p>
        <button type="submit" class="primary" disabled={note.trim() === ''}>
          {t('shift.sendHandover')}
        </button>
      </form>
      {status && <p role="status">{status}</p>}
      <h3>{t('shift.pendingHandovers')}</h3>
      {pending.length === 0 && <p>{t('shift.noPending')}</p>}
      {pending.map((h) => (
        <HandoverCard key={h.id} h={h} onAck={(id) => void act(() => shiftApi.acknowledge(id))} />
      ))}
      {lead && (
        <section aria-label={t('shift.searchHandovers')}>
          <h3>{t('shift.searchHandovers')}</h3>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void shiftApi.searchHandovers(q.trim()).then(
                (r) => setFound(r.items),
                (err) => setStatus(t('shift.handoverFailed', { reason: reasonOf(err) })),
              );
            }}
          >
            <label class="field">
              {t('shift.searchLabel')}
              <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
            </label>
            <button type="submit">{t('shift.searchButton')}</button>
          </form>
          {found && found.length === 0 && <p>{t('shift.noHandovers')}</p>}
          {found?.map((h) => (
            <HandoverCard key={h.id} h={h} />
          ))}
        </section>
      )}
    </div>
  );
}

export function openHandovers(role: string): HTMLDialogElement {
  const { dialog, body } = modal(t('shift.handoversTitle'), 'handover-dialog');
  render(<HandoverScreen lead={role === 'supervisor' || role === 'admin'} />, body);
  dialog.addEventListener('close', () => render(null, body));
  return dialog;
}
