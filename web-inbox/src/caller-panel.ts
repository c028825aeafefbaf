import type { CaseDetail } from '../../src/inbox/contract.ts';
import { ApiError } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { fullTime, shortTime } from './format.ts';
import { isKey, t } from './i18n/index.ts';
import { durationText, label } from './i18n/labels.ts';
import { type CallbackView, type CallerInfo, type CallView, phoneApi } from './phone-api.ts';

export interface CallerPanelDeps {
  role: string;
  openCase(id: string): void;
  logCall(onCase: { caseId: string; reference: string }): void;
}

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/** The caller's number: their phone identity, else the other party of the case's latest call. */
export function callerNumber(d: CaseDetail): string | null {
  const identity = d.contact?.identities.find((i) => i.kind === 'phone');
  if (identity) return identity.value;
  for (const m of [...d.messages].reverse()) {
    const f = m.fields;
    if (m.channel !== 'phone' || !f) continue;
    const other = f.direction === 'outbound' ? f.to : f.from;
    if (typeof other === 'string' && other.startsWith('+')) return other;
  }
  return null;
}

/**
 * Under a case's header when the phone line is on: "log a call on this case", and for a case with
 * a caller's number their other cases, last calls, open callback and the do-not-call mark
 * (supervisors and admins change it). The number is shown in full: this is behind sign-in.
 */
export class CallerPanel {
  readonly el = h('section', { class: 'caller-panel' });
  private enabled = false;
  private detail: CaseDetail | null = null;
  private number: string | null = null;
  private info: CallerInfo | null = null;
  private error: string | null = null;
  private dncError: string | null = null;
  private seq = 0;

  constructor(private readonly deps: CallerPanelDeps) {}

  setEnabled(on: boolean): void {
    this.enabled = on;
    if (on && this.detail) void this.load(this.detail);
    else this.render();
  }

  async load(d: CaseDetail): Promise<void> {
    if (d.id !== this.detail?.id) {
      this.info = null;
      this.dncError = null;
    }
    this.detail = d;
    this.number = callerNumber(d);
    this.error = null;
    const mine = ++this.seq;
    if (!this.enabled || !this.number) {
      this.render();
      return;
    }
    try {
      const info = await phoneApi.caller(this.number);
      if (mine !== this.seq) return;
      this.info = info;
    } catch {
      if (mine !== this.seq) return;
      this.error = t('phone.callerLoadFailed');
    }
    this.render();
  }

  clear(): void {
    this.seq++;
    this.detail = null;
    this.info = null;
    this.number = null;
    replace(this.el);
  }

  /** A callback task changed somewhere: if it is this caller's, fetch the panel again. */
  callbackUpdated(cb: CallbackView): void {
    if (this.detail && this.number && cb.number === this.number) void this.load(this.detail);
  }

  render(): void {
    const d = this.detail;
    if (!this.enabled || !d) {
      replace(this.el);
      return;
    }
    const logBtn = h('button', { type: 'button', class: 'small log-call-on-case' }, t('phone.logCallOnCase'));
    logBtn.addEventListener('click', () => this.deps.logCall({ caseId: d.id, reference: d.reference }));
    const isPhone = d.channel === 'phone' || this.number !== null;
    this.el.setAttribute('aria-label', t('phone.caller'));
    replace(
      this.el,
      h('div', { class: 'caller-tools' }, logBtn),
      isPhone && !this.number && d.anonymous ? h('p', { class: 'muted' }, t('phone.anonymousCaller')) : null,
      this.error ? h('p', { class: 'error', role: 'alert' }, this.error) : null,
      this.number ? this.details(this.number, this.info) : null,
    );
  }

  private details(number: string, info: CallerInfo | null): HTMLElement {
    const others = (info?.cases ?? []).filter((c) => c.id !== this.detail?.id);
    return h(
      'div',
      { class: 'caller-details' },
      h('h3', {}, t('phone.caller')),
      h(
        'dl',
        { class: 'caller-facts' },
        h('dt', {}, t('phone.callerNumber')),
        h('dd', {}, h('span', { class: 'caller-number' }, number)),
        h('dt', {}, t('phone.callbackTask')),
        h('dd', { class: 'caller-callback' }, info ? this.callback(info.callback) : '…'),
      ),
      info ? this.doNotCall(number, info) : null,
      info
        ? h(
            'details',
            { class: 'caller-cases' },
            h('summary', {}, `${t('phone.callerCases')} (${others.length})`),
            others.length
              ? h(
                  'ul',
                  {},
                  others.map((c) => {
                    const b = h('button', { type: 'button', class: 'small' }, c.reference);
                    b.addEventListener('click', () => this.deps.openCase(c.id));
                    return h('li', {}, b, ' ', label('status', c.status), ' · ', c.preview);
                  }),
                )
              : h('p', { class: 'muted' }, t('phone.noCases')),
          )
        : null,
      info
        ? h(
            'details',
            { class: 'caller-calls' },
            h('summary', {}, `${t('phone.callerCalls')} (${info.calls.length})`),
            info.calls.length
              ? h(
                  'ul',
                  {},
                  info.calls.map((c) => this.call(c)),
                )
              : h('p', { class: 'muted' }, t('phone.noCalls')),
          )
        : null,
    );
  }

  private call(c: CallView): HTMLElement {
    const outcome = `phone.out_${c.outcome}`;
    const parts = [
      t(`phone.dir_${c.direction}`),
      c.outcome ? (isKey(outcome) ? t(outcome) : c.outcome) : t('phone.inProgress'),
      c.durationSec !== null && c.endedAt ? durationText(c.durationSec) : null,
      c.agent,
    ].filter((p): p is string => p !== null);
    return h(
      'li',
      {},
      h('time', { datetime: c.startedAt, title: fullTime(c.startedAt) }, shortTime(c.startedAt)),
      ' ',
      parts.join(' · '),
    );
  }

  private callback(cb: CallbackView | null): HTMLElement | string {
    if (!cb) return t('phone.noCallback');
    const done = h('button', { type: 'button', class: 'small' }, t('phone.callbackDone'));
    done.addEventListener('click', () => {
      done.disabled = true;
      phoneApi.callbackDone(cb.id).then(
        () => this.detail && this.load(this.detail),
        () => {
          done.disabled = false;
        },
      );
    });
    return h(
      'span',
      { 'data-callback-id': cb.id },
      [
        t(`phone.cbStatus_${cb.status}`),
        t('phone.dueAt', { time: shortTime(cb.dueAt) }),
        t('phone.missedCount', { n: cb.missedCalls }),
      ].join(' · '),
      cb.transcript ? h('q', { class: 'transcript' }, cb.transcript) : null,
      ' ',
      done,
    );
  }

  /** Everyone sees the mark; supervisors and admins set or clear it, with an optional reason. */
  private doNotCall(number: string, info: CallerInfo): HTMLElement {
    const marked = info.doNotCall !== null;
    const reasonText = info.doNotCall?.reason ?? '';
    if (this.deps.role !== 'supervisor' && this.deps.role !== 'admin') {
      return marked
        ? h('p', { class: 'do-not-call on' }, t('phone.doNotCallOn'), reasonText ? ` (${reasonText})` : null)
        : h('span');
    }
    const box = h('input', { type: 'checkbox', id: uid('dnc'), name: 'doNotCall' });
    box.checked = marked;
    const reason = h('input', { type: 'text', id: uid('dnc-reason'), name: 'reason', maxlength: 2000 });
    reason.value = reasonText;
    const save = h('button', { type: 'submit', class: 'small' }, t('phone.doNotCallSave'));
    const form = h(
      'form',
      { class: `do-not-call${marked ? ' on' : ''}`, novalidate: true },
      h('div', { class: 'field checkbox' }, box, h('label', { for: box.id }, t('phone.doNotCall'))),
      h('div', { class: 'field' }, h('label', { for: reason.id }, t('phone.doNotCallReason')), reason),
      save,
      this.dncError ? h('p', { class: 'error', role: 'alert' }, this.dncError) : null,
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      save.disabled = true;
      this.dncError = null;
      phoneApi.doNotCall(number, box.checked, reason.value.trim() || undefined).then(
        () => this.detail && this.load(this.detail),
        (err: unknown) => {
          this.dncError = t('phone.doNotCallFailed', { reason: reasonOf(err) });
          this.render();
        },
      );
    });
    return form;
  }
}
