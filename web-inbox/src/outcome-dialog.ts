import './outcome.css';
import type { CaseDetail, MessageView, RecordedOutcome } from '../../src/inbox/contract.ts';
import { ApiError, request } from './api.ts';
import { h, replace, select, uid } from './dom.ts';
import { fullTime } from './format.ts';
import { t } from './i18n/index.ts';
import { deliveryReason, label, languageLabel, outcomeLabel } from './i18n/labels.ts';
import { modal } from './phone-dialog.ts';
import { replyBlockReason } from './reply-guard.ts';

export interface OutcomeTemplate {
  outcome: string;
  language: string;
  body: string;
  updatedAt: string;
  updatedByName: string | null;
}

interface ForCase {
  reference: string;
  language: string;
  reachable: boolean;
  channel: string | null;
  recorded: RecordedOutcome[];
}

export const outcomeApi = {
  templates: () =>
    request<{ outcomes: string[]; languages: string[]; items: OutcomeTemplate[] }>('GET', '/api/outcome-templates'),
  forCase: (id: string) => request<ForCase>('GET', `/api/cases/${encodeURIComponent(id)}/outcome`),
  tell: (id: string, body: { outcome: string; text: string; send: boolean }) =>
    request<{ outcome: RecordedOutcome; message: MessageView | null; delivery: string }>(
      'POST',
      `/api/cases/${encodeURIComponent(id)}/outcome`,
      body,
    ),
};

const reasonText = (error: string) => deliveryReason(error.replace(/^\w*Error: /, ''));
const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/** Which outcome fits a status best, as the first choice offered. */
const suggested = (status: string) => (status === 'referred' ? 'referred_police' : 'advice_given');

function deliveryText(r: RecordedOutcome): string {
  if (!r.messageId) return t('outcome.deliveryNone');
  if (r.sentAt) return t('outcome.deliverySent', { time: fullTime(r.sentAt) });
  if (r.deliveryStatus === 'failed') return `${t('outcome.deliveryFailed')}: ${reasonText(r.deliveryError ?? '')}`;
  return t('outcome.deliveryPending');
}

/**
 * The dialog: the outcome, the text from the template in the reporter's language (the case's),
 * and where it goes. A refusal by the channel (Meta's window) arrives later as a message update
 * and is shown here in words.
 */
export class OutcomeDialog {
  private waitingFor: string | null = null;
  private statusEl = h('p', { class: 'outcome-status', role: 'status' });
  private historyEl = h('div', { class: 'outcome-history' });
  private info: ForCase | null = null;

  constructor(
    private readonly d: CaseDetail,
    private readonly onClosed: () => void,
  ) {}

  async open(): Promise<void> {
    const m = modal(t('outcome.dialogTitle', { reference: this.d.reference }), 'outcome-dialog');
    m.dialog.addEventListener('close', () => this.onClosed());
    replace(m.body, h('p', { class: 'muted' }, t('outcome.loading')));
    try {
      const [info, templates, guard] = await Promise.all([
        outcomeApi.forCase(this.d.id),
        outcomeApi.templates(),
        replyBlockReason(this.d),
      ]);
      this.info = info;
      this.renderForm(m.body, info, templates.outcomes, templates.items, guard.block);
    } catch (err) {
      replace(m.body, h('p', { class: 'error', role: 'alert' }, t('outcome.failed', { reason: reasonOf(err) })));
    }
  }

  /** message:updated from the live socket: the outcome message's delivery settled. */
  messageUpdated(msg: MessageView): void {
    if (msg.id !== this.waitingFor) return;
    if (msg.deliveryStatus === 'failed') {
      this.waitingFor = null;
      this.statusEl.className = 'outcome-status error';
      this.statusEl.setAttribute('role', 'alert');
      this.statusEl.textContent = t('outcome.refused', { reason: reasonText(msg.deliveryError ?? '') });
    } else if (msg.deliveryStatus && msg.deliveryStatus !== 'pending') {
      this.waitingFor = null;
      this.statusEl.className = 'outcome-status ok';
      this.statusEl.textContent = t('outcome.sentOk');
    } else if (msg.deliveryError) {
      // Stays pending with a reason (no channel for this contact).
      this.statusEl.className = 'outcome-status error';
      this.statusEl.textContent = t('outcome.refused', { reason: reasonText(msg.deliveryError) });
    }
    void this.reloadHistory();
  }

  private async reloadHistory(): Promise<void> {
    try {
      this.info = await outcomeApi.forCase(this.d.id);
      this.renderHistory();
    } catch {
      // The list stays as it was; the status line already says what happened.
    }
  }

  private renderHistory(): void {
    const items = this.info?.recorded ?? [];
    replace(
      this.historyEl,
      h('h3', {}, t('outcome.history')),
      items.length === 0
        ? h('p', { class: 'muted' }, t('outcome.noHistory'))
        : h(
            'ul',
            {},
            items.map((r) =>
              h(
                'li',
                { 'data-outcome-id': r.id },
                h('strong', {}, outcomeLabel(r.outcome)),
                ' · ',
                h('time', { datetime: r.recordedAt }, fullTime(r.recordedAt)),
                r.recordedByName ? ` · ${r.recordedByName}` : '',
                ' · ',
                h('span', { class: `delivery delivery-${r.deliveryStatus ?? 'none'}` }, deliveryText(r)),
                h('p', { class: 'outcome-text' }, r.text),
              ),
            ),
          ),
    );
  }

  private renderForm(
    body: HTMLElement,
    info: ForCase,
    outcomes: string[],
    templates: OutcomeTemplate[],
    windowBlock: string | null,
  ): void {
    const fill = (code: string) =>
      (templates.find((t) => t.outcome === code && t.language === info.language)?.body ?? '').replace(
        /\{reference\}/g,
        info.reference,
      );
    const outcomeId = uid('outcome');
    const textId = uid('outcome-text');
    const hintId = uid('outcome-hint');
    const choice = select(
      { id: outcomeId, name: 'outcome' },
      outcomes.map((o) => ({ value: o, label: outcomeLabel(o) })),
      outcomes.includes(suggested(this.d.status)) ? suggested(this.d.status) : (outcomes[0] ?? ''),
    );
    const text = h('textarea', { id: textId, name: 'text', rows: 9, maxlength: 5000, 'aria-describedby': hintId });
    text.value = fill(choice.value);
    let edited = false;
    text.addEventListener('input', () => {
      edited = true;
    });
    choice.addEventListener('change', () => {
      // A changed outcome brings its own template, unless the counselor already wrote their own.
      if (!edited || text.value.trim() === '') {
        text.value = fill(choice.value);
        edited = false;
      }
    });
    const sendBox = h('input', { type: 'checkbox', name: 'send', id: uid('outcome-send') });
    sendBox.checked = info.reachable;
    sendBox.disabled = !info.reachable;
    const submit = h(
      'button',
      { type: 'submit', class: 'primary' },
      info.reachable ? t('outcome.send') : t('outcome.recordOnly'),
    );
    sendBox.addEventListener('change', () => {
      submit.textContent = sendBox.checked ? t('outcome.send') : t('outcome.recordOnly');
    });
    const channelName = info.channel ? label('channel', info.channel) : '';
    const form = h(
      'form',
      { class: 'outcome-form' },
      h('div', { class: 'field' }, h('label', { for: outcomeId }, t('outcome.outcome')), choice),
      h(
        'div',
        { class: 'field' },
        h('label', { for: textId }, t('outcome.message')),
        h('p', { class: 'hint', id: hintId }, t('outcome.messageHint', { language: languageLabel(info.language) })),
        text,
      ),
      info.reachable
        ? h(
            'div',
            { class: 'field checkbox' },
            sendBox,
            h('label', { for: sendBox.id }, t('outcome.sendOn', { channel: channelName })),
          )
        : h('p', { class: 'muted outcome-unreachable' }, t('outcome.unreachable')),
      info.reachable && windowBlock
        ? h('p', { class: 'warning', role: 'note' }, t('outcome.windowWarning', { reason: windowBlock }))
        : null,
      h('div', { class: 'actions' }, submit),
      this.statusEl,
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.submit(submit, { outcome: choice.value, text: text.value, send: sendBox.checked });
    });
    this.renderHistory();
    replace(body, form, this.historyEl);
    text.focus();
  }

  private async submit(button: HTMLButtonElement, input: { outcome: string; text: string; send: boolean }) {
    button.disabled = true;
    this.statusEl.className = 'outcome-status';
    this.statusEl.setAttribute('role', 'status');
    this.statusEl.textContent = '';
    try {
      const r = await outcomeApi.tell(this.d.id, input);
      if (r.message) {
        this.waitingFor = r.message.id;
        this.statusEl.textContent = t('outcome.queued');
      } else this.statusEl.textContent = t('outcome.recorded');
      await this.reloadHistory();
    } catch (err) {
      this.statusEl.className = 'outcome-status error';
      this.statusEl.setAttribute('role', 'alert');
      this.statusEl.textContent = t('outcome.failed', { reason: reasonOf(err) });
    } finally {
      button.disabled = false;
    }
  }
}

const TELLING = new Set(['referred', 'closed']);

/**
 * Watches the open case's status: when it becomes referred or closed (here, by a referral, or by a
 * colleague), the dialog is offered — opened at once for the assignee (or when nobody has the case),
 * after any other dialog closes — and a button stays in the case header while the status lasts.
 */
export class OutcomeOffer {
  readonly el = h('div', { class: 'outcome-offer' });
  private readonly lastStatus = new Map<string, string>();
  private dialog: OutcomeDialog | null = null;
  private detail: CaseDetail | null = null;

  constructor(private readonly meId: string) {}

  /** The case as it now is (opened, or changed by a summary). */
  seen(d: CaseDetail): void {
    this.detail = d;
    const before = this.lastStatus.get(d.id);
    this.lastStatus.set(d.id, d.status);
    this.render();
    const becameTelling = before !== undefined && before !== d.status && TELLING.has(d.status);
    const mine = d.assigneeId === null || d.assigneeId === this.meId;
    if (becameTelling && mine) this.openWhenFree(d.id);
  }

  messageUpdated(m: MessageView): void {
    this.dialog?.messageUpdated(m);
  }

  open(): void {
    const d = this.detail;
    if (!d || this.dialog) return;
    this.dialog = new OutcomeDialog(d, () => {
      this.dialog = null;
    });
    void this.dialog.open();
  }

  private openWhenFree(caseId: string): void {
    const other = document.querySelector<HTMLDialogElement>('dialog[open]');
    const go = () => {
      if (this.detail?.id === caseId) this.open();
    };
    if (other) other.addEventListener('close', () => setTimeout(go, 0), { once: true });
    else go();
  }

  render(): void {
    const d = this.detail;
    if (!d || !TELLING.has(d.status)) {
      replace(this.el);
      return;
    }
    const b = h('button', { type: 'button', class: 'small tell-reporter' }, t('outcome.tellReporter'));
    b.addEventListener('click', () => this.open());
    replace(
      this.el,
      h(
        'p',
        {},
        t('outcome.offer', {
          status: d.status === 'referred' ? t('outcome.statusReferred') : t('outcome.statusClosed'),
        }),
        ' ',
        b,
      ),
    );
  }
}
