import type { CallbackCounts, CallbackView } from './callback-views.ts';
import type { CaseDescription, DescriptionField } from './case-description.ts';
import type { ReferralView } from './referrals.ts';
import type { CaseStatus, Priority } from './taxonomy.ts';
import type { UrlItemView } from './url-items.ts';

/** What the case list shows for one case; also the payload of case events. */
export interface CaseSummary {
  id: string;
  reference: string;
  kind: string;
  status: CaseStatus;
  priority: Priority;
  category: string | null;
  channel: string;
  anonymous: boolean;
  consent: boolean;
  contactId: string | null;
  contactName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  preview: string;
  messageCount: number;
  createdAt: string;
  lastActivityAt: string;
  /** When the first answer is due by the priority's service level (24/7 clock). */
  firstResponseDueAt: string;
  /** When the first answer was sent; stops the clock. */
  firstResponseAt: string | null;
  closedAt: string | null;
}

export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  withheldReason: string | null;
  /** Sniffed from the bytes on arrival (null: unrecognised or not checked); this, not contentType, decides. */
  detectedType: string | null;
  /** image | video | audio | pdf | document | archive | executable | text | unknown */
  kind: string;
  /** The declared type contradicts the bytes. */
  typeMismatch: boolean;
  /** On the known-hash list: hidden from counselors, only supervisors and admins may reveal it. */
  knownMaterial: boolean;
}

export interface MessageView {
  id: string;
  caseId: string;
  direction: 'inbound' | 'outbound' | 'note';
  channel: string;
  /** The channel's id of the message (Message-ID, mid, call id); null for notes and unsent replies. */
  externalId: string | null;
  text: string;
  html: string | null;
  subject: string | null;
  fields: Record<string, unknown> | null;
  authorId: string | null;
  authorName: string | null;
  deliveryStatus: string | null;
  deliveryError: string | null;
  deliveryAt: string | null;
  reactions: { from: 'contact' | 'staff'; reaction: string; at: string }[];
  flags: string[];
  editedAt: string | null;
  unsentAt: string | null;
  /** Earlier versions, oldest first: what the message said before each edit or unsend. */
  history: { kind: 'edit' | 'unsend'; previousText: string; at: string }[];
  createdAt: string;
  attachments: AttachmentView[];
}

export interface ContactView {
  id: string;
  displayName: string | null;
  identities: { kind: string; value: string }[];
}

export interface CaseDetail extends CaseSummary {
  reporterRole: string | null;
  ageGroup: string | null;
  language: string | null;
  subject: string | null;
  contact: ContactView | null;
  messages: MessageView[];
  /** Who reported, the child's age group and gender, place, sub-category, interventions (case-description.ts). */
  description: CaseDescription;
  /** The fields admins require before closing that this case still lacks (none: it may be closed). */
  missingForClose: DescriptionField[];
  /** The other cases of the contact's person (every linked contact, any channel), newest activity first. */
  personCases: CaseSummary[];
  /** Set when this case was merged into another: its messages are there now. */
  mergedInto: { id: string; reference: string } | null;
}

/** Domain events, published only after the transaction that caused them commits. */
export type DomainEvent =
  | { type: 'case:created'; case: CaseSummary }
  | { type: 'case:updated'; case: CaseSummary; changed: string[] }
  | { type: 'message:created'; caseId: string; message: MessageView; case: CaseSummary }
  | { type: 'message:updated'; caseId: string; message: MessageView }
  | { type: 'callback:updated'; callback: CallbackView; counts: CallbackCounts }
  /** A reported URL was found for the first time (restricted ones reach only the roles that may see them). */
  | { type: 'url:created'; url: UrlItemView }
  /** A reported URL changed (a report, its assessment, an action); `hide`: it has just become restricted. */
  | { type: 'url:updated'; url: UrlItemView; changed: string[]; hide: boolean }
  | { type: 'case:tags'; caseId: string; tags: string[] }
  /** The case's description changed (reporter, age group, gender, place, sub-category, interventions). */
  | { type: 'case:described'; caseId: string; description: CaseDescription; missingForClose: DescriptionField[] }
  /** A case became urgent on arrival (or by a later message): the rules that matched, for supervisors. */
  | { type: 'case:urgent'; case: CaseSummary; rules: string[] }
  /** A referral of the case was created or moved on (sent, acknowledged, answered, closed; e-mail delivery). */
  | { type: 'referral:updated'; caseId: string; referral: ReferralView }
  /** Contacts were linked as one person, split apart, or given a note: their pages and cases changed. */
  | { type: 'person:updated'; contactIds: string[] }
  /** The case was merged into `into` (leaves the lists; its reference now opens `into`). */
  | { type: 'case:merged'; caseId: string; reference: string; into: CaseSummary }
  /** A message moved to another case (a wrong thread): both cases as they are now. */
  | { type: 'message:moved'; message: MessageView; from: CaseSummary; to: CaseSummary };

export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}

export const PREVIEW_LENGTH = 160;

export function previewOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}
