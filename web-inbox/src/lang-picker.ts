import { h, select, uid } from './dom.ts';
import { LANG_NAMES, LANGS, type Lang, lang, setLang, t } from './i18n/index.ts';

export function langPicker(): HTMLElement {
  const id = uid('lang');
  const sel = select(
    { id, class: 'lang-select' },
    LANGS.map((l) => ({ value: l, label: LANG_NAMES[l] })),
    lang(),
  );
  sel.addEventListener('change', () => setLang(sel.value as Lang));
  return h('div', { class: 'lang-picker' }, h('label', { for: id }, t('app.language')), sel);
}

/** Re-render after a language switch without losing keyboard focus on the picker. */
export function rerenderKeepingPicker(root: HTMLElement, render: () => void): void {
  const onPicker = document.activeElement?.classList.contains('lang-select') === true;
  render();
  if (onPicker) root.querySelector<HTMLSelectElement>('.lang-select')?.focus();
}
