/**
 * The inbox's one translator: `t('namespace.key', vars)` over the catalogs in ./catalogs/ (English and Serbian Latin
 * written out, Serbian Cyrillic transliterated from the Latin), plus the chosen language.
 */
import { signal } from '@preact/signals';
import { type Key, LANGS, type Lang, TABLES } from './catalogs.ts';

export { type Key, LANGS, type LabelGroup, type Lang } from './catalogs.ts';

/** Each language's name in itself, so a counselor can always find their own. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = {
  'sr-Latn': 'Srpski (latinica)',
  'sr-Cyrl': 'Српски (ћирилица)',
  en: 'English',
};

const STORAGE_KEY = 'kontakt.inbox.lang';

const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGS as readonly string[]).includes(v);

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : 'sr-Latn';
  } catch {
    return 'sr-Latn';
  }
}

/** A signal: a Preact component that calls t() or lang() renders again when the language changes. */
const current = signal<Lang>(storedLang());
const listeners = new Set<() => void>();

export const lang = (): Lang => current.value;

/** BCP 47 locale for dates and numbers. */
export const locale = (): string => ({ 'sr-Latn': 'sr-Latn-RS', 'sr-Cyrl': 'sr-Cyrl-RS', en: 'en-GB' })[lang()];

export function setLang(next: Lang): void {
  if (next === current.peek()) return;
  current.value = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = next;
  for (const fn of listeners) fn();
}

export function onLangChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Whether a key built at run time (e.g. from a code the server sent) is in the catalogs. */
export const isKey = (key: string): key is Key => TABLES.en.has(key);

/** The text of a key in the counselor's language, {placeholders} filled from vars (unknown ones left as they are). */
export function t(key: Key, vars: Record<string, string | number> = {}): string {
  const text = TABLES[lang()].get(key) ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (vars[name] === undefined ? m : String(vars[name])));
}
