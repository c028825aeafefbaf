import type { z } from 'zod';
import type { CallbackCounts, CallbackView } from './callback-views.ts';
import type { CaseDescription, DescriptionField } from './case-description.ts';
import type { ReferralView } from './referrals.ts';
import type { UrlItemView } from './url-items.ts';
import type {
  attachmentViewSchema,
  caseDetailSchema,
  caseExtrasSchema,
  casePageSchema,
  caseSummarySchema,
  messageViewSchema,
} from './views.schema.ts';

/*
 * The case views are inferred from their schemas (views.schema.ts): one source for the server,
 * the OpenAPI document and the web inbox.
 */

/** What the case list shows for one case; also the payload of case events. */
export type CaseSummary = z.infer<typeof caseSummarySchema>;
export type AttachmentView = z.infer<typeof attachmentViewSchema>;
export type MessageView = z.infer<typeof messageViewSchema>;
export type CaseDetail = z.infer<typeof caseDetailSchema>;
/** One page of the case list (its rows carry their tags). */
export type CasePage = z.infer<typeof casePageSchema>;
/** Tags, history, the reporter's other cases and linked cases, beside an open case. */
export type CaseExtras = z.infer<typeof caseExtrasSchema>;

/** Domain events, published only after the transaction that caused them commits. */
export type DomainEvent =
  | { type: 'case:created'; case: CaseSummary }
  /** `by`: the case worker who made the change, when one did (an assignment one makes oneself notifies nobody). */
  | { type: 'case:updated'; case: CaseSummary; changed: string[]; by?: string }
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
  | { type: 'message:moved'; message: MessageView; from: CaseSummary; to: CaseSummary }
  /** A case worker set their availability (shift): the on-duty list and the board update. */
  | { type: 'presence:updated'; userId: string; name: string; state: 'available' | 'busy' | 'away' };

export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}

export const PREVIEW_LENGTH = 160;

export function previewOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}
