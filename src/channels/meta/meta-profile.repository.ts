import { and, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { cases, contactIdentities, contacts, messages, metaProfiles } from '../../store/schema/index.ts';

export interface ProfileKey {
  kind: string;
  value: string;
}

export interface DueProfile extends ProfileKey {
  pageId: string | null;
}

const META_KINDS = ['facebook_psid', 'instagram_igsid'];

/** Profile lookups: claims (so two workers never fetch the same person), results, retries. */
export function createMetaProfileRepository(db: Db) {
  return {
    /**
     * Take the lookup of this identity: true when it was never looked up, or failed and is due
     * again, or a claim by a worker that died went stale. A fetched profile is never claimed again.
     */
    async claim(key: ProfileKey, pageId: string | null, now: Date, staleBefore: Date): Promise<boolean> {
      const rows = await db
        .insert(metaProfiles)
        .values({ ...key, pageId, status: 'fetching', claimedAt: now, createdAt: now })
        .onConflictDoUpdate({
          target: [metaProfiles.kind, metaProfiles.value],
          set: {
            status: 'fetching',
            claimedAt: now,
            pageId: sql`coalesce(excluded.page_id, ${metaProfiles.pageId})`,
          },
          setWhere: or(
            and(eq(metaProfiles.status, 'failed'), lte(metaProfiles.nextAttemptAt, now)),
            and(eq(metaProfiles.status, 'fetching'), lte(metaProfiles.claimedAt, staleBefore)),
          ),
        })
        .returning({ kind: metaProfiles.kind });
      return rows.length === 1;
    },

    async fetched(key: ProfileKey, profile: { name: string | null; username: string | null }, now: Date) {
      await db
        .update(metaProfiles)
        .set({ status: 'ok', ...profile, fetchedAt: now, lastError: null, nextAttemptAt: null })
        .where(and(eq(metaProfiles.kind, key.kind), eq(metaProfiles.value, key.value)));
    },

    /** Returns the number of attempts so far, for the caller's backoff. */
    async failed(key: ProfileKey, reason: string, nextAttemptAt: (attempts: number) => Date): Promise<number> {
      const [row] = await db
        .update(metaProfiles)
        .set({ status: 'failed', attempts: sql`${metaProfiles.attempts} + 1`, lastError: reason.slice(0, 500) })
        .where(and(eq(metaProfiles.kind, key.kind), eq(metaProfiles.value, key.value)))
        .returning({ attempts: metaProfiles.attempts });
      const attempts = row?.attempts ?? 1;
      await db
        .update(metaProfiles)
        .set({ nextAttemptAt: nextAttemptAt(attempts) })
        .where(and(eq(metaProfiles.kind, key.kind), eq(metaProfiles.value, key.value)));
      return attempts;
    },

    async get(key: ProfileKey) {
      const [row] = await db
        .select()
        .from(metaProfiles)
        .where(and(eq(metaProfiles.kind, key.kind), eq(metaProfiles.value, key.value)));
      return row ?? null;
    },

    /**
     * Lookups to (re)try: failed ones that are due, stale claims, and Meta identities never looked
     * up at all (a worker stopped between storing the message and starting the lookup).
     */
    async due(now: Date, staleBefore: Date, limit: number): Promise<DueProfile[]> {
      const retry = await db
        .select({ kind: metaProfiles.kind, value: metaProfiles.value, pageId: metaProfiles.pageId })
        .from(metaProfiles)
        .where(
          or(
            and(eq(metaProfiles.status, 'failed'), lte(metaProfiles.nextAttemptAt, now)),
            and(eq(metaProfiles.status, 'fetching'), lte(metaProfiles.claimedAt, staleBefore)),
          ),
        )
        .limit(limit);
      const lastPage = sql<string | null>`(
        select ${messages.fields}->>'pageId' from ${messages}
        join ${cases} on ${cases.id} = ${messages.caseId}
        where ${cases.contactId} = ${contactIdentities.contactId} and ${messages.fields}->>'pageId' is not null
        order by ${messages.createdAt} desc limit 1)`;
      const never = await db
        .select({ kind: contactIdentities.kind, value: contactIdentities.value, pageId: lastPage })
        .from(contactIdentities)
        .leftJoin(
          metaProfiles,
          and(eq(metaProfiles.kind, contactIdentities.kind), eq(metaProfiles.value, contactIdentities.value)),
        )
        .where(and(inArray(contactIdentities.kind, META_KINDS), isNull(metaProfiles.kind)))
        .limit(limit);
      return [...retry, ...never];
    },

    /**
     * Put the fetched name on the identity, and on the contact unless someone named it already.
     * Returns the contact's recent cases, whose list entries now show the name.
     */
    async applyName(key: ProfileKey, displayName: string, now: Date): Promise<string[]> {
      return db.transaction(async (t) => {
        const ids = await t
          .update(contactIdentities)
          .set({ displayName })
          .where(and(eq(contactIdentities.kind, key.kind), eq(contactIdentities.value, key.value)))
          .returning({ contactId: contactIdentities.contactId });
        const contactId = ids[0]?.contactId;
        if (!contactId) return [];
        const named = await t
          .update(contacts)
          .set({ displayName, updatedAt: now })
          .where(and(eq(contacts.id, contactId), isNull(contacts.displayName)))
          .returning({ id: contacts.id });
        if (named.length === 0) return [];
        const recent = await t
          .select({ id: cases.id })
          .from(cases)
          .where(eq(cases.contactId, contactId))
          .orderBy(desc(cases.lastActivityAt))
          .limit(20);
        return recent.map((c) => c.id);
      });
    },
  };
}

export type MetaProfileRepository = ReturnType<typeof createMetaProfileRepository>;
