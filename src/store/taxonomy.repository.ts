import { asc, eq, sql } from 'drizzle-orm';
import { NotFoundError } from '../domain/errors.ts';
import type { Category, CategoryStorePort } from '../domain/taxonomy.service.ts';
import { writeAudit } from './audit.repository.ts';
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

    async insert({ code, labels }, now, audit) {
      return db.transaction(async (t) => {
        const rows = await t
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
        if (rows.length === 0) return false;
        await writeAudit(t, audit(), now);
        return true;
      });
    },

    async update(code, patch, now, audit) {
      return db.transaction(async (t) => {
        const [row] = await t
          .update(categories)
          .set({
            ...(patch.labels && { labels: patch.labels }),
            ...(patch.retired !== undefined && { retiredAt: patch.retired ? now : null }),
            updatedAt: now,
          })
          .where(eq(categories.code, code))
          .returning();
        if (!row) throw new NotFoundError('category');
        const after = toCategory(row);
        await writeAudit(t, audit(after), now);
        return after;
      });
    },
  };
}
