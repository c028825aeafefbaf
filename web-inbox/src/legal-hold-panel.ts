import './trust.css';
import { ApiError, request } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { fullTime } from './format.ts';
import { t } from './i18n/index.ts';

interface HoldView {
  id: string;
  reason: string;
  placedByName: string | null;
  placedAt: string;
  liftedAt: string | null;
}

interface HoldStatus {
  active: HoldView | null;
  history: HoldView[];
  policeReferral: boolean;
  canManage: boolean;
}

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/**
 * Legal hold of the open case: everyone sees it; supervisors and admins place and lift it with a
 * reason. A police referral shows a hint (the referral itself is the referrals panel's business).
 */
export class LegalHoldPanel {
  readonly el = h('section', { class: 'legal-hold' });
  private caseId: string | null = null;
  private status: HoldStatus | null = null;
  private error: string | null = null;
  private editing: 'place' | 'lift' | null = null;
  private seq = 0;
  private readonly reasonId = uid('hold-reason');
  private readonly reason = h('input', { id: this.reasonId, type: 'text', maxlength: 1000, minlength: 3 });

  async load(caseId: string): Promise<void> {
    if (caseId !== this.caseId) {
      this.status = null;
      this.editing = null;
      this.error = null;
    }
    this.caseId = caseId;
    const mine = ++this.seq;
    try {
      const s = await request<HoldStatus>('GET', `/api/cases/${encodeURIComponent(caseId)}/legal-hold`);
      if (mine !== this.seq) return;
      this.status = s;
      this.error = null;
    } catch (err) {
      if (mine === this.seq) this.error = reasonOf(err);
    }
    this.render();
  }

  clear(): void {
    this.caseId = null;
    this.status = null;
    this.seq++;
    replace(this.el);
  }

  private async save(): Promise<void> {
    const id = this.caseId;
    if (!id || !this.editing) return;
    const path = `/api/cases/${encodeURIComponent(id)}/legal-hold${this.editing === 'lift' ? '/lift' : ''}`;
    try {
      this.status = await request<HoldStatus>('POST', path, { reason: this.reason.value });
      this.editing = null;
      this.reason.value = '';
      this.error = null;
    } catch (err) {
      this.error = reasonOf(err);
    }
    this.render();
  }

  render(): void {
    const s = this.status;
    if (!s) {
      replace(this.el, this.error ? h('p', { class: 'error', role: 'alert' }, t('trust.loadError')) : null);
      return;
    }
    const a = s.active;
    const line = a
      ? h(
          'p',
          { class: 'hold-active', role: 'status' },
          t('trust.holdActive', { time: fullTime(a.placedAt), name: a.placedByName ?? '—', reason: a.reason }),
        )
      : h('p', { class: 'muted' }, t('trust.holdNone'));
    const hint = !a && s.policeReferral ? h('p', { class: 'hold-hint' }, t('trust.holdPoliceHint')) : null;
    let controls: HTMLElement | null = null;
    if (s.canManage && this.editing) {
      const form = h(
        'form',
        { class: 'hold-form' },
        h('label', { for: this.reasonId }, t('trust.holdReason')),
        this.reason,
        h('button', { type: 'submit' }, t('trust.holdSave')),
        h('button', { type: 'button', class: 'hold-cancel' }, t('trust.holdCancel')),
      );
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        void this.save();
      });
      form.querySelector('.hold-cancel')?.addEventListener('click', () => {
        this.editing = null;
        this.render();
      });
      controls = form;
    } else if (s.canManage) {
      const btn = h(
        'button',
        { type: 'button', class: 'small hold-toggle' },
        a ? t('trust.holdLift') : t('trust.holdPlace'),
      );
      btn.addEventListener('click', () => {
        this.editing = a ? 'lift' : 'place';
        this.render();
        this.reason.focus();
      });
      controls = btn;
    }
    replace(
      this.el,
      h('h3', { class: 'legal-hold-title' }, t('trust.holdTitle')),
      line,
      hint,
      h('p', { class: 'hint' }, t('trust.holdExplain')),
      controls,
      this.error ? h('p', { class: 'error', role: 'alert' }, this.error) : null,
    );
  }
}
