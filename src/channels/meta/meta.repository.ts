import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../store/db.ts';
import { cases, contactIdentities, messages, metaPageStates } from '../../store/schema/index.ts';

export interface PageState {
  pageId: string;
  refusedToken: string | null;
  reason: string | null;
  flaggedAt: Date | null;
}

export interface CaseReplyContext {
  channel: string;
  contactId: string | null;
  anonymous: boolean;
  identities: { kind: string; value: string }[];
}

/** The Meta channel's own state (page re-authorisation) and what it reads of the core tables. */
export function createMetaRepository(db: Db) {
  return {
    async pageStates(): Promise<PageState[]> {
      return db
        .select({
          pageId: metaPageStates.pageId,
          refusedToken: metaPageStates.refusedToken,
          reason: metaPageStates.reason,
          flaggedAt: metaPageStates.flaggedAt,
        })
        .from(metaPageStates);
    },

    /** The reason Meta refused this token of the page, or null when it did not (or another token did). */
    async reauthReason(pageId: string, tokenFingerprint: string): Promise<string | null> {
      const [row] = await db
        .select({ reason: metaPageStates.reason })
        .from(metaPageStates)
        .where(and(eq(metaPageStates.pageId, pageId), eq(metaPageStates.refusedToken, tokenFingerprint)));
      return row ? (row.reason ?? 'token refused') : null;
    },

    async markReauth(pageId: string, tokenFingerprint: string, reason: string, now: Date): Promise<void> {
      await db
        .insert(metaPageStates)
        .values({ pageId, refusedToken: tokenFingerprint, reason, flaggedAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: metaPageStates.pageId,
          set: { refusedToken: tokenFingerprint, reason, flaggedAt: now, updatedAt: now },
        });
    },

    /** A call with the page's token went through: whatever was flagged is over. */
    async clearReauth(pageId: string, now: Date): Promise<void> {
      await db
        .update(metaPageStates)
        .set({ refusedToken: null, reason: null, updatedAt: now })
        .where(and(eq(metaPageStates.pageId, pageId), isNotNull(metaPageStates.refusedToken)));
    },

    /**
     * The person's latest message on this channel, in any of their cases, and the page it reached.
     * Meta's messaging window runs per person and page, not per case.
     */
    async lastUserMessage(
      kind: string,
      value: string,
      channel: string,
    ): Promise<{ at: Date; pageId: string | null } | null> {
      const [row] = await db
        .select({ at: messages.createdAt, pageId: sql<string | null>`${messages.fields}->>'pageId'` })
        .from(contactIdentities)
        .innerJoin(cases, eq(cases.contactId, contactIdentities.contactId))
        .innerJoin(messages, eq(messages.caseId, cases.id))
        .where(
          and(
            eq(contactIdentities.kind, kind),
            eq(contactIdentities.value, value),
            eq(messages.channel, channel),
            eq(messages.direction, 'inbound'),
          ),
        )
        .orderBy(desc(messages.createdAt))
        .limit(1);
      return row ?? null;
    },

    /** Who a reply on this case would reach, for the composer's window check. */
    async caseReplyContext(caseId: string): Promise<CaseReplyContext | null> {
      const [c] = await db
        .select({ channel: cases.channel, contactId: cases.contactId, anonymous: cases.anonymous })
        .from(cases)
        .where(eq(cases.id, caseId));
      if (!c) return null;
      const identities = c.contactId
        ? await db
            .select({ kind: contactIdentities.kind, value: contactIdentities.value })
            .from(contactIdentities)
            .where(eq(contactIdentities.contactId, c.contactId))
        : [];
      return { ...c, identities };
    },
  };
}

export type MetaRepository = ReturnType<typeof createMetaRepository>;
