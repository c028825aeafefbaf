import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { StoredMessageState, UpdateTx } from '../domain/message-updates.ts';
import type { Db } from './db.ts';
import { cases, contactIdentities, messageRevisions, messages } from './schema/index.ts';

const stateColumns = {
  id: messages.id,
  caseId: messages.caseId,
  text: messages.text,
  html: messages.html,
  direction: messages.direction,
  deliveryStatus: messages.deliveryStatus,
  reactions: messages.reactions,
};

const toState = (r: { reactions: StoredMessageState['reactions'] | null } & Omit<StoredMessageState, 'reactions'>) => ({
  ...r,
  reactions: r.reactions ?? [],
});

/** The store side of message updates (reactions, edits, unsends, delivery reports). */
export function messageUpdateTx(db: Db): UpdateTx {
  return {
    async messageState(channel, externalId) {
      const [row] = await db
        .select(stateColumns)
        .from(messages)
        .where(and(eq(messages.channel, channel), eq(messages.externalId, externalId)))
        .for('update');
      return row ? toState(row) : null;
    },

    async reviseMessage(id, change, previous) {
      await db.insert(messageRevisions).values({
        messageId: id,
        kind: change.kind,
        previousText: previous.text,
        previousHtml: previous.html,
        at: change.at,
      });
      await db
        .update(messages)
        .set(change.kind === 'edit' ? { text: change.text, html: null, editedAt: change.at } : { unsentAt: change.at })
        .where(eq(messages.id, id));
    },

    async setReactions(id, reactions) {
      await db.update(messages).set({ reactions }).where(eq(messages.id, id));
    },

    async setDeliveryStatus(id, status, error, at) {
      await db
        .update(messages)
        .set({ deliveryStatus: status as 'sent', deliveryError: error, deliveryAt: at })
        .where(eq(messages.id, id));
    },

    async outboundUpTo(channel, recipient, watermark) {
      const rows = await db
        .select(stateColumns)
        .from(messages)
        .innerJoin(cases, eq(cases.id, messages.caseId))
        .innerJoin(contactIdentities, eq(contactIdentities.contactId, cases.contactId))
        .where(
          and(
            eq(messages.channel, channel),
            eq(messages.direction, 'outbound'),
            inArray(messages.deliveryStatus, ['sent', 'delivered']),
            lte(messages.createdAt, watermark),
            eq(contactIdentities.kind, recipient.kind),
            eq(contactIdentities.value, recipient.value),
          ),
        )
        .orderBy(sql`${messages.createdAt}`)
        .for('update', { of: messages });
      return rows.map(toState);
    },
  };
}
