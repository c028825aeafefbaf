import { and, asc, eq, isNull, like, or } from 'drizzle-orm';
import type { UrlPlatformStorePort } from '../domain/url-platform.service.ts';
import { writeAudit } from './audit.repository.ts';
import type { Db } from './db.ts';
import { urlItems, urlPlatforms } from './schema/index.ts';
import { toPlatformView } from './url-scan.repository.ts';

/** Items on no platform yet whose host is on one of these domains now belong to `code`. */
async function claimItems(t: Db, code: string, hosts: string[], now: Date): Promise<number> {
  if (hosts.length === 0) return 0;
  const rows = await t
    .update(urlItems)
    .set({ platform: code, updatedAt: now })
    .where(
      and(
        isNull(urlItems.platform),
        or(
          ...hosts.flatMap((h) => [
            eq(urlItems.host, h),
            like(urlItems.host, `%.${h.replace(/[\\%_]/g, (c) => `\\${c}`)}`),
          ]),
        ),
      ),
    )
    .returning({ id: urlItems.id });
  return rows.length;
}

export function createUrlPlatformRepository(db: Db): UrlPlatformStorePort {
  return {
    async list(includeRetired) {
      const rows = await db
        .select()
        .from(urlPlatforms)
        .where(includeRetired ? undefined : isNull(urlPlatforms.retiredAt))
        .orderBy(asc(urlPlatforms.position), asc(urlPlatforms.code));
      return rows.map(toPlatformView);
    },

    add: (input, now, audit) =>
      db.transaction(async (t) => {
        const [row] = await t
          .insert(urlPlatforms)
          .values({
            code: input.code,
            name: input.name,
            hosts: input.hosts,
            abuseEmail: input.abuseEmail ?? null,
            abuseUrl: input.abuseUrl ?? null,
            position: input.position ?? 100,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) return null;
        const platform = toPlatformView(row);
        const matched = await claimItems(t, row.code, row.hosts, now);
        await writeAudit(t, audit(platform, matched), now);
        return { platform, matched };
      }),

    update: (code, patch, now, audit) =>
      db.transaction(async (t) => {
        const [before] = await t.select().from(urlPlatforms).where(eq(urlPlatforms.code, code)).for('update');
        if (!before) return null;
        const [row] = await t
          .update(urlPlatforms)
          .set({
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.hosts !== undefined && { hosts: patch.hosts }),
            ...(patch.abuseEmail !== undefined && { abuseEmail: patch.abuseEmail }),
            ...(patch.abuseUrl !== undefined && { abuseUrl: patch.abuseUrl }),
            ...(patch.position !== undefined && { position: patch.position }),
            ...(patch.retired !== undefined && { retiredAt: patch.retired ? (before.retiredAt ?? now) : null }),
            updatedAt: now,
          })
          .where(eq(urlPlatforms.code, code))
          .returning();
        if (!row) return null;
        const platform = toPlatformView(row);
        const matched = row.retiredAt ? 0 : await claimItems(t, code, row.hosts, now);
        await writeAudit(t, audit(toPlatformView(before), platform, matched), now);
        return { platform, matched };
      }),
  };
}
