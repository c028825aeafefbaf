import './phone.css';
import { h, uid } from './dom.ts';
import { t } from './i18n/index.ts';

/**
 * A modal <dialog>: the browser keeps focus inside it and Escape closes it. It is removed from the
 * page when closed, so each opening starts fresh (a new idempotency key for the call form).
 */
export function modal(title: string, cls: string): { dialog: HTMLDialogElement; body: HTMLElement; close(): void } {
  const titleId = uid('dialog-title');
  const closeBtn = h(
    'button',
    { type: 'button', class: 'close', 'aria-label': t('phone.close'), title: t('phone.close') },
    '×',
  );
  const body = h('div', { class: 'dialog-body' });
  const dialog = h(
    'dialog',
    { class: `phone-dialog ${cls}`, 'aria-labelledby': titleId },
    h('div', { class: 'dialog-title-row' }, h('h2', { id: titleId }, title), closeBtn),
    body,
  );
  const close = () => dialog.close();
  closeBtn.addEventListener('click', close);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, body, close };
}

/** A labelled field wrapper; the hint is tied to the input for screen readers. */
export function field(labelText: string, input: HTMLElement, hint?: string): HTMLElement {
  const id = input.id || uid('field');
  input.id = id;
  const hintEl = hint ? h('p', { class: 'hint', id: uid('hint') }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), input, hintEl);
}
