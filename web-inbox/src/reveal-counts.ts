import { request } from './api.ts';
import { h, replace } from './dom.ts';
import { t } from './i18n/index.ts';
import { modal } from './phone-dialog.ts';

interface TeamCounts {
  users: { userId: string; name: string; role: string; active: boolean; today: number; week: number; period: number }[];
}

/** A counselor's own reveal count in the top bar (staff welfare: what they have been exposed to). */
export function myRevealCount(): HTMLElement {
  const el = h('span', { class: 'my-reveals muted', role: 'status' });
  const refresh = async () => {
    try {
      const r = await request<{ today: number; week: number }>('GET', '/api/me/reveals');
      el.textContent = t('trust.revealsMine', { today: r.today, week: r.week });
    } catch {
      el.textContent = '';
    }
  };
  void refresh();
  // A reveal is a click on an attachment button; count again shortly after any such click.
  document.addEventListener('click', (ev) => {
    if ((ev.target as Element | null)?.closest?.('button[data-reveal]')) setTimeout(() => void refresh(), 1500);
  });
  return el;
}

/** Supervisors: reveals per counselor today, this week and in the last 30 days. */
export function openRevealCounts(): HTMLDialogElement {
  const { dialog, body } = modal(t('trust.revealsTitle'), 'reveal-counts');
  void fillRevealCounts(body);
  return dialog;
}

async function fillRevealCounts(body: HTMLElement): Promise<void> {
  try {
    const r = await request<TeamCounts>('GET', '/api/reveals');
    if (r.users.length === 0) {
      replace(body, h('p', { class: 'muted' }, t('trust.revealsEmpty')));
      return;
    }
    replace(
      body,
      h(
        'table',
        { class: 'reveal-counts-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('trust.revealsName')),
            h('th', { scope: 'col' }, t('trust.revealsToday')),
            h('th', { scope: 'col' }, t('trust.revealsWeek')),
            h('th', { scope: 'col' }, t('trust.revealsPeriod')),
          ),
        ),
        h(
          'tbody',
          {},
          r.users.map((u) =>
            h(
              'tr',
              { 'data-user-id': u.userId },
              h('th', { scope: 'row' }, u.name),
              h('td', {}, u.today),
              h('td', {}, u.week),
              h('td', {}, u.period),
            ),
          ),
        ),
      ),
    );
  } catch {
    replace(body, h('p', { class: 'error', role: 'alert' }, t('trust.loadError')));
  }
}
