import { asc, eq, sql } from 'drizzle-orm';
import { NotFoundError } from '../domain/errors.ts';
import type { Category, CategoryStorePort } from '../domain/taxonomy.service.ts';
import type { Db } from './db.ts';
import { type CategoryRow, categories } from './schema/index.ts';

const toCategory = (r: CategoryRow): Category => ({
  code: r.code,
  labels: r.labels,
  position: r.position,
  retired: r.retiredAt !== null,
  retiredAt: r.retiredAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export function createCategoryRepository(db: Db): CategoryStorePort {
  return {
    async list() {
      const rows = await db.select().from(categories).orderBy(asc(categories.position), asc(categories.code));
      return rows.map(toCategory);
    },

    async get(code) {
      const [row] = await db.select().from(categories).where(eq(categories.code, code)).limit(1);
      return row ? toCategory(row) : null;
    },

    async seed(defaults, now) {
      // Several nodes may start together: conflicts mean another one seeded first.
      await db
        .insert(categories)
        .values(
          defaults.map((d, i) => ({ code: d.code, labels: d.labels, position: i, createdAt: now, updatedAt: now })),
        )
        .onConflictDoNothing();
    },

    async insert({ code, labels }, now) {
      const rows = await db
        .insert(categories)
        .values({
          code,
          labels,
          position: sql`(select coalesce(max(${categories.position}), -1) + 1 from ${categories})`,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ code: categories.code });
      return rows.length === 1;
    },

    async update(code, patch, now) {
      const [row] = await db
        .update(categories)
        .set({
          ...(patch.labels && { labels: patch.labels }),
          ...(patch.retired !== undefined && { retiredAt: patch.retired ? now : null }),
          updatedAt: now,
        })
        .where(eq(categories.code, code))
        .returning();
      if (!row) throw new NotFoundError('category');
      return toCategory(row);
    },
  };
}
