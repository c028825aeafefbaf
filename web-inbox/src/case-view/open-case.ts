import { batch, signal } from '@preact/signals';
import type { CaseDetail, CaseSummary, MessageView, Presence } from '../../../src/inbox/contract.ts';
import { ApiError, api, type CasePatch } from '../api.ts';
import { refusalText } from '../case-record/close-refusal.ts';
import type { CaseDescription } from '../case-record/record-api.ts';
import { t } from '../i18n/index.ts';
import type { CallbackView } from '../phone-api.ts';
import { replyBlockReason } from '../reply-guard.ts';
import { replyRecipientChoices } from '../reply-recipients.ts';
import { CaseLoading, type CaseTarget } from './case-loading.ts';
import { CasePanels, type CasePanelsDeps } from './case-panels.ts';

export interface OpenCaseDeps extends CasePanelsDeps {
  /** The case changed here (PATCH answer): the list should show it too. */
  onSummary: (c: CaseSummary) => void;
  /** The counselor has seen the case as it is now (read marker). */
  onSeen: (c: CaseSummary) => void;
  onClose: () => void;
  /** The case came from the server (its reference is known now). */
  onLoaded?: (d: CaseDetail) => void;
}

export type Pane = 'conversation' | 'details';

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/**
 * The open case, as signals the <CaseView> component renders: which case, loading or not, its detail
 * (kept current by live messages and summaries), who else is here, a change being saved; and its
 * dom-built panels (case-panels.ts).
 */
export class OpenCase {
  readonly state = signal<'empty' | 'loading' | 'ready' | 'error'>('empty');
  readonly detail = signal<CaseDetail | null>(null);
  readonly presence = signal<Presence | null>(null);
  readonly patching = signal(false);
  readonly patchError = signal<string | null>(null);
  /** On a phone one pane at a time: the conversation, or the case's details (desktop shows both). */
  readonly pane = signal<Pane | null>(null);
  /** Requests the view carries out once it has rendered: take the focus to the title or back to a control. */
  readonly focusTitle = signal(false);
  readonly focusField = signal<string | null>(null);
  /** Moves on when a case has landed: its thread opens at the latest message, next to the composer. */
  readonly landings = signal(0);
  /** A message that arrived while the case is open: scrolled into view. */
  readonly arrived = signal<string | null>(null);
  readonly panels: CasePanels;
  private id: string | null = null;
  private describedSeq = 0;
  private readonly loading = new CaseLoading();

  constructor(readonly deps: OpenCaseDeps) {
    this.panels = new CasePanels(deps, {
      send: (kind, text, to) => this.send(kind, text, to),
      recipients: () => {
        const d = this.detail.peek();
        return d ? replyRecipientChoices(d) : [];
      },
      typing: (typing) => {
        if (this.id) this.deps.socket()?.emit('case:typing', { caseId: this.id, typing });
      },
      collision: (kind) => this.collision(kind),
      reference: () => this.detail.peek()?.reference ?? '',
      userId: this.deps.me.id,
    });
  }

  /** Something is open or on its way (a case, or the loading or error in its place). */
  get isOpen(): boolean {
    return this.state.peek() !== 'empty';
  }

  get openId(): string | null {
    return this.id;
  }

  /** The open case's reference, once it has loaded. */
  get openReference(): string | null {
    return this.detail.peek()?.reference ?? null;
  }

  async open(id: string, opts: { focus?: boolean } = {}): Promise<void> {
    const mine = this.startLoading(this.id === id, { id });
    await this.land(mine, () => api.case(id), opts.focus);
  }

  /** A link by reference. Rejects when the case cannot be had (the caller says why); the view then shows an error. */
  async openByReference(ref: string, opts: { focus?: boolean } = {}): Promise<void> {
    const mine = this.startLoading(this.detail.peek()?.reference === ref, { reference: ref });
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
      batch(() => {
        this.detail.value = null;
        this.patchError.value = null;
        this.presence.value = null;
        this.pane.value = 'conversation';
        this.state.value = 'loading';
      });
    }
    return this.loading.begin(target);
  }

  private async land(mine: number, fetch: () => Promise<CaseDetail>, focus = false, rethrow = false): Promise<void> {
    let detail: CaseDetail;
    try {
      detail = await fetch();
    } catch (err) {
      if (!this.loading.isLatest(mine)) return;
      this.loading.failed();
      this.state.value = this.detail.peek() ? 'ready' : 'error';
      if (rethrow) throw err;
      return;
    }
    if (!this.loading.isLatest(mine)) return;
    this.loading.landed(detail);
    if (this.id !== detail.id) {
      this.id = detail.id;
      this.panels.composer.switchTo(detail.id);
    }
    // Again after a reconnect too: the new connection has not joined the case yet.
    this.deps.socket()?.emit('case:watch', { caseId: detail.id }, (r) => {
      if (r.presence) this.setPresence(r.presence);
    });
    batch(() => {
      this.detail.value = detail;
      this.state.value = 'ready';
      this.landings.value++;
      if (focus) this.focusTitle.value = true;
    });
    this.panels.outcome.seen(detail);
    this.deps.onSeen(detail);
    this.deps.onLoaded?.(detail);
    void this.checkReply(detail);
    this.panels.load(detail);
    this.panels.render();
  }

  close(): void {
    if (this.id) this.deps.socket()?.emit('case:unwatch', { caseId: this.id });
    this.id = null;
    this.loading.cancel();
    batch(() => {
      this.detail.value = null;
      this.state.value = 'empty';
    });
    this.panels.clear();
  }

  /** The language or the categories changed: the dom-built panels say everything again. */
  relabel(): void {
    if (this.detail.peek()) this.panels.render();
  }

  applySummary(c: CaseSummary): void {
    const d = this.detail.peek();
    if (!d || c.id !== this.id) return;
    const next = { ...d, ...c };
    this.detail.value = next;
    this.panels.outcome.seen(next);
    this.deps.onSeen(c);
    this.panels.extras.refreshSoon();
  }

  /** The phone line answers (its routes exist): show the caller panel and call logging. */
  setPhone(on: boolean): void {
    this.panels.caller.setEnabled(on);
  }

  callbackUpdated(cb: CallbackView): void {
    this.panels.caller.callbackUpdated(cb);
  }

  setTags(caseId: string, tags: string[]): void {
    this.panels.extras.setTags(caseId, tags);
  }

  setPresence(p: Presence): void {
    if (p.caseId === this.id) this.presence.value = p;
  }

  /** r / n from the keyboard. */
  compose(kind: 'note' | 'reply'): void {
    this.panels.composer.focus(kind);
  }

  /** Names of the other counselors viewing, or typing in, the case. */
  others(which: 'viewers' | 'typing'): string[] {
    const me = this.deps.me.id;
    return (this.presence.value?.[which] ?? []).filter((v) => v.userId !== me).map((v) => v.name);
  }

  /** Another counselor typing here, or the case in someone else's hands: ask before a reply goes out. */
  private collision(kind: 'note' | 'reply'): string | null {
    const d = this.detail.peek();
    if (kind !== 'reply' || !d) return null;
    const typing = this.others('typing');
    if (typing.length) return t('inbox.collisionTyping', { names: typing.join(', ') });
    if (d.assigneeId && d.assigneeId !== this.deps.me.id)
      return t('inbox.collisionAssigned', { name: d.assigneeName ?? '' });
    return null;
  }

  private async checkReply(d: CaseDetail): Promise<void> {
    const { block, note } = await replyBlockReason(d);
    if (d.id === this.id) this.panels.composer.setReplyBlocked(block, note);
  }

  addMessage(m: MessageView): void {
    this.loading.created(m);
    const d = this.detail.peek();
    if (!d || m.caseId !== this.id) return;
    if (d.messages.some((x) => x.id === m.id)) return;
    const next = { ...d, messages: [...d.messages, m] };
    batch(() => {
      this.detail.value = next;
      this.arrived.value = m.id;
    });
    // A new call on the case: its caller's calls and callback changed too.
    if (m.channel === 'phone') void this.panels.caller.load(next);
  }

  updateMessage(m: MessageView): void {
    this.panels.outcome.messageUpdated(m);
    this.loading.changed(m);
    const d = this.detail.peek();
    if (!d || m.caseId !== this.id) return;
    const i = d.messages.findIndex((x) => x.id === m.id);
    if (i === -1) {
      this.addMessage(m);
      return;
    }
    this.detail.value = { ...d, messages: d.messages.map((x, j) => (j === i ? m : x)) };
  }

  showPane(pane: Pane): void {
    this.pane.value = pane;
  }

  /** Saves a change; a refusal is said in `onError` when given, else beside the case's controls. */
  async patch(p: CasePatch, onError?: (text: string) => void): Promise<boolean> {
    const id = this.id;
    if (!id || this.patching.peek()) return false;
    const focusField = (document.activeElement as HTMLElement | null)?.dataset?.field ?? null;
    batch(() => {
      this.patching.value = true;
      this.patchError.value = null;
    });
    try {
      const summary = await api.patchCase(id, p);
      this.deps.onSummary(summary);
      if (id === this.id) this.applySummary(summary);
      return true;
    } catch (err) {
      // A refused close says what is still missing (the record fields admins require, the category).
      if (id === this.id) {
        if (onError) onError(refusalText(err));
        else this.patchError.value = refusalText(err);
      }
      return false;
    } finally {
      batch(() => {
        this.patching.value = false;
        // Re-rendered either way: after a refusal the selects go back to what the server holds.
        if (id === this.id) this.focusField.value = focusField;
      });
    }
  }

  /**
   * A change to the case's record: shown as soon as it is saved (the PATCH answer carries no
   * description); `case:described` then brings what the server holds and what closing still needs.
   */
  async describe(change: Partial<CaseDescription>, onError: (text: string) => void): Promise<void> {
    const id = this.id;
    const seen = this.describedSeq;
    // The panel offers only the server's own codes (its lists), so the change is the PATCH's shape.
    if (!(await this.patch(change as CasePatch, onError))) return;
    const d = this.detail.peek();
    if (!d || d.id !== id || seen !== this.describedSeq) return;
    this.detail.value = { ...d, description: { ...d.description, ...change } };
  }

  /** `case:described` (from this counselor or another): the record and what closing needs, live. */
  described(e: { caseId: string; description: CaseDescription; missingForClose: CaseDetail['missingForClose'] }): void {
    const d = this.detail.peek();
    if (!d || e.caseId !== this.id) return;
    this.describedSeq++;
    this.detail.value = { ...d, description: e.description, missingForClose: e.missingForClose };
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
