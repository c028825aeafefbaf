import type { Actor, CaseServiceDeps } from './case.service.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';

export interface AttachmentStorePort {
  file(id: string): Promise<
    | {
        id: string;
        caseId: string;
        messageId: string;
        fileName: string;
        contentType: string;
        withheldReason: string | null;
        /** On the known-hash list: supervisors and admins only. */
        knownMatch: boolean;
        /** Sniffed from the bytes on arrival; null when unrecognised. */
        detectedType: string | null;
        bytes: Buffer | null;
      }
    | undefined
  >;
  messageFields(messageId: string): Promise<{ caseId: string; fields: Record<string, unknown> | null } | undefined>;
}

/**
 * Attachments may be abuse material: nothing is shown until a counselor asks on purpose, and
 * every such request is in the audit log before a single byte leaves the server.
 */
export function createInboxAttachmentService(d: { files: AttachmentStorePort; audit: CaseServiceDeps['audit'] }) {
  return {
    async revealFile(actor: Actor, id: string) {
      const f = await d.files.file(id);
      if (!f?.bytes) throw new NotFoundError('attachment');
      if (f.knownMatch && actor.role === 'counselor') {
        // Known abuse material is not shown to counselors at all; the refusal is on record too.
        await d.audit.write({
          actorId: actor.id,
          action: 'attachment.reveal_refused',
          entityType: 'attachment',
          entityId: id,
          ip: actor.ip,
          details: { caseId: f.caseId, messageId: f.messageId, reason: 'known_hash' },
        });
        throw new ForbiddenError('known abuse material: supervisors only');
      }
      await d.audit.write({
        actorId: actor.id,
        action: 'attachment.reveal',
        entityType: 'attachment',
        entityId: id,
        ip: actor.ip,
        details: { caseId: f.caseId, messageId: f.messageId },
      });
      return { fileName: f.fileName, contentType: f.contentType, detectedType: f.detectedType, bytes: f.bytes };
    },

    /** Meta attachments are links only: the link is handed out as text, never fetched here. */
    async revealLink(actor: Actor, messageId: string, index: number) {
      const m = await d.files.messageFields(messageId);
      const list = m?.fields?.attachments;
      const item = Array.isArray(list) ? (list[index] as { type?: unknown; url?: unknown } | undefined) : undefined;
      if (!m || !item || typeof item.url !== 'string') throw new NotFoundError('attachment');
      await d.audit.write({
        actorId: actor.id,
        action: 'attachment.reveal',
        entityType: 'message',
        entityId: messageId,
        ip: actor.ip,
        details: { caseId: m.caseId, index },
      });
      return { url: item.url, type: typeof item.type === 'string' ? item.type : null };
    },
  };
}

export type InboxAttachmentService = ReturnType<typeof createInboxAttachmentService>;
