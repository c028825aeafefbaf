import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { UrlStorePort, UrlWrite } from '../domain/url.service.ts';
import { urlStatus } from '../domain/url-items.ts';
import { OTHER_PLATFORM } from '../domain/url-platforms.ts';
import { writeAudit } from './audit.repository.ts';
import type { Db } from './db.ts';
import { decodeCursor, encodeCursor } from './page-cursor.ts';
import { urlActions, urlItems, urlPlatforms } from './schema/index.ts';
import { urlFilters } from './url-filters.ts';
import { createUrlFiguresRepository } from './url-stats.repository.ts';
import { itemDetail, itemQuery, itemRestricted, itemViews, toItemView } from './url-views.ts';

export function createUrlRepository(db: Db, opts: { reminderDays: number }): UrlStorePort {
  const views = (t: Db, id: string, now: Date) => itemViews(t, [id], opts.reminderDays, now).then((v) => v[0]);

  /** Lock the item, apply the change, follow the status, write the audit: one transaction. */
  async function change<E>(
    id: string,
    now: Date,
    apply: (t: Db, item: typeof urlItems.$inferSelect) => Promise<E>,
    audit: (w: UrlWrite, extra: E) => Parameters<typeof writeAudit>[1],
  ): Promise<UrlWrite> {
    return db.transaction(async (t) => {
      const [item] = await t.select().from(urlItems).where(eq(urlItems.id, id)).for('update');
      if (!item) throw new NotFoundError('url');
      const before = await views(t, id, now);
      const extra = await apply(t, item);
      const [fresh] = await t.select().from(urlItems).where(eq(urlItems.id, id));
      const checks = await t
        .select({ kind: urlActions.kind, at: urlActions.at })
        .from(urlActions)
        .where(eq(urlActions.urlId, id));
      const next = urlStatus(fresh?.assessment ?? null, checks);
      await t
        .update(urlItems)
        .set({ status: next.status, removedAt: next.removedAt, updatedAt: now })
        .where(eq(urlItems.id, id));
      const after = await views(t, id, now);
      if (!before || !after) throw new NotFoundError('url');
      await writeAudit(t, audit({ before, after }, extra), now);
      return { before, after };
    });
  }

  return {
    ...createUrlFiguresRepository(db, opts),

    async list(f, now) {
      const where = urlFilters(f, opts.reminderDays, now);
      if (f.cursor) {
        const c = decodeCursor(f.cursor);
        if (c)
          where.push(
            or(lt(urlItems.lastReportedAt, c.at), and(eq(urlItems.lastReportedAt, c.at), lt(urlItems.id, c.id))),
          );
      }
      const rows = await itemQuery(db)
        .where(and(...where))
        .orderBy(desc(urlItems.lastReportedAt), desc(urlItems.id))
        .limit(f.limit + 1);
      const items = rows.slice(0, f.limit).map((r) => toItemView(r, opts.reminderDays, now));
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > f.limit && last ? encodeCursor(last.lastReportedAt, last.id) : null };
    },

    detail: (id, now) => itemDetail(db, id, opts.reminderDays, now),

    update: (id, patch, by, now, audit) =>
      change(
        id,
        now,
        async (t, item) => {
          const platform =
            patch.platform === undefined ? undefined : patch.platform === OTHER_PLATFORM ? null : patch.platform;
          if (platform) {
            const [known] = await t
              .select({ code: urlPlatforms.code })
              .from(urlPlatforms)
              .where(eq(urlPlatforms.code, platform));
            if (!known)
              throw new ValidationError('invalid url change', [{ field: 'platform', message: 'no such platform' }]);
          }
          await t
            .update(urlItems)
            .set({
              ...(platform !== undefined && { platform }),
              ...(patch.hostingCountry !== undefined && { hostingCountry: patch.hostingCountry }),
              // The same assessment again changes nothing (not who assessed it, nor when).
              ...(patch.assessment !== undefined &&
                patch.assessment !== item.assessment && {
                  assessment: patch.assessment,
                  assessedAt: patch.assessment ? now : null,
                  assessedBy: patch.assessment ? by : null,
                }),
              updatedAt: now,
            })
            .where(eq(urlItems.id, id));
        },
        (w) => audit(w),
      ),

    addAction: (id, action, by, now, audit) =>
      change(
        id,
        now,
        async (t, item) => {
          if (action.at < item.firstReportedAt)
            throw new ValidationError('invalid action', [
              { field: 'at', message: 'before the link was first reported' },
            ]);
          const [row] = await t
            .insert(urlActions)
            .values({ urlId: id, kind: action.kind, at: action.at, note: action.note, byId: by, createdAt: now })
            .returning({ id: urlActions.id });
          await t
            .update(urlItems)
            .set({ lastActionAt: sql`greatest(${urlItems.lastActionAt}, ${action.at.toISOString()}::timestamptz)` })
            .where(eq(urlItems.id, id));
          return row?.id ?? '';
        },
        (w, actionId) => audit({ ...w, actionId }),
      ),
  };
}

/** Items as the live events carry them, and which are restricted already (for the URL scan). */
export function createUrlViewReader(db: Db, opts: { reminderDays: number }) {
  return {
    views: (ids: string[]) => itemViews(db, ids, opts.reminderDays, new Date()),
    async restrictedByKey(keys: string[]): Promise<Set<string>> {
      if (keys.length === 0) return new Set();
      const rows = await db
        .select({ id: urlItems.id })
        .from(urlItems)
        .where(and(inArray(urlItems.key, keys), itemRestricted));
      return new Set(rows.map((r) => r.id));
    },
  };
}
