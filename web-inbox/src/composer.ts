import { h, replace, uid } from './dom.ts';
import { t } from './i18n.ts';

type Kind = 'note' | 'reply';
/** Sends; resolves with an error sentence, or null when the message was accepted. */
type Send = (kind: Kind, text: string) => Promise<string | null>;

/**
 * The message composer. Its textarea lives as long as the page, so re-rendering (a language
 * switch, a live update) never loses what the counselor is typing; drafts are kept per case.
 */
export class Composer {
  readonly el = h('form', { class: 'composer' });
  private readonly textId = uid('composer-text');
  private readonly textarea = h('textarea', { id: this.textId, rows: 4, maxlength: 20000, name: 'text' });
  private readonly drafts = new Map<string, { kind: Kind; text: string }>();
  private caseId: string | null = null;
  private kind: Kind = 'note';
  private sending = false;
  private error: string | null = null;

  constructor(private readonly sendFn: Send) {
    this.textarea.addEventListener('input', () => this.saveDraft());
    this.textarea.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        void this.submit();
      }
    });
    this.el.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.submit();
    });
  }

  switchTo(caseId: string): void {
    this.saveDraft();
    this.caseId = caseId;
    const d = this.drafts.get(caseId);
    this.kind = d?.kind ?? 'note';
    this.textarea.value = d?.text ?? '';
    this.error = null;
  }

  render(): void {
    const name = uid('kind');
    const radio = (value: Kind, text: string) => {
      const id = uid(`kind-${value}`);
      const input = h('input', { type: 'radio', name, id, value, disabled: this.sending });
      input.checked = this.kind === value;
      input.addEventListener('change', () => {
        if (input.checked) {
          this.kind = value;
          this.saveDraft();
          this.el.classList.toggle('composing-reply', value === 'reply');
        }
      });
      return h('span', { class: 'radio' }, input, h('label', { for: id }, text));
    };
    this.textarea.disabled = this.sending;
    this.el.classList.toggle('composing-reply', this.kind === 'reply');
    this.el.setAttribute('aria-label', t('composer'));
    replace(
      this.el,
      h(
        'fieldset',
        { class: 'kind' },
        h('legend', {}, t('composerKind')),
        radio('note', t('kindNote')),
        radio('reply', t('kindReply')),
      ),
      h('label', { for: this.textId, class: 'field-label' }, t('messageText')),
      this.textarea,
      this.error ? h('p', { class: 'error', role: 'alert' }, this.error) : null,
      h(
        'div',
        { class: 'composer-actions' },
        h('button', { type: 'submit', class: 'primary', disabled: this.sending }, t(this.sending ? 'sending' : 'send')),
      ),
    );
  }

  private saveDraft(): void {
    if (this.caseId) this.drafts.set(this.caseId, { kind: this.kind, text: this.textarea.value });
  }

  private async submit(): Promise<void> {
    const text = this.textarea.value;
    const forCase = this.caseId;
    if (this.sending || !forCase || text.trim() === '') return;
    this.sending = true;
    this.error = null;
    this.render();
    const error = await this.sendFn(this.kind, text);
    this.sending = false;
    if (!error) this.drafts.delete(forCase);
    if (forCase === this.caseId) {
      this.error = error;
      if (!error) this.textarea.value = '';
    }
    this.render();
    this.textarea.focus();
  }
}
