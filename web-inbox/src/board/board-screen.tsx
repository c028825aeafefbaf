import './board.css';
import { effect } from '@preact/signals';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { shortTime } from '../format.ts';
import { isKey, type Key, t } from '../i18n/index.ts';
import { label } from '../i18n/labels.ts';
import { modal } from '../phone-dialog.ts';
import { routeClick } from '../shell/router.ts';
import { routeHref } from '../shell/routes.ts';
import { type Board, type BoardCase, shiftApi } from '../shift/shift-api.ts';
import { boardTick } from '../shift/shift-live.ts';

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/** How long since `iso`, as a person reads it across a room. */
function age(iso: string, now: number): string {
  const min = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  return min < 60 ? t('shift.ageMinutes', { n: min }) : t('shift.ageHours', { h: Math.floor(min / 60), m: min % 60 });
}

function CaseLine({ c, now }: { c: BoardCase; now: number }) {
  const to = { name: 'case', ref: c.reference } as const;
  return (
    <li class="board-case" data-reference={c.reference} data-assigned={c.assigneeName ? 'yes' : 'no'}>
      <a href={routeHref(to)} onClick={(ev) => routeClick(ev, to)}>
        {c.reference}
      </a>{' '}
      <span class="board-channel">{label('channel', c.channel)}</span>{' '}
      <span class="board-age">{age(c.createdAt, now)}</span>{' '}
      <span class="board-assignee">{c.assigneeName ?? t('shift.unassignedMark')}</span>
    </li>
  );
}

function Panel(p: { title: string; cls: string; count?: number; children: preact.ComponentChildren }) {
  return (
    <section class={`board-panel ${p.cls}`} aria-label={p.title}>
      <h3>
        {p.title}
        {p.count !== undefined && <span class="board-count">{p.count}</span>}
      </h3>
      {p.children}
    </section>
  );
}

const cases = (list: BoardCase[], now: number) =>
  list.length === 0 ? (
    <p class="board-none">{t('shift.none')}</p>
  ) : (
    <ul>
      {list.map((c) => (
        <CaseLine key={c.id} c={c} now={now} />
      ))}
    </ul>
  );

/** The supervisor board: live (refetched on every case, callback and state event), no reload. */
export function BoardScreen() {
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let pending = false;
    const load = () => {
      if (pending) return;
      pending = true;
      void shiftApi
        .board()
        .then(
          (b) => {
            setBoard(b);
            setError(null);
          },
          (err) => setError(t('shift.boardLoadFailed', { reason: reasonOf(err) })),
        )
        .finally(() => {
          pending = false;
        });
    };
    const stop = effect(() => {
      boardTick.value;
      load();
    });
    // Waiting times and the hour's deadlines move with the clock, not only with events.
    const clock = setInterval(load, 30_000);
    return () => {
      stop();
      clearInterval(clock);
    };
  }, []);
  if (!board) return <p role={error ? 'alert' : 'status'}>{error ?? '…'}</p>;
  const now = Date.parse(board.at);
  return (
    <div class="board" data-at={board.at}>
      {error && <p role="alert">{error}</p>}
      <p class="board-updated">{t('shift.boardUpdated', { time: shortTime(board.at) })}</p>
      <div class="board-grid">
        <Panel title={t('shift.urgent')} cls="board-urgent" count={board.urgent.length}>
          {cases(board.urgent, now)}
        </Panel>
        <Panel title={t('shift.unassigned')} cls="board-unassigned" count={board.unassigned.count}>
          {cases(board.unassigned.oldest.slice(0, 10), now)}
        </Panel>
        <Panel title={t('shift.waiting')} cls="board-waiting">
          {board.waiting.length === 0 ? (
            <p class="board-none">{t('shift.none')}</p>
          ) : (
            <ul>
              {board.waiting.map((w) => (
                <li key={w.channel} data-channel={w.channel}>
                  <span class="board-channel">{label('channel', w.channel)}</span>{' '}
                  {t('shift.waitingLine', { n: w.count, age: age(w.oldestSince, now) })}
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={t('shift.breachesNow')} cls="board-breaches-now" count={board.breaches.now.length}>
          {cases(board.breaches.now, now)}
        </Panel>
        <Panel title={t('shift.breachesSoon')} cls="board-breaches-soon" count={board.breaches.nextHour.length}>
          {cases(board.breaches.nextHour, now)}
        </Panel>
        <Panel title={t('shift.callbacksDue')} cls="board-callbacks" count={board.callbacks.length}>
          {board.callbacks.length === 0 ? (
            <p class="board-none">{t('shift.none')}</p>
          ) : (
            <ul>
              {board.callbacks.map((c) => (
                <li key={c.id} class={c.overdue ? 'overdue' : undefined}>
                  {t('shift.callbackLine', {
                    reason: isKey(`inbox.callback_${c.reason}`) ? t(`inbox.callback_${c.reason}` as Key) : c.reason,
                    time: shortTime(c.dueAt),
                    attempts: c.attempts,
                  })}
                  {c.assigneeName && ` · ${c.assigneeName}`}
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={t('shift.onDuty')} cls="board-on-duty" count={board.onDuty.length}>
          {board.onDuty.length === 0 ? (
            <p class="board-none">{t('shift.nobody')}</p>
          ) : (
            <ul>
              {board.onDuty.map((u) => (
                <li key={u.id} data-user={u.id} data-state={u.state}>
                  <span class="board-name">{u.name}</span>{' '}
                  <span class="board-state">{t(`shift.state_${u.state}`)}</span>{' '}
                  {t('shift.openCases', { n: u.openCases })}
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </div>
  );
}

export function openBoard(): HTMLDialogElement {
  const { dialog, body } = modal(t('shift.boardTitle'), 'board-dialog');
  render(<BoardScreen />, body);
  dialog.addEventListener('close', () => render(null, body));
  return dialog;
}
