import { asc, eq, inArray, sql } from 'drizzle-orm';
import { NotFoundError } from '../domain/errors.ts';
import type { Subcategory, SubcategoryStorePort } from '../domain/subcategory.service.ts';
import { writeAudit } from './audit.repository.ts';
import type { Db } from './db.ts';
import { categories, type SubcategoryRow, subcategories } from './schema/index.ts';

const toSubcategory = (r: SubcategoryRow): Subcategory => ({
  code: r.code,
  category: r.category,
  labels: r.labels,
  position: r.position,
  retired: r.retiredAt !== null,
});

export function createSubcategoryRepository(db: Db): SubcategoryStorePort {
  return {
    async list() {
      const rows = await db
        .select()
        .from(subcategories)
        .orderBy(asc(subcategories.category), asc(subcategories.position), asc(subcategories.code));
      return rows.map(toSubcategory);
    },

    async get(code) {
      const [row] = await db.select().from(subcategories).where(eq(subcategories.code, code)).limit(1);
      return row ? toSubcategory(row) : null;
    },

    async seed(defaults, now) {
      if (defaults.length === 0) return;
      // A default whose category an admin never had (or renamed away) is left out, not an error.
      const known = new Set(
        (
          await db
            .select({ code: categories.code })
            .from(categories)
            .where(
              inArray(
                categories.code,
                defaults.map((d) => d.category),
              ),
            )
        ).map((r) => r.code),
      );
      const rows = defaults
        .filter((d) => known.has(d.category))
        .map((d, i) => ({ ...d, position: i, createdAt: now, updatedAt: now }));
      if (rows.length > 0) await db.insert(subcategories).values(rows).onConflictDoNothing();
    },

    async insert({ code, category, labels }, now, audit) {
      return db.transaction(async (t) => {
        const rows = await t
          .insert(subcategories)
          .values({
            code,
            category,
            labels,
            position: sql`(select coalesce(max(${subcategories.position}), -1) + 1 from ${subcategories})`,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning({ code: subcategories.code });
        if (rows.length === 0) return false;
        await writeAudit(t, audit(), now);
        return true;
      });
    },

    async update(code, patch, now, audit) {
      await db.transaction(async (t) => {
        const rows = await t
          .update(subcategories)
          .set({
            ...(patch.labels && { labels: patch.labels }),
            ...(patch.retired !== undefined && { retiredAt: patch.retired ? now : null }),
            updatedAt: now,
          })
          .where(eq(subcategories.code, code))
          .returning({ code: subcategories.code });
        if (rows.length === 0) throw new NotFoundError('subcategory');
        await writeAudit(t, audit(), now);
      });
    },
  };
}
