import { CannedPicker } from './canned-picker.ts';
import { h, replace, uid } from './dom.ts';
import { DraftStore } from './drafts.ts';
import { t } from './i18n/index.ts';

type Kind = 'note' | 'reply';

export interface ComposerDeps {
  /**
   * Sends; resolves with an error sentence, or null when the message was accepted. `to`: another
   * address for this one reply (absent: the contact's own).
   */
  send(kind: Kind, text: string, to?: string): Promise<string | null>;
  /** Where a reply may go: the contact's own address first (the default), then others seen on the case. */
  recipients(): string[];
  /** The counselor started (true) or stopped (false) typing. */
  typing(typing: boolean): void;
  /** A reason to stop and ask before sending (someone else is answering), or null. */
  collision(kind: Kind): string | null;
  reference(): string;
  userId: string;
}

const TYPING_IDLE_MS = 4_000;

/**
 * The message composer. Its textarea lives as long as the page, so re-rendering never loses what
 * the counselor is typing; drafts are kept per case in this browser and survive a reload.
 */
export class Composer {
  readonly el = h('form', { class: 'composer' });
  private readonly textId = uid('composer-text');
  private readonly textarea = h('textarea', { id: this.textId, rows: 4, maxlength: 20000, name: 'text' });
  private readonly drafts: DraftStore;
  private readonly canned: CannedPicker;
  private caseId: string | null = null;
  private kind: Kind = 'note';
  private sending = false;
  private error: string | null = null;
  private warning: string | null = null;
  private replyBlocked: string | null = null;
  private replyNote: string | null = null;
  /** Another address picked for the next reply only; null = the contact's own. */
  private recipient: string | null = null;
  private readonly recipientId = uid('composer-to');
  private typingNow = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: ComposerDeps) {
    this.drafts = new DraftStore(deps.userId);
    this.canned = new CannedPicker(deps.reference, (text) => this.insert(text));
    this.textarea.addEventListener('input', () => {
      this.saveDraft();
      this.signalTyping();
    });
    this.textarea.addEventListener('blur', () => this.stopTyping());
    this.textarea.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        void this.submit(false);
      }
    });
    this.el.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.submit(false);
    });
  }

  switchTo(caseId: string): void {
    this.stopTyping();
    this.saveDraft();
    this.caseId = caseId;
    const d = this.drafts.get(caseId);
    this.kind = d?.kind ?? 'note';
    this.textarea.value = d?.text ?? '';
    this.error = null;
    this.warning = null;
    this.replyBlocked = null;
    this.replyNote = null;
    this.recipient = null;
  }

  /** `note`: how long a reply is still possible (Meta's messaging window), shown under the choice. */
  setReplyBlocked(reason: string | null, note: string | null = null): void {
    this.replyBlocked = reason;
    this.replyNote = note;
    if (reason && this.kind === 'reply') this.kind = 'note';
    this.render();
  }

  focus(kind: Kind): void {
    if (kind === 'reply' && this.replyBlocked) kind = 'note';
    this.kind = kind;
    this.render();
    this.textarea.focus();
  }

  render(): void {
    const name = uid('kind');
    const radio = (value: Kind, text: string, disabled: boolean) => {
      const id = uid(`kind-${value}`);
      const input = h('input', { type: 'radio', name, id, value, disabled: this.sending || disabled });
      input.checked = this.kind === value;
      input.addEventListener('change', () => {
        if (input.checked) {
          this.kind = value;
          this.warning = null;
          this.saveDraft();
          this.el.classList.toggle('composing-reply', value === 'reply');
        }
      });
      return h('span', { class: 'radio' }, input, h('label', { for: id }, text));
    };
    this.textarea.disabled = this.sending;
    this.el.classList.toggle('composing-reply', this.kind === 'reply');
    this.el.setAttribute('aria-label', t('app.composer'));
    const warning = this.warning
      ? h(
          'div',
          { class: 'collision', role: 'alert' },
          h('p', {}, this.warning),
          this.button(t('inbox.sendAnyway'), 'primary', () => void this.submit(true)),
          this.button(t('inbox.cancel'), '', () => {
            this.warning = null;
            this.render();
          }),
        )
      : null;
    replace(
      this.el,
      h(
        'fieldset',
        { class: 'kind' },
        h('legend', {}, t('app.composerKind')),
        radio('note', t('app.kindNote'), false),
        radio('reply', t('app.kindReply'), this.replyBlocked !== null),
      ),
      this.replyBlocked
        ? h('p', { class: 'cannot-reply' }, t('inbox.cannotReply', { reason: this.replyBlocked }))
        : null,
      !this.replyBlocked && this.replyNote ? h('p', { class: 'reply-window' }, this.replyNote) : null,
      this.kind === 'reply' ? this.recipientPicker() : null,
      this.canned.el,
      h('label', { for: this.textId, class: 'field-label' }, t('app.messageText')),
      this.textarea,
      this.error ? h('p', { class: 'error', role: 'alert' }, this.error) : null,
      warning,
      h(
        'div',
        { class: 'composer-actions' },
        h(
          'button',
          { type: 'submit', class: 'primary', disabled: this.sending },
          t(this.sending ? 'app.sending' : 'app.send'),
        ),
      ),
    );
    this.canned.render();
  }

  /** A small choice of address, shown only when the case has more than one; defaults to the contact's. */
  private recipientPicker(): HTMLElement | null {
    const [own, ...others] = this.deps.recipients();
    if (!own || others.length === 0) return null;
    const picker = h(
      'select',
      { id: this.recipientId, name: 'to', disabled: this.sending },
      h('option', { value: '' }, t('inbox.recipientContact', { address: own })),
      others.map((a) => h('option', { value: a }, a)),
    );
    picker.value = this.recipient ?? '';
    picker.addEventListener('change', () => {
      this.recipient = picker.value || null;
      this.render();
    });
    return h(
      'p',
      { class: 'reply-recipient' },
      h('label', { for: this.recipientId, class: 'field-label' }, t('inbox.replyRecipient')),
      ' ',
      picker,
      this.recipient ? h('span', { class: 'hint' }, ' ', t('inbox.recipientOnce')) : null,
    );
  }

  private button(text: string, cls: string, onClick: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', class: cls }, text);
    b.addEventListener('click', onClick);
    return b;
  }

  private insert(text: string): void {
    const ta = this.textarea;
    const at = ta.selectionStart ?? ta.value.length;
    ta.value = ta.value.slice(0, at) + text + ta.value.slice(ta.selectionEnd ?? at);
    this.saveDraft();
    ta.focus();
  }

  private signalTyping(): void {
    if (!this.typingNow) {
      this.typingNow = true;
      this.deps.typing(true);
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.typingNow) return;
    this.typingNow = false;
    this.deps.typing(false);
  }

  private saveDraft(): void {
    if (this.caseId) this.drafts.set(this.caseId, { kind: this.kind, text: this.textarea.value });
  }

  private async submit(confirmed: boolean): Promise<void> {
    const text = this.textarea.value;
    const forCase = this.caseId;
    if (this.sending || !forCase || text.trim() === '') return;
    if (this.kind === 'reply' && this.replyBlocked) return;
    const collision = confirmed ? null : this.deps.collision(this.kind);
    if (collision) {
      this.warning = collision;
      this.render();
      return;
    }
    this.warning = null;
    this.stopTyping();
    this.sending = true;
    this.error = null;
    this.render();
    const to = this.kind === 'reply' && this.recipient ? this.recipient : undefined;
    const error = await this.deps.send(this.kind, text, to);
    this.sending = false;
    if (!error) this.drafts.delete(forCase);
    // Another address is for one reply: the next goes to the contact again.
    if (!error && forCase === this.caseId) this.recipient = null;
    if (forCase === this.caseId) {
      this.error = error;
      if (!error) this.textarea.value = '';
    }
    this.render();
    this.textarea.focus();
  }
}
