import type { CaseDetail, CaseSummary, MessageView, Presence } from '../../src/inbox/contract.ts';
import { ApiError, api, type CasePatch, type User } from './api.ts';
import { revealOnClick } from './attachment-reveal.ts';
import { CallerPanel } from './caller-panel.ts';
import { CaseExtrasPanel } from './case-extras.ts';
import { renderCaseHead } from './case-head.ts';
import { Composer } from './composer.ts';
import { h, replace, uid } from './dom.ts';
import { t } from './i18n.ts';
import { tx } from './i18n-inbox.ts';
import { LegalHoldPanel } from './legal-hold-panel.ts';
import type { LiveSocket } from './live.ts';
import { messageArticle } from './message-view.ts';
import { OutcomeOffer } from './outcome-dialog.ts';
import type { CallbackView } from './phone-api.ts';
import { ReferralPanel } from './referral-panel.ts';
import { replyBlockReason } from './reply-guard.ts';
import { replyRecipientChoices } from './reply-recipients.ts';
import { tn } from './shell/i18n-shell.ts';

export interface CaseViewDeps {
  me: User;
  socket: () => LiveSocket | null;
  /** The case changed here (PATCH answer): the list should show it too. */
  onSummary: (c: CaseSummary) => void;
  /** The counselor has seen the case as it is now (read marker). */
  onSeen: (c: CaseSummary) => void;
  onClose: () => void;
  /** The case came from the server (its reference is known now). */
  onLoaded?: (d: CaseDetail) => void;
  openCase: (id: string) => void;
  /** Opens the call form on this case (phone line). */
  logCall: (onCase: { caseId: string; reference: string }) => void;
}

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/** One open case: header with its state, the thread in order, and the composer. */
export class CaseView {
  private readonly titleId = uid('case-title');
  private readonly detailsId = uid('case-details');
  readonly el = h('section', { class: 'case-view', 'aria-labelledby': this.titleId });
  /** The conversation's head: reference, state, the outcome offer; the thread and composer follow. */
  private readonly headerEl = h('header', { class: 'case-header' });
  /** The side panel's head: facts and the status/priority/category controls. */
  private readonly factsEl = h('div', { class: 'case-header case-facts-block' });
  private readonly threadEl = h('ol', { class: 'thread' });
  private readonly presenceEl = h('p', { class: 'presence', role: 'status' });
  private presence: Presence | null = null;
  private readonly extras: CaseExtrasPanel;
  private readonly caller: CallerPanel;
  /** Referrals of the case to institutions (list, refer dialog, follow-up). */
  private readonly referrals: ReferralPanel;
  private readonly hold = new LegalHoldPanel();
  private readonly composer: Composer;
  /** Offers the outcome message when the case becomes referred or closed. */
  private readonly outcome: OutcomeOffer;
  private id: string | null = null;
  private detail: CaseDetail | null = null;
  private state: 'empty' | 'loading' | 'ready' | 'error' = 'empty';
  private patchError: string | null = null;
  private patching = false;
  private seq = 0;
  /**
   * Messages created or changed live while the case was being fetched: the fetched detail may be
   * a snapshot from before them (the worker can publish before the answer comes back), so they are
   * applied to it when it lands instead of being lost. A created one is added if the snapshot lacks
   * it; a changed one replaces the snapshot's copy (the last change seen wins, as it would live).
   */
  private liveDuringLoad: Map<string, { message: MessageView; changed: boolean }> | null = null;

  constructor(private readonly deps: CaseViewDeps) {
    this.composer = new Composer({
      send: (kind, text, to) => this.send(kind, text, to),
      recipients: () => (this.detail ? replyRecipientChoices(this.detail) : []),
      typing: (typing) => {
        if (this.id) this.deps.socket()?.emit('case:typing', { caseId: this.id, typing });
      },
      collision: (kind) => this.collision(kind),
      reference: () => this.detail?.reference ?? '',
      userId: this.deps.me.id,
    });
    this.threadEl.addEventListener('click', (ev) => void revealOnClick(ev));
    this.extras = new CaseExtrasPanel((id) => this.deps.openCase(id), this.deps.me.role);
    this.outcome = new OutcomeOffer(this.deps.me.id);
    this.referrals = new ReferralPanel({
      me: this.deps.me,
      socket: () => this.deps.socket(),
      openCase: (id) => this.deps.openCase(id),
    });
    this.caller = new CallerPanel({
      role: this.deps.me.role,
      openCase: (id) => this.deps.openCase(id),
      logCall: (onCase) => this.deps.logCall(onCase),
    });
    this.el.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && this.id && !(ev.target instanceof HTMLTextAreaElement)) this.deps.onClose();
    });
    this.render();
  }

  get openId(): string | null {
    return this.id;
  }

  /** The open case's reference, once it has loaded. */
  get openReference(): string | null {
    return this.detail?.reference ?? null;
  }

  /** `detail`: already fetched (a link by reference); otherwise fetched here. */
  async open(id: string, opts: { focus?: boolean; detail?: CaseDetail } = {}): Promise<void> {
    const socket = this.deps.socket();
    if (this.id && this.id !== id) socket?.emit('case:unwatch', { caseId: this.id });
    if (this.id !== id) {
      this.detail = null;
      this.patchError = null;
      this.presence = null;
      this.composer.switchTo(id);
      this.el.dataset.pane = 'conversation';
    }
    this.id = id;
    this.state = this.detail ? 'ready' : 'loading';
    if (!this.detail) this.render();
    const mine = ++this.seq;
    socket?.emit('case:watch', { caseId: id }, (r) => {
      if (r.presence) this.setPresence(r.presence);
    });
    this.liveDuringLoad = new Map();
    try {
      const detail = opts.detail?.id === id ? opts.detail : await api.case(id);
      if (mine !== this.seq) return;
      for (const { message: m, changed } of this.liveDuringLoad?.values() ?? []) {
        if (m.caseId !== id) continue;
        const at = detail.messages.findIndex((x) => x.id === m.id);
        if (at === -1) detail.messages.push(m);
        else if (changed) detail.messages[at] = m;
      }
      this.liveDuringLoad = null;
      this.detail = detail;
      this.state = 'ready';
      this.outcome.seen(detail);
      this.deps.onSeen(detail);
      this.deps.onLoaded?.(detail);
      void this.checkReply(detail);
      void this.extras.load(id);
      void this.caller.load(detail);
      void this.referrals.load(id, detail.reference);
      void this.hold.load(id);
    } catch {
      if (mine !== this.seq) return;
      this.liveDuringLoad = null;
      this.state = this.detail ? 'ready' : 'error';
    }
    this.render();
    if (opts.focus) document.getElementById(this.titleId)?.focus();
  }

  /** After a reconnect: fetch the open case again, keeping the draft. */
  refresh(): void {
    if (this.id) void this.open(this.id);
  }

  close(): void {
    if (this.id) this.deps.socket()?.emit('case:unwatch', { caseId: this.id });
    this.id = null;
    this.detail = null;
    this.state = 'empty';
    this.seq++;
    this.caller.clear();
    this.referrals.clear();
    this.hold.clear();
    this.render();
  }

  applySummary(c: CaseSummary): void {
    if (!this.detail || c.id !== this.id) return;
    this.detail = { ...this.detail, ...c };
    this.outcome.seen(this.detail);
    this.deps.onSeen(c);
    this.renderHeader();
    this.extras.refreshSoon();
  }

  /** The phone line answers (its routes exist): show the caller panel and call logging. */
  setPhone(on: boolean): void {
    this.caller.setEnabled(on);
  }

  callbackUpdated(cb: CallbackView): void {
    this.caller.callbackUpdated(cb);
  }

  setTags(caseId: string, tags: string[]): void {
    this.extras.setTags(caseId, tags);
  }

  setPresence(p: Presence): void {
    if (p.caseId !== this.id) return;
    this.presence = p;
    this.renderPresence();
  }

  /** r / n from the keyboard. */
  compose(kind: 'note' | 'reply'): void {
    this.composer.focus(kind);
  }

  private renderPresence(): void {
    const me = this.deps.me.id;
    const others = (this.presence?.viewers ?? []).filter((v) => v.userId !== me).map((v) => v.name);
    const typing = (this.presence?.typing ?? []).filter((v) => v.userId !== me).map((v) => v.name);
    replace(
      this.presenceEl,
      others.length ? h('span', { class: 'viewing' }, tx('alsoHere', { names: others.join(', ') })) : null,
      typing.length ? h('span', { class: 'typing' }, ' ', tx('typing', { names: typing.join(', ') })) : null,
    );
  }

  /** Another counselor typing here, or the case in someone else's hands: ask before a reply goes out. */
  private collision(kind: 'note' | 'reply'): string | null {
    if (kind !== 'reply' || !this.detail) return null;
    const me = this.deps.me.id;
    const typing = (this.presence?.typing ?? []).filter((v) => v.userId !== me).map((v) => v.name);
    if (typing.length) return tx('collisionTyping', { names: typing.join(', ') });
    if (this.detail.assigneeId && this.detail.assigneeId !== me)
      return tx('collisionAssigned', { name: this.detail.assigneeName ?? '' });
    return null;
  }

  private async checkReply(d: CaseDetail): Promise<void> {
    const { block, note } = await replyBlockReason(d);
    if (d.id === this.id) this.composer.setReplyBlocked(block, note);
  }

  addMessage(m: MessageView): void {
    if (m.caseId === this.id && !this.liveDuringLoad?.has(m.id))
      this.liveDuringLoad?.set(m.id, { message: m, changed: false });
    if (!this.detail || m.caseId !== this.id) return;
    if (this.detail.messages.some((x) => x.id === m.id)) return;
    this.detail.messages.push(m);
    // A new call on the case: its caller's calls and callback changed too.
    if (m.channel === 'phone') void this.caller.load(this.detail);
    const item = h('li', {}, messageArticle(m, this.detail));
    if (this.detail.messages.length === 1) replace(this.threadEl);
    this.threadEl.append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  updateMessage(m: MessageView): void {
    this.outcome.messageUpdated(m);
    if (m.caseId === this.id) this.liveDuringLoad?.set(m.id, { message: m, changed: true });
    if (!this.detail || m.caseId !== this.id) return;
    const i = this.detail.messages.findIndex((x) => x.id === m.id);
    if (i === -1) {
      this.addMessage(m);
      return;
    }
    this.detail.messages[i] = m;
    const old = this.threadEl.querySelector(`[data-message-id="${CSS.escape(m.id)}"]`);
    old?.replaceWith(messageArticle(m, this.detail));
  }

  render(): void {
    if (this.state === 'empty' || !this.id) {
      replace(this.el, h('p', { class: 'placeholder' }, t('selectCase')));
      return;
    }
    if (!this.detail) {
      const text = this.state === 'error' ? t('caseLoadError') : t('loading');
      replace(this.el, h('p', { class: this.state === 'error' ? 'error' : 'muted', role: 'status' }, text));
      return;
    }
    this.renderHeader();
    this.renderThread();
    this.renderPresence();
    this.extras.render();
    this.caller.render();
    this.referrals.render();
    this.hold.render();
    this.composer.render();
    const back = h('button', { type: 'button', class: 'pane-back' }, '← ', tn('backToCase'));
    back.addEventListener('click', () => this.showPane('conversation'));
    replace(
      this.el,
      h(
        'div',
        { class: 'conversation' },
        this.headerEl,
        this.presenceEl,
        h('h3', { class: 'visually-hidden' }, t('messages')),
        this.threadEl,
        this.composer.el,
      ),
      h(
        'aside',
        { class: 'case-details', id: this.detailsId, 'aria-label': tn('caseDetails') },
        back,
        this.factsEl,
        this.extras.el,
        this.caller.el,
        this.referrals.el,
        this.hold.el,
      ),
    );
    // The thread scrolls on its own: a case opens at its latest message, next to the composer.
    this.threadEl.scrollTop = this.threadEl.scrollHeight;
  }

  /** On a phone one pane at a time: the conversation, or the case's details (desktop shows both). */
  private showPane(pane: 'conversation' | 'details'): void {
    this.el.dataset.pane = pane;
    const target =
      pane === 'details'
        ? this.el.querySelector('.case-details .pane-back')
        : this.headerEl.querySelector('.pane-details');
    if (target instanceof HTMLElement) target.focus();
  }

  private renderThread(): void {
    const d = this.detail;
    if (!d) return;
    if (d.messages.length === 0) {
      replace(this.threadEl, h('li', { class: 'muted' }, t('noMessages')));
      return;
    }
    replace(
      this.threadEl,
      d.messages.map((m) => h('li', {}, messageArticle(m, d))),
    );
  }

  private renderHeader(focusField?: string): void {
    const d = this.detail;
    if (!d) return;
    const focusedName = focusField ?? (document.activeElement as HTMLElement | null)?.dataset?.field;
    renderCaseHead(
      { header: this.headerEl, facts: this.factsEl, outcome: this.outcome.el },
      { detail: d, meId: this.deps.me.id, patching: this.patching, patchError: this.patchError },
      { titleId: this.titleId, detailsId: this.detailsId },
      {
        patch: (p) => void this.patch(p),
        close: () => this.deps.onClose(),
        showDetails: () => this.showPane('details'),
      },
    );
    if (focusedName) this.el.querySelector<HTMLElement>(`[data-field="${focusedName}"]`)?.focus();
  }

  private async patch(p: CasePatch): Promise<void> {
    const id = this.id;
    if (!id || this.patching) return;
    const focusField = (document.activeElement as HTMLElement | null)?.dataset?.field;
    this.patching = true;
    this.patchError = null;
    this.renderHeader();
    try {
      const summary = await api.patchCase(id, p);
      this.deps.onSummary(summary);
      if (id === this.id) this.applySummary(summary);
    } catch (err) {
      if (id === this.id) this.patchError = t('refused', { reason: reasonOf(err) });
    } finally {
      this.patching = false;
      // Re-render either way: after a refusal the selects go back to what the server holds.
      if (id === this.id) this.renderHeader(focusField);
    }
  }

  private async send(kind: 'note' | 'reply', text: string, to?: string): Promise<string | null> {
    const id = this.id;
    if (!id) return null;
    try {
      const m = await api.addMessage(id, kind, text, to);
      this.addMessage(m);
      return null;
    } catch (err) {
      return t('sendFailed', { reason: reasonOf(err) });
    }
  }
}
