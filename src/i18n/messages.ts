import { normaliseLanguageTag } from './lang-tag.ts';
import { REPORT_PAGE_MESSAGES } from './report-page.messages.ts';
import { latinToCyrillic } from './translit.ts';

export type Lang = 'sr-Latn' | 'sr-Cyrl' | 'en';
export const LANGS: readonly Lang[] = ['sr-Latn', 'sr-Cyrl', 'en'];
const DEFAULT_LANG: Lang = 'sr-Latn';

/** Each language's own name, written in that language and script (used by the switcher). */
export const LANG_NAMES: Readonly<Record<Lang, string>> = {
  'sr-Latn': 'Latinica',
  'sr-Cyrl': 'Ћирилица',
  en: 'English',
};

/** A string as authored: Serbian in Latin script and English. Cyrillic is derived. */
export interface Bilingual {
  readonly sr: string;
  readonly en: string;
}

export type Params = Readonly<Record<string, string | number>>;

/**
 * Build the three-language table from Serbian Latin + English entries. `cyrillic` holds
 * the hand-written Cyrillic for entries where letter-for-letter transliteration is wrong
 * (foreign names such as Facebook, or a digraph that is really two letters).
 */
export function trilingual<K extends string>(
  entries: Readonly<Record<K, Bilingual>>,
  cyrillic?: Readonly<Partial<Record<K, string>>>,
): Readonly<Record<Lang, Readonly<Record<K, string>>>> {
  const latn = {} as Record<K, string>;
  const cyrl = {} as Record<K, string>;
  const en = {} as Record<K, string>;
  for (const key of Object.keys(entries) as K[]) {
    const entry = entries[key];
    latn[key] = entry.sr;
    cyrl[key] = cyrillic?.[key] ?? latinToCyrillic(entry.sr);
    en[key] = entry.en;
  }
  return { 'sr-Latn': latn, 'sr-Cyrl': cyrl, en };
}

/** Replace `{name}` with params.name; unknown placeholders stay visible so a gap is noticed. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export type MessageKey = keyof typeof REPORT_PAGE_MESSAGES;

const CYRILLIC_OVERRIDES: Partial<Record<MessageKey, string>> = {
  // Brand names: Serbian Cyrillic spells the platforms phonetically.
  'footer.social': 'Фејсбук и Инстаграм: {page}',
};

export const MESSAGES = trilingual<MessageKey>(REPORT_PAGE_MESSAGES, CYRILLIC_OVERRIDES);
export const MESSAGE_KEYS = Object.keys(REPORT_PAGE_MESSAGES) as MessageKey[];

export function t(lang: Lang, key: MessageKey, params?: Params): string {
  return interpolate(MESSAGES[lang][key], params);
}

/** Accept-Language ranges, best first; q=0 means "not this one". */
function parseAcceptLanguage(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...attrs] = part.trim().split(';');
      const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
      const q = qAttr === undefined ? 1 : Number(qAttr.slice(2));
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.tag !== '' && r.tag !== '*' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((r) => r.tag);
}

/**
 * The page language: the `lang` query parameter wins, then Accept-Language, then Serbian Latin.
 * Plain "sr" means Latin script here, as most people in Serbia type and read online.
 */
export function pickLang(query?: string, acceptLanguage?: string): Lang {
  if (query !== undefined && query.trim() !== '') {
    const fromQuery = normaliseLanguageTag(query);
    if (fromQuery) return fromQuery;
  }
  if (acceptLanguage) {
    for (const tag of parseAcceptLanguage(acceptLanguage)) {
      const lang = normaliseLanguageTag(tag);
      if (lang) return lang;
    }
  }
  return DEFAULT_LANG;
}
