import './referrals.css';
import type { User } from './api.ts';
import { ApiError } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { fullTime } from './format.ts';
import { t } from './i18n/index.ts';
import type { LiveSocket } from './live.ts';
import { openInstitutionsDialog, openOverdueDialog } from './referral-admin.ts';
import { type ReferralView, referralApi } from './referral-api.ts';
import { institutionName, openReferDialog } from './referral-dialog.ts';
import { linkReplyView } from './referral-link-reply.ts';

export interface ReferralPanelDeps {
  me: User;
  socket: () => LiveSocket | null;
  openCase: (id: string) => void;
}

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

const NEXT: Record<ReferralView['status'], ('acknowledged' | 'answered' | 'closed')[]> = {
  sent: ['acknowledged', 'answered', 'closed'],
  acknowledged: ['answered', 'closed'],
  answered: ['closed'],
  closed: [],
};
const MARK = {
  acknowledged: 'referral.markAcknowledged',
  answered: 'referral.markAnswered',
  closed: 'referral.markClosed',
} as const;

/** The case's referrals (live), the "Refer" dialog, and for supervisors the overdue list. */
export class ReferralPanel {
  readonly el = h('section', { class: 'referral-panel', 'aria-labelledby': uid('referrals') });
  private caseId: string | null = null;
  private reference = '';
  private items: ReferralView[] = [];
  private error: string | null = null;
  private busy = false;
  private seq = 0;
  private listening: LiveSocket | null = null;

  constructor(private readonly deps: ReferralPanelDeps) {}

  async load(caseId: string, reference: string): Promise<void> {
    this.listen();
    if (caseId !== this.caseId) {
      this.items = [];
      this.error = null;
    }
    this.caseId = caseId;
    this.reference = reference;
    const mine = ++this.seq;
    try {
      const { items } = await referralApi.forCase(caseId);
      if (mine !== this.seq) return;
      this.items = items;
    } catch (err) {
      if (mine === this.seq) this.error = t('referral.refused', { reason: reasonOf(err) });
    }
    this.render();
  }

  clear(): void {
    this.caseId = null;
    this.items = [];
    this.seq++;
    replace(this.el);
  }

  /** A referral changed somewhere (here, another counselor, the worker, an institution's e-mail). */
  updated(r: ReferralView): void {
    if (r.caseId !== this.caseId) return;
    const i = this.items.findIndex((x) => x.id === r.id);
    if (i === -1) this.items.unshift(r);
    else this.items[i] = r;
    this.render();
  }

  private listen(): void {
    const s = this.deps.socket();
    if (!s || s === this.listening) return;
    this.listening = s;
    s.on('referral:updated', (e) => this.updated(e.referral));
  }

  render(): void {
    if (!this.caseId) {
      replace(this.el);
      return;
    }
    const titleId = this.el.getAttribute('aria-labelledby') ?? '';
    const refer = h('button', { type: 'button', class: 'small', 'data-action': 'refer' }, t('referral.refer'));
    refer.addEventListener('click', async () => {
      const id = this.caseId;
      if (!id) return;
      const r = await openReferDialog(id, this.reference);
      if (r) this.updated(r);
    });
    const tools: HTMLElement[] = [refer];
    if (this.deps.me.role !== 'counselor') {
      const overdue = h(
        'button',
        { type: 'button', class: 'small', 'data-action': 'overdue' },
        t('referral.overdueList'),
      );
      overdue.addEventListener('click', () => void openOverdueDialog(this.deps.openCase));
      tools.push(overdue);
    }
    if (this.deps.me.role === 'admin') {
      const admin = h(
        'button',
        { type: 'button', class: 'small', 'data-action': 'institutions' },
        t('referral.institutions'),
      );
      admin.addEventListener('click', () => void openInstitutionsDialog());
      tools.push(admin);
    }
    replace(
      this.el,
      h('div', { class: 'referral-head' }, h('h3', { id: titleId }, t('referral.referrals')), ...tools),
      this.error ? h('p', { class: 'error', role: 'alert' }, this.error) : null,
      this.items.length
        ? h(
            'ul',
            { class: 'referral-list' },
            this.items.map((r) => this.item(r)),
          )
        : h('p', { class: 'muted' }, t('referral.noReferrals')),
    );
  }

  private item(r: ReferralView): HTMLElement {
    const who = (p: { name: string } | null) => (p ? ` (${p.name})` : '');
    const steps: HTMLElement[] = [];
    if (r.sentAt)
      steps.push(h('li', {}, t('referral.sentBy', { name: r.createdBy?.name ?? '—', time: fullTime(r.sentAt) })));
    for (const [step, at, by] of [
      ['acknowledged', r.acknowledgedAt, r.acknowledgedBy],
      ['answered', r.answeredAt, r.answeredBy],
      ['closed', r.closedAt, r.closedBy],
    ] as const) {
      if (at)
        steps.push(
          h('li', {}, t('referral.stepBy', { step: t(`referral.status_${step}`), time: fullTime(at), who: who(by) })),
        );
    }
    const delivery = r.email
      ? h(
          'p',
          { class: `referral-email email-${r.email.status ?? 'none'}` },
          `${r.email.to} — `,
          r.email.status ? t(`referral.email_${r.email.status}`) : '',
          r.email.error ? h('span', { class: 'error' }, ` (${r.email.error})`) : null,
        )
      : h(
          'p',
          { class: 'muted' },
          r.otherMeans ? t(`referral.means_${r.otherMeans as 'phone'}`) : '',
          r.note ? ` — ${r.note}` : '',
        );
    const outcome = h('textarea', {
      rows: 2,
      'data-field': 'outcome',
      placeholder: t('referral.outcome'),
      maxlength: 50_000,
    });
    const actions = NEXT[r.status].map((to) => {
      const b = h('button', { type: 'button', class: 'small', 'data-action': to, disabled: this.busy }, t(MARK[to]));
      b.addEventListener('click', () => void this.move(r, to, outcome.value.trim()));
      return b;
    });
    if (r.email?.status === 'failed') {
      const retry = h('button', { type: 'button', class: 'small', 'data-action': 'retry' }, t('referral.retry'));
      retry.addEventListener('click', () => void this.run(() => referralApi.retry(r.id)));
      actions.push(retry);
    }
    return h(
      'li',
      { class: `referral referral-${r.status}${r.overdue ? ' overdue' : ''}`, 'data-referral-id': r.id },
      h(
        'div',
        { class: 'referral-title' },
        h('strong', {}, institutionName(r.institution.names)),
        ' ',
        h('span', { class: `badge referral-status status-${r.status}` }, t(`referral.status_${r.status}`)),
        r.overdue ? h('span', { class: 'badge overdue', role: 'status' }, t('referral.overdue')) : null,
      ),
      delivery,
      h('ol', { class: 'referral-steps' }, steps),
      r.status === 'sent' && r.ackDueAt && !r.overdue
        ? h('p', { class: 'muted' }, t('referral.ackDue', { time: fullTime(r.ackDueAt) }))
        : null,
      r.outcome ? h('blockquote', { class: 'referral-outcome' }, r.outcome) : null,
      linkReplyView(r),
      r.answerMessageId ? h('p', { class: 'muted' }, t('referral.answerAttached')) : null,
      h('details', { class: 'referral-summary' }, h('summary', {}, t('referral.summary')), h('pre', {}, r.summary)),
      actions.length
        ? h('div', { class: 'referral-actions' }, r.status !== 'closed' ? outcome : null, ...actions)
        : null,
    );
  }

  private async move(r: ReferralView, to: 'acknowledged' | 'answered' | 'closed', outcome: string): Promise<void> {
    await this.run(() => referralApi.move(r.id, to, outcome || undefined));
  }

  private async run(fn: () => Promise<ReferralView>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      this.updated(await fn());
    } catch (err) {
      this.error = t('referral.refused', { reason: reasonOf(err) });
    } finally {
      this.busy = false;
      this.render();
    }
  }
}
