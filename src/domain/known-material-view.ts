import type { Role } from './taxonomy.ts';
import type { AttachmentView, CaseDetail, DomainEvent, MessageView } from './views.ts';

/** What a counselor is told about a file on the known-hash list, and nothing more. */
export const KNOWN_MATERIAL_WITHHELD = 'known_material';

/** Only supervisors and admins see a known file's name, type, size and hash. */
export const seesKnownMaterial = (role: Role) => role !== 'counselor';

/** A known file reduced to "withheld known material": no name, type, size, hash or sniffed kind. */
export function neutralAttachment(a: AttachmentView): AttachmentView {
  if (!a.knownMaterial) return a;
  return {
    id: a.id,
    fileName: '',
    contentType: 'application/octet-stream',
    size: 0,
    sha256: '',
    withheldReason: KNOWN_MATERIAL_WITHHELD,
    detectedType: null,
    kind: 'unknown',
    typeMismatch: false,
    knownMaterial: true,
  };
}

export const hasKnownMaterial = (m: MessageView) => m.attachments.some((a) => a.knownMaterial);

export function neutralMessage(m: MessageView): MessageView {
  return hasKnownMaterial(m) ? { ...m, attachments: m.attachments.map(neutralAttachment) } : m;
}

/** The message as this role may see it. */
export const messageForRole = (m: MessageView, role: Role) => (seesKnownMaterial(role) ? m : neutralMessage(m));

export function caseDetailForRole(d: CaseDetail, role: Role): CaseDetail {
  if (seesKnownMaterial(role) || !d.messages.some(hasKnownMaterial)) return d;
  return { ...d, messages: d.messages.map(neutralMessage) };
}

/**
 * The counselors' copy of a domain event when it differs from everyone else's (a message with a
 * known file); undefined when the event is the same for every role.
 */
export function counselorEvent(e: DomainEvent): DomainEvent | undefined {
  if (
    (e.type === 'message:created' || e.type === 'message:updated' || e.type === 'message:moved') &&
    hasKnownMaterial(e.message)
  )
    return { ...e, message: neutralMessage(e.message) };
  return undefined;
}
