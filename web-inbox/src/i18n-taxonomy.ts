import { latinToCyrillic as toCyrillic } from '../../src/i18n/translit.ts';
import { request } from './api.ts';
import { type Lang, lang, setCategorySource } from './i18n.ts';

/** Strings of the taxonomy screen; Cyrillic is transliterated from Latin. */
const srLatn = {
  openTaxonomy: 'Kategorije',
  taxonomyTitle: 'Kategorije predmeta',
  taxonomyIntro:
    'Šifre se ne menjaju. Povučena kategorija ostaje na starim predmetima i u statistici, ali se ne nudi za nove.',
  code: 'Šifra',
  labelLatn: 'Naziv (latinica)',
  labelCyrl: 'Naziv (ćirilica)',
  labelEn: 'Naziv (engleski)',
  state: 'Stanje',
  active: 'U upotrebi',
  retired: 'Povučena',
  retiredSuffix: '{label} (povučena)',
  save: 'Sačuvaj nazive',
  retire: 'Povuci',
  restore: 'Vrati u upotrebu',
  addTitle: 'Nova kategorija',
  add: 'Dodaj kategoriju',
  codeHint: 'Mala slova, cifre i _, počinje slovom; kasnije se ne menja.',
  cyrlHint: 'Prazno: preslovljava se iz latinice.',
  saved: 'Sačuvano.',
  failed: 'Nije sačuvano: {reason}',
  loadFailed: 'Kategorije nisu učitane.',
  loading: 'Učitavanje…',
};

type Key = keyof typeof srLatn;

const en: Record<Key, string> = {
  openTaxonomy: 'Categories',
  taxonomyTitle: 'Case categories',
  taxonomyIntro:
    'Codes never change. A retired category stays on old cases and in the statistics, but is not offered for new ones.',
  code: 'Code',
  labelLatn: 'Name (Serbian Latin)',
  labelCyrl: 'Name (Serbian Cyrillic)',
  labelEn: 'Name (English)',
  state: 'State',
  active: 'In use',
  retired: 'Retired',
  retiredSuffix: '{label} (retired)',
  save: 'Save names',
  retire: 'Retire',
  restore: 'Restore',
  addTitle: 'New category',
  add: 'Add category',
  codeHint: 'Lower-case letters, digits and _, starting with a letter; it never changes.',
  cyrlHint: 'Empty: transliterated from the Latin name.',
  saved: 'Saved.',
  failed: 'Not saved: {reason}',
  loadFailed: 'The categories could not be loaded.',
  loading: 'Loading…',
};

const cyrl = Object.fromEntries(Object.entries(srLatn).map(([k, v]) => [k, toCyrillic(v)])) as Record<Key, string>;

export function tt(key: Key, vars: Record<string, string | number> = {}): string {
  const dict = lang() === 'en' ? en : lang() === 'sr-Cyrl' ? cyrl : srLatn;
  return dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars[name] === undefined ? m : String(vars[name])));
}

/** A category as GET /api/categories returns it. */
export interface Category {
  code: string;
  labels: Record<Lang, string>;
  position: number;
  retired: boolean;
  retiredAt: string | null;
}

let loaded: Category[] = [];

export const categories = (): Category[] => loaded;

/** Replace what the inbox knows (after a load or an admin's change); every label() call sees it at once. */
export function setCategories(items: Category[]): void {
  loaded = [...items].sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));
  const byCode = new Map(loaded.map((c) => [c.code, c]));
  setCategorySource({
    label(code, l) {
      const c = byCode.get(code);
      if (!c) return undefined;
      return c.retired ? tt('retiredSuffix', { label: c.labels[l] }) : c.labels[l];
    },
    activeCodes: () => loaded.filter((c) => !c.retired).map((c) => c.code),
  });
}

export const categoryApi = {
  list: () => request<{ items: Category[] }>('GET', '/api/categories'),
  add: (body: { code: string; labels: Partial<Record<Lang, string>> }) =>
    request<Category>('POST', '/api/categories', body),
  change: (code: string, body: { labels?: Partial<Record<Lang, string>>; retired?: boolean }) =>
    request<Category>('PATCH', `/api/categories/${encodeURIComponent(code)}`, body),
};

/** Fetch the taxonomy; on failure the built-in labels stay in use. */
export async function loadCategories(): Promise<boolean> {
  try {
    setCategories((await categoryApi.list()).items);
    return true;
  } catch {
    return false;
  }
}
