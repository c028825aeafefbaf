import { and, asc, count, eq } from 'drizzle-orm';
import type { SavedSearch, SavedSearchStorePort } from '../domain/saved-search.service.ts';
import { writeAudit } from './audit.repository.ts';
import type { Db } from './db.ts';
import { type SavedSearchRow, savedSearches, users } from './schema/index.ts';

const view = (r: SavedSearchRow): SavedSearch => ({
  id: r.id,
  name: r.name,
  query: r.query,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Each change and its audit entry in one transaction. */
export function createSavedSearchRepository(db: Db): SavedSearchStorePort {
  return {
    async list(userId) {
      const rows = await db
        .select()
        .from(savedSearches)
        .where(eq(savedSearches.userId, userId))
        .orderBy(asc(savedSearches.createdAt), asc(savedSearches.id));
      return rows.map(view);
    },

    create: (input, audit) =>
      db.transaction(async (t) => {
        // The user's row, locked: two saves at once cannot both pass the limit.
        await t.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for('update');
        const [held] = await t.select({ n: count() }).from(savedSearches).where(eq(savedSearches.userId, input.userId));
        if ((held?.n ?? 0) >= input.max) return 'full' as const;
        const [row] = await t
          .insert(savedSearches)
          .values({
            userId: input.userId,
            name: input.name,
            query: input.query,
            createdAt: input.now,
            updatedAt: input.now,
          })
          .returning();
        if (!row) throw new Error('saved search insert returned nothing');
        const s = view(row);
        await writeAudit(t, audit(s), input.now);
        return s;
      }),

    update: (input, audit) =>
      db.transaction(async (t) => {
        const [row] = await t
          .update(savedSearches)
          .set({
            ...(input.name !== undefined && { name: input.name }),
            ...(input.query !== undefined && { query: input.query }),
            updatedAt: input.now,
          })
          .where(and(eq(savedSearches.id, input.id), eq(savedSearches.userId, input.userId)))
          .returning();
        if (!row) return null;
        const s = view(row);
        await writeAudit(t, audit(s), input.now);
        return s;
      }),

    remove: (input, audit) =>
      db.transaction(async (t) => {
        const [row] = await t
          .delete(savedSearches)
          .where(and(eq(savedSearches.id, input.id), eq(savedSearches.userId, input.userId)))
          .returning();
        if (!row) return false;
        await writeAudit(t, audit(view(row)), input.now);
        return true;
      }),
  };
}
