import { latinToCyrillic } from '../i18n/translit.ts';
import type { AuditEntry, AuditOf } from './audit.ts';
import type { Actor } from './case.service.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { DEFAULT_CATEGORIES } from './taxonomy.ts';

export const TAXONOMY_LANGS = ['sr-Latn', 'sr-Cyrl', 'en'] as const;
export type TaxonomyLang = (typeof TAXONOMY_LANGS)[number];
export type CategoryLabels = Record<TaxonomyLang, string>;

export interface Category {
  code: string;
  labels: CategoryLabels;
  position: number;
  /** Retired: not offered for new classification; still valid on the cases that have it. */
  retired: boolean;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Where a code stands: offered, kept for history, or unknown. */
export type CategoryState = 'active' | 'retired' | null;

const latin = {
  illegal_content: [
    'Nezakonit sadržaj / seksualno zlostavljanje dece',
    'Illegal content / child sexual abuse material',
  ],
  integrity: ['Ugrožavanje integriteta deteta', 'Harm to a child’s integrity'],
  rights: ['Kršenje prava deteta', 'Violation of a child’s rights'],
  health: ['Zdravlje', 'Health'],
  wellbeing: ['Dobrobit', 'Well-being'],
  addiction: ['Rizik od zavisnosti od interneta', 'Risk of internet addiction'],
  advice: ['Savet roditeljima i nastavnicima', 'Advice for parents and teachers'],
  other: ['Drugo', 'Other'],
} as const satisfies Record<(typeof DEFAULT_CATEGORIES)[number], readonly [string, string]>;

/** The defaults as the inbox has always named them; seeded once, then the admins' to change. */
const DEFAULT_CATEGORY_LABELS: Record<string, CategoryLabels> = Object.fromEntries(
  DEFAULT_CATEGORIES.map((code) => {
    const [sr, en] = latin[code];
    return [code, { 'sr-Latn': sr, 'sr-Cyrl': latinToCyrillic(sr), en }];
  }),
);

export interface CategoryStorePort {
  list(): Promise<Category[]>;
  get(code: string): Promise<Category | null>;
  /** Insert the defaults that are missing; never touches a category that exists. */
  seed(defaults: { code: string; labels: CategoryLabels }[], now: Date): Promise<void>;
  /** False when the code is taken. `audit`: the entries for the new category, in its transaction. */
  insert(input: { code: string; labels: CategoryLabels }, now: Date, audit: AuditOf<void>): Promise<boolean>;
  /** `audit`: the entries for the change, made from the category as it now is, in its transaction. */
  update(
    code: string,
    patch: { labels?: CategoryLabels; retired?: boolean },
    now: Date,
    audit: AuditOf<Category>,
  ): Promise<Category>;
}

export interface CategoryPatch {
  labels?: Partial<CategoryLabels>;
  retired?: boolean;
}

const requireAdmin = (actor: Actor) => {
  if (actor.role !== 'admin') throw new ForbiddenError('only admins edit the taxonomy');
};

/**
 * The case taxonomy: admins add, rename (per language), retire and restore categories; codes
 * never change, so cases and statistics keep theirs. Every change is audited with before/after.
 */
export function createTaxonomyService(d: { store: CategoryStorePort }) {
  return {
    list: () => d.store.list(),

    async state(code: string): Promise<CategoryState> {
      const c = await d.store.get(code);
      return c === null ? null : c.retired ? 'retired' : 'active';
    },

    seedDefaults: (now = new Date()) =>
      d.store.seed(
        DEFAULT_CATEGORIES.map((code) => ({ code, labels: DEFAULT_CATEGORY_LABELS[code] as CategoryLabels })),
        now,
      ),

    async add(actor: Actor, input: { code: string; labels: CategoryLabels }): Promise<Category> {
      requireAdmin(actor);
      const added = await d.store.insert(input, new Date(), () => [
        {
          actorId: actor.id,
          action: 'taxonomy.add',
          entityType: 'category',
          entityId: input.code,
          ip: actor.ip,
          details: { labels: input.labels },
        },
      ]);
      if (!added)
        throw new ValidationError('category exists', [{ field: 'code', message: 'a category with this code exists' }]);
      const created = await d.store.get(input.code);
      if (!created) throw new NotFoundError('category');
      return created;
    },

    async change(actor: Actor, code: string, patch: CategoryPatch): Promise<Category> {
      requireAdmin(actor);
      const before = await d.store.get(code);
      if (!before) throw new NotFoundError('category');
      const labels = patch.labels ? { ...before.labels, ...patch.labels } : undefined;
      const renamed = labels !== undefined && TAXONOMY_LANGS.some((l) => labels[l] !== before.labels[l]);
      const retire = patch.retired !== undefined && patch.retired !== before.retired ? patch.retired : undefined;
      if (!renamed && retire === undefined) return before;
      const entry = (action: string, details: Record<string, unknown>): AuditEntry => ({
        actorId: actor.id,
        action,
        entityType: 'category',
        entityId: code,
        ip: actor.ip,
        details,
      });
      return d.store.update(
        code,
        { ...(renamed && { labels }), ...(retire !== undefined && { retired: retire }) },
        new Date(),
        (after) => [
          ...(renamed ? [entry('taxonomy.rename', { before: before.labels, after: after.labels })] : []),
          ...(retire !== undefined ? [entry(retire ? 'taxonomy.retire' : 'taxonomy.restore', {})] : []),
        ],
      );
    },
  };
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>;
