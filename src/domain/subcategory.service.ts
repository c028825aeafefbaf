import { latinToCyrillic } from '../i18n/translit.ts';
import type { AuditEntry, AuditOf } from './audit.ts';
import type { Actor } from './case.service.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import type { CategoryLabels } from './taxonomy.service.ts';

export interface Subcategory {
  code: string;
  /** The centre's category it sits under (categories.code). */
  category: string;
  labels: CategoryLabels;
  position: number;
  retired: boolean;
}

export interface SubcategoryStorePort {
  list(): Promise<Subcategory[]>;
  get(code: string): Promise<Subcategory | null>;
  /** Insert the defaults whose code is free (and whose category exists); never touches one that exists. */
  seed(defaults: { code: string; category: string; labels: CategoryLabels }[], now: Date): Promise<void>;
  /** False when the code is taken. */
  insert(
    input: { code: string; category: string; labels: CategoryLabels },
    now: Date,
    audit: AuditOf<void>,
  ): Promise<boolean>;
  update(
    code: string,
    patch: { labels?: CategoryLabels; retired?: boolean },
    now: Date,
    audit: AuditOf<void>,
  ): Promise<void>;
}

const latin: Record<string, [category: string, sr: string, en: string]> = {
  csam: ['illegal_content', 'Materijal o seksualnom zlostavljanju dece', 'Child sexual abuse material'],
  other_illegal: ['illegal_content', 'Drugi nezakonit sadržaj', 'Other illegal content'],
  cyberbullying: ['integrity', 'Digitalno nasilje', 'Cyberbullying'],
  grooming: ['integrity', 'Vrbovanje', 'Grooming'],
  sextortion: ['integrity', 'Seksualna ucena', 'Sextortion'],
  threats: ['integrity', 'Pretnje', 'Threats'],
  hate_speech: ['integrity', 'Govor mržnje', 'Hate speech'],
  privacy: ['rights', 'Povreda privatnosti', 'Privacy violation'],
  image_misuse: ['rights', 'Zloupotreba fotografija i snimaka', 'Misuse of photos or videos'],
  dangerous_challenges: ['health', 'Opasni izazovi', 'Dangerous challenges'],
  self_harm_content: ['health', 'Sadržaj o samopovređivanju', 'Self-harm content'],
  disturbing_content: ['wellbeing', 'Uznemirujući sadržaj', 'Disturbing content'],
  online_fraud: ['wellbeing', 'Internet prevare', 'Online fraud'],
  gaming: ['addiction', 'Video-igre', 'Gaming'],
  social_media: ['addiction', 'Društvene mreže', 'Social media'],
  gambling: ['addiction', 'Klađenje i kockanje', 'Betting and gambling'],
  parental_controls: ['advice', 'Roditeljska kontrola', 'Parental controls'],
  talking_to_children: ['advice', 'Razgovor sa detetom', 'Talking with children'],
  school_cases: ['advice', 'Slučajevi u školi', 'School cases'],
};

/** Sub-categories a new store starts with; then the admins' to change. */
export const DEFAULT_SUBCATEGORIES = Object.entries(latin).map(([code, [category, sr, en]]) => ({
  code,
  category,
  labels: { 'sr-Latn': sr, 'sr-Cyrl': latinToCyrillic(sr), en } satisfies CategoryLabels,
}));

const requireAdmin = (actor: Actor) => {
  if (actor.role !== 'admin') throw new ForbiddenError('only admins edit the taxonomy');
};

/**
 * Sub-categories under the centre's categories: admins add, relabel, retire and restore them; codes
 * never change. A retired one stays on the cases that have it and is given to no other.
 */
export function createSubcategoryService(d: {
  store: SubcategoryStorePort;
  categoryState(code: string): Promise<'active' | 'retired' | null>;
}) {
  const entry = (actor: Actor, action: string, code: string, details: Record<string, unknown>): AuditEntry => ({
    actorId: actor.id,
    action,
    entityType: 'subcategory',
    entityId: code,
    ip: actor.ip,
    details,
  });
  return {
    list: () => d.store.list(),
    get: (code: string) => d.store.get(code),
    seedDefaults: (now = new Date()) => d.store.seed(DEFAULT_SUBCATEGORIES, now),

    async add(actor: Actor, input: { code: string; category: string; labels: CategoryLabels }): Promise<Subcategory> {
      requireAdmin(actor);
      if ((await d.categoryState(input.category)) === null)
        throw new ValidationError('unknown category', [{ field: 'category', message: 'unknown category' }]);
      const added = await d.store.insert(input, new Date(), () => [
        entry(actor, 'subcategory.add', input.code, { category: input.category, labels: input.labels }),
      ]);
      if (!added)
        throw new ValidationError('code taken', [{ field: 'code', message: 'a sub-category with this code exists' }]);
      const created = await d.store.get(input.code);
      if (!created) throw new NotFoundError('subcategory');
      return created;
    },

    async change(
      actor: Actor,
      code: string,
      patch: { labels?: Partial<CategoryLabels>; retired?: boolean },
    ): Promise<Subcategory> {
      requireAdmin(actor);
      const before = await d.store.get(code);
      if (!before) throw new NotFoundError('subcategory');
      const labels = patch.labels ? { ...before.labels, ...patch.labels } : undefined;
      await d.store.update(
        code,
        { ...(labels && { labels }), ...(patch.retired !== undefined && { retired: patch.retired }) },
        new Date(),
        () => [
          entry(actor, 'subcategory.update', code, {
            before: { labels: before.labels, retired: before.retired },
            after: { ...(labels && { labels }), ...(patch.retired !== undefined && { retired: patch.retired }) },
          }),
        ],
      );
      return (await d.store.get(code)) ?? before;
    },
  };
}

export type SubcategoryService = ReturnType<typeof createSubcategoryService>;
