import type { CaseDetail, CaseSummary, MessageView, Presence } from '../../src/inbox/contract.ts';
import { ApiError, api, type CasePatch, type User } from './api.ts';
import { revealOnClick } from './attachment-reveal.ts';
import { CallerPanel } from './caller-panel.ts';
import { CaseExtrasPanel } from './case-extras.ts';
import { renderCaseHead } from './case-head.ts';
import { CaseLoading, type CaseTarget } from './case-loading.ts';
import { Composer } from './composer.ts';
import { h, replace, uid } from './dom.ts';
import { t } from './i18n/index.ts';
import { LegalHoldPanel } from './legal-hold-panel.ts';
import type { LiveSocket } from './live.ts';
import { messageArticle } from './message-view.ts';
import { OutcomeOffer } from './outcome-dialog.ts';
import type { CallbackView } from './phone-api.ts';
import { ReferralPanel } from './referral-panel.ts';
import { replyBlockReason } from './reply-guard.ts';
import { replyRecipientChoices } from './reply-recipients.ts';

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
  private readonly loading = new CaseLoading();

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
      if (ev.key === 'Escape' && this.isOpen && !(ev.target instanceof HTMLTextAreaElement)) this.deps.onClose();
    });
    this.render();
  }

  /** Something is open or on its way (a case, or the loading or error in its place). */
  get isOpen(): boolean {
    return this.state !== 'empty';
  }

  get openId(): string | null {
    return this.id;
  }

  /** The open case's reference, once it has loaded. */
  get openReference(): string | null {
    return this.detail?.reference ?? null;
  }

  async open(id: string, opts: { focus?: boolean } = {}): Promise<void> {
    const mine = this.startLoading(this.id === id, { id });
    await this.land(mine, () => api.case(id), opts.focus);
  }

  /** A link by reference. Rejects when the case cannot be had (the caller says why); the view then shows an error. */
  async openByReference(ref: string, opts: { focus?: boolean } = {}): Promise<void> {
    const mine = this.startLoading(this.detail?.reference === ref, { reference: ref });
    await this.land(mine, () => api.caseByReference(ref), opts.focus, true);
  }

  /** After a reconnect: fetch the open case again, keeping the draft. */
  refresh(): void {
    const p = this.id ? { id: this.id } : this.loading.target;
    if (p && 'id' in p) void this.open(p.id);
    else if (p) void this.openByReference(p.reference).catch(() => {});
  }

  /**
   * Another case leaves at once (no key, typing or watch acts on it while the next one loads);
   * the same one stays on screen while it is fetched again. Live messages are kept from here on.
   */
  private startLoading(same: boolean, target: CaseTarget): number {
    if (!same) {
      if (this.id) this.deps.socket()?.emit('case:unwatch', { caseId: this.id });
      this.id = null;
      this.detail = null;
      this.patchError = null;
      this.presence = null;
      this.el.dataset.pane = 'conversation';
      this.state = 'loading';
      this.render();
    }
    return this.loading.begin(target);
  }

  private async land(mine: number, fetch: () => Promise<CaseDetail>, focus = false, rethrow = false): Promise<void> {
    try {
      const detail = await fetch();
      if (!this.loading.isLatest(mine)) return;
      this.loading.landed(detail);
      if (this.id !== detail.id) {
        this.id = detail.id;
        this.composer.switchTo(detail.id);
      }
      // Again after a reconnect too: the new connection has not joined the case yet.
      this.deps.socket()?.emit('case:watch', { caseId: detail.id }, (r) => {
        if (r.presence) this.setPresence(r.presence);
      });
      this.detail = detail;
      this.state = 'ready';
      this.outcome.seen(detail);
      this.deps.onSeen(detail);
      this.deps.onLoaded?.(detail);
      void this.checkReply(detail);
      void this.extras.load(detail.id);
      void this.caller.load(detail);
      void this.referrals.load(detail.id, detail.reference);
      void this.hold.load(detail.id);
    } catch (err) {
      if (!this.loading.isLatest(mine)) return;
      this.loading.failed();
      this.state = this.detail ? 'ready' : 'error';
      this.render();
      if (rethrow) throw err;
      return;
    }
    this.render();
    if (focus) document.getElementById(this.titleId)?.focus();
  }

  close(): void {
    if (this.id) this.deps.socket()?.emit('case:unwatch', { caseId: this.id });
    this.id = null;
    this.detail = null;
    this.loading.cancel();
    this.state = 'empty';
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
      others.length ? h('span', { class: 'viewing' }, t('inbox.alsoHere', { names: others.join(', ') })) : null,
      typing.length ? h('span', { class: 'typing' }, ' ', t('inbox.typing', { names: typing.join(', ') })) : null,
    );
  }

  /** Another counselor typing here, or the case in someone else's hands: ask before a reply goes out. */
  private collision(kind: 'note' | 'reply'): string | null {
    if (kind !== 'reply' || !this.detail) return null;
    const me = this.deps.me.id;
    const typing = (this.presence?.typing ?? []).filter((v) => v.userId !== me).map((v) => v.name);
    if (typing.length) return t('inbox.collisionTyping', { names: typing.join(', ') });
    if (this.detail.assigneeId && this.detail.assigneeId !== me)
      return t('inbox.collisionAssigned', { name: this.detail.assigneeName ?? '' });
    return null;
  }

  private async checkReply(d: CaseDetail): Promise<void> {
    const { block, note } = await replyBlockReason(d);
    if (d.id === this.id) this.composer.setReplyBlocked(block, note);
  }

  addMessage(m: MessageView): void {
    this.loading.created(m);
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
    this.loading.changed(m);
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
    if (this.state === 'empty') {
      replace(this.el, h('p', { class: 'placeholder' }, t('app.selectCase')));
      return;
    }
    if (!this.detail) {
      const text = this.state === 'error' ? t('app.caseLoadError') : t('app.loading');
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
    const back = h('button', { type: 'button', class: 'pane-back' }, '← ', t('inbox.backToCase'));
    back.addEventListener('click', () => this.showPane('conversation'));
    replace(
      this.el,
      h(
        'div',
        { class: 'conversation' },
        this.headerEl,
        this.presenceEl,
        h('h3', { class: 'visually-hidden' }, t('app.messages')),
        this.threadEl,
        this.composer.el,
      ),
      h(
        'aside',
        { class: 'case-details', id: this.detailsId, 'aria-label': t('inbox.caseDetails') },
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
      replace(this.threadEl, h('li', { class: 'muted' }, t('app.noMessages')));
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
      if (id === this.id) this.patchError = t('app.refused', { reason: reasonOf(err) });
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
      return t('app.sendFailed', { reason: reasonOf(err) });
    }
  }
}
