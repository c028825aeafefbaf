import { and, desc, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import { NotFoundError } from '../domain/errors.ts';
import { addressesSeen } from '../domain/reply-recipient.ts';
import type { MessageView } from '../domain/views.ts';
import { loadMessage } from './case-views.ts';
import type { Db } from './db.ts';
import { attachments, cases, contactIdentities, inboundEvents, messageRevisions, messages } from './schema/index.ts';

export interface ReplyTargets {
  channel: string;
  reference: string;
  subject: string | null;
  /** The case contact's identities, oldest first: the only addresses a reply goes to by itself. */
  identities: { kind: string; value: string }[];
  /** External ids of the thread so far, oldest first (In-Reply-To / References). */
  threadIds: string[];
  /** The reporter's latest message per channel: which mailbox or page they wrote to, and when. */
  lastInbound: { channel: string; externalId: string | null; fields: Record<string, unknown> | null; at: string }[];
}

/** What the outbound worker reads and writes about a reply. */
export function outboundMethods(db: Db) {
  return {
    /**
     * Record the outcome of sending a reply, and the channel it really travelled on (a web-form
     * reporter answered by e-mail). When the channel echoed our own send back before this ran
     * (Meta's is_echo racing the Send API answer), the echo became an authorless outbound row
     * with the same external id: it is the same message, so it is removed in favour of ours.
     */
    async setDelivery(
      messageId: string,
      status: 'pending' | 'sent' | 'failed',
      opts: { externalId?: string; error?: string | null; channel?: string },
    ): Promise<MessageView> {
      await db.transaction(async (t) => {
        if (opts.externalId !== undefined) {
          const [ours] = await t.select({ channel: messages.channel }).from(messages).where(eq(messages.id, messageId));
          const channel = opts.channel ?? ours?.channel;
          const echoes = channel
            ? await t
                .select({ id: messages.id, caseId: messages.caseId })
                .from(messages)
                .where(
                  and(
                    eq(messages.channel, channel),
                    eq(messages.externalId, opts.externalId),
                    ne(messages.id, messageId),
                    eq(messages.direction, 'outbound'),
                    isNull(messages.authorId),
                  ),
                )
            : [];
          for (const echo of echoes) {
            await t.update(inboundEvents).set({ messageId }).where(eq(inboundEvents.messageId, echo.id));
            await t.delete(attachments).where(eq(attachments.messageId, echo.id));
            await t.delete(messageRevisions).where(eq(messageRevisions.messageId, echo.id));
            await t.delete(messages).where(eq(messages.id, echo.id));
            await t
              .update(cases)
              .set({ messageCount: sql`greatest(${cases.messageCount} - 1, 0)` })
              .where(eq(cases.id, echo.caseId));
          }
        }
        await t
          .update(messages)
          .set({
            deliveryStatus: status,
            deliveryError: opts.error ?? null,
            deliveryAt: new Date(),
            ...(opts.externalId !== undefined && { externalId: opts.externalId }),
            ...(opts.channel !== undefined && { channel: opts.channel }),
          })
          .where(eq(messages.id, messageId));
      });
      return loadMessage(db, messageId);
    },

    /**
     * Replies stored as pending whose job never ran (Redis was down when they were queued, or
     * lost them): no delivery error recorded yet, older than the grace period.
     */
    async stalledReplies(olderThan: Date, limit: number): Promise<{ id: string; caseId: string }[]> {
      return db
        .select({ id: messages.id, caseId: messages.caseId })
        .from(messages)
        .where(
          and(
            eq(messages.direction, 'outbound'),
            eq(messages.deliveryStatus, 'pending'),
            isNull(messages.deliveryError),
            lt(messages.createdAt, olderThan),
          ),
        )
        .orderBy(messages.createdAt)
        .limit(limit);
    },

    /**
     * The e-mail addresses seen on the case (see addressesSeen): the only ones a counselor may pick
     * for one reply. Read by the case index, on demand.
     */
    async replyAddresses(caseId: string): Promise<string[]> {
      const [c] = await db.select({ contactId: cases.contactId }).from(cases).where(eq(cases.id, caseId));
      if (!c) throw new NotFoundError('case');
      const own = c.contactId
        ? await db
            .select({ value: contactIdentities.value })
            .from(contactIdentities)
            .where(and(eq(contactIdentities.contactId, c.contactId), eq(contactIdentities.kind, 'email')))
        : [];
      const seen = await db
        .select({
          from: sql<string | null>`${messages.fields}->>'from'`,
          replyTo: sql<string | null>`${messages.fields}->>'replyTo'`,
        })
        .from(messages)
        .where(and(eq(messages.caseId, caseId), eq(messages.direction, 'inbound'), eq(messages.channel, 'email')));
      return addressesSeen(
        own.map((o) => ({ kind: 'email', value: o.value })),
        seen,
      );
    },

    /** Where a reply on this case can go: the contact's identities and the thread's ids. */
    async replyTargets(caseId: string): Promise<ReplyTargets> {
      const [c] = await db
        .select({
          channel: cases.channel,
          reference: cases.reference,
          subject: cases.subject,
          contactId: cases.contactId,
          anonymous: cases.anonymous,
        })
        .from(cases)
        .where(eq(cases.id, caseId));
      if (!c) throw new NotFoundError('case');
      const identities =
        c.contactId && !c.anonymous
          ? await db
              .select({ kind: contactIdentities.kind, value: contactIdentities.value })
              .from(contactIdentities)
              .where(eq(contactIdentities.contactId, c.contactId))
              .orderBy(contactIdentities.createdAt, contactIdentities.id)
          : [];
      const thread = await db
        .select({ externalId: messages.externalId })
        .from(messages)
        .where(and(eq(messages.caseId, caseId), sql`${messages.externalId} is not null`))
        .orderBy(messages.createdAt);
      const inbound = await db
        .selectDistinctOn([messages.channel], {
          channel: messages.channel,
          externalId: messages.externalId,
          fields: messages.fields,
          at: messages.createdAt,
        })
        .from(messages)
        .where(and(eq(messages.caseId, caseId), eq(messages.direction, 'inbound')))
        .orderBy(messages.channel, desc(messages.createdAt));
      return {
        channel: c.channel,
        reference: c.reference,
        subject: c.subject,
        identities,
        threadIds: thread.map((t) => t.externalId).filter((x): x is string => x !== null),
        lastInbound: inbound.map((m) => ({ ...m, fields: m.fields ?? null, at: m.at.toISOString() })),
      };
    },
  };
}
