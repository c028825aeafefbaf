/** The case taxonomy as the admins keep it (GET /api/categories): data the labels read, not translation. */
import { request } from './api.ts';
import { type Lang, t } from './i18n/index.ts';
import { setCategorySource } from './i18n/labels.ts';

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
      return c.retired ? t('taxonomy.retiredSuffix', { label: c.labels[l] }) : c.labels[l];
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
