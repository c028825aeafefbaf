import { eq } from 'drizzle-orm';
import type { Db } from './db.ts';
import { attachmentChecks, attachments, blobs, knownHashMatches, messages } from './schema/index.ts';

/** Quarantined files and channel links, looked up only for a deliberate reveal. */
export function createInboxAttachmentRepository(db: Db) {
  return {
    async file(id: string) {
      const [a] = await db
        .select({
          id: attachments.id,
          caseId: messages.caseId,
          messageId: attachments.messageId,
          fileName: attachments.fileName,
          contentType: attachments.contentType,
          key: attachments.storageKey,
          sha256: attachments.sha256,
          withheldReason: attachments.withheldReason,
          knownMatch: knownHashMatches.id,
          detectedType: attachmentChecks.sniffedType,
        })
        .from(attachments)
        .innerJoin(messages, eq(messages.id, attachments.messageId))
        .leftJoin(knownHashMatches, eq(knownHashMatches.attachmentId, attachments.id))
        .leftJoin(attachmentChecks, eq(attachmentChecks.attachmentId, attachments.id))
        .where(eq(attachments.id, id));
      if (!a) return undefined;
      const [blob] = a.withheldReason
        ? []
        : await db
            .select({ bytes: blobs.bytes })
            .from(blobs)
            .where(eq(blobs.sha256, a.key ?? a.sha256));
      return { ...a, knownMatch: a.knownMatch !== null, bytes: blob?.bytes ?? null };
    },

    async messageFields(messageId: string) {
      const [m] = await db
        .select({ caseId: messages.caseId, fields: messages.fields })
        .from(messages)
        .where(eq(messages.id, messageId));
      return m;
    },
  };
}
