import { eq, sql } from 'drizzle-orm';
import type { MailboxCursor } from '../../../connectors/email/imap-watcher.ts';
import type { Db } from '../../store/db.ts';
import { cases, emailAutoAcks, mailboxCursors, messages } from '../../store/schema/index.ts';

export function createEmailRepository(db: Db) {
  return {
    async loadCursor(mailbox: string): Promise<MailboxCursor | null> {
      const [row] = await db.select().from(mailboxCursors).where(eq(mailboxCursors.mailbox, mailbox));
      return row ? { uidValidity: row.uidValidity, lastUid: row.lastUid } : null;
    },

    async saveCursor(mailbox: string, c: MailboxCursor): Promise<void> {
      const now = new Date();
      await db
        .insert(mailboxCursors)
        .values({ mailbox, uidValidity: c.uidValidity, lastUid: c.lastUid, updatedAt: now })
        .onConflictDoUpdate({
          target: mailboxCursors.mailbox,
          set: { uidValidity: c.uidValidity, lastUid: c.lastUid, updatedAt: now },
        });
    },

    /**
     * Claim the case's one automatic acknowledgement and queue it as a system reply (no author;
     * it does not count as the first response). Null when the case already had one.
     */
    async claimAutoAck(caseId: string, text: string, now: Date): Promise<string | null> {
      return db.transaction(async (t) => {
        const claimed = await t
          .insert(emailAutoAcks)
          .values({ caseId, createdAt: now })
          .onConflictDoNothing()
          .returning({ caseId: emailAutoAcks.caseId });
        if (claimed.length === 0) return null;
        const [m] = await t
          .insert(messages)
          .values({
            caseId,
            direction: 'outbound',
            channel: 'email',
            text,
            fields: { automatic: 'acknowledgement' },
            deliveryStatus: 'pending',
            createdAt: now,
            receivedAt: now,
          })
          .returning({ id: messages.id });
        if (!m) throw new Error('auto-ack insert returned nothing');
        await t.update(emailAutoAcks).set({ messageId: m.id }).where(eq(emailAutoAcks.caseId, caseId));
        await t
          .update(cases)
          .set({ messageCount: sql`${cases.messageCount} + 1`, updatedAt: now })
          .where(eq(cases.id, caseId));
        return m.id;
      });
    },
  };
}
