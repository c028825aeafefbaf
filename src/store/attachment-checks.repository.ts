import { asc, eq, sql } from 'drizzle-orm';
import type { AttachmentArrivalTx } from '../domain/attachment-arrival.ts';
import type { Db } from './db.ts';
import { attachmentChecks, attachments, blobs, caseTags, knownHashMatches } from './schema/index.ts';

/** The store side of the arrival check; runs on the ingest transaction's handle. */
export function attachmentArrivalTx(db: Db): AttachmentArrivalTx {
  return {
    async arrivedAttachments(messageId, headBytes) {
      const rows = await db
        .select({
          id: attachments.id,
          sha256: attachments.sha256,
          declaredType: attachments.contentType,
          withheld: attachments.withheldReason,
          head: sql<Uint8Array | null>`substring(${blobs.bytes} from 1 for ${headBytes})`,
        })
        .from(attachments)
        .leftJoin(blobs, eq(blobs.sha256, sql`coalesce(${attachments.storageKey}, ${attachments.sha256})`))
        .where(eq(attachments.messageId, messageId))
        .orderBy(asc(attachments.createdAt), asc(attachments.id));
      return rows.map((r) => ({
        id: r.id,
        sha256: r.sha256,
        declaredType: r.declaredType,
        head: r.withheld || !r.head ? null : Buffer.from(r.head),
      }));
    },

    async recordAttachmentCheck(c, now) {
      await db
        .insert(attachmentChecks)
        .values({
          attachmentId: c.attachmentId,
          declaredType: c.declaredType,
          sniffedType: c.sniffed?.mime ?? null,
          sniffedExt: c.sniffed?.ext ?? null,
          kind: c.kind,
          mismatch: c.mismatch,
          checkedAt: now,
        })
        .onConflictDoNothing();
    },

    async recordKnownHashMatch(m, now) {
      await db
        .insert(knownHashMatches)
        .values({ ...m, matchedAt: now })
        .onConflictDoNothing();
    },

    async addSystemTag(caseId, tag, now) {
      const added = await db
        .insert(caseTags)
        .values({ caseId, tag, createdBy: null, createdAt: now })
        .onConflictDoNothing()
        .returning({ tag: caseTags.tag });
      if (added.length === 0) return null;
      const all = await db.select({ tag: caseTags.tag }).from(caseTags).where(eq(caseTags.caseId, caseId));
      return all.map((r) => r.tag).sort();
    },
  };
}
