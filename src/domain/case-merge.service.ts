import type { AuditOf, AuditPort } from './audit.ts';
import type { Actor } from './case.service.ts';
import { DomainError, ForbiddenError, ValidationError } from './errors.ts';
import { messageForRole } from './known-material-view.ts';
import type { Role } from './taxonomy.ts';
import type { CaseSummary, DomainEvent, EventPublisher, MessageView } from './views.ts';

/*
 * Merging two cases that are one matter, and moving a message that landed in the wrong thread.
 * The store reads the facts below under the cases' row locks and asks these rules before it
 * changes anything, so nothing can change in between; the audit entries go in the same
 * transaction.
 */

/** What the rules need to know of a case, read under its row lock. */
export interface CaseFacts {
  id: string;
  reference: string;
  mergedIntoId: string | null;
  /** An active legal hold: the case is kept as it is. */
  held: boolean;
  /** Its personal data was removed (retention or erasure). */
  anonymised: boolean;
  /** Known abuse material matched on it: counselors never see those files. */
  restricted: boolean;
}

export interface MessageFacts {
  id: string;
  caseId: string;
  /** The message is a record of its case: a referral's answer or the outcome told to the reporter. */
  boundTo: 'referral_answer' | 'outcome' | null;
  knownMaterial: boolean;
}

/** What went from the absorbed case to the surviving one. */
export interface Carried {
  messages: number;
  notes: number;
  calls: number;
  attachments: number;
  tags: number;
  referrals: number;
  outcomes: number;
}

export interface MergeResult {
  source: CaseSummary;
  target: CaseSummary;
  carried: Carried;
  /** The surviving case's tags after the merge. */
  tags: string[];
  /** The surviving case's fields the merge changed. */
  changed: string[];
}

export interface MoveResult {
  message: MessageView;
  from: CaseSummary;
  to: CaseSummary;
}

export interface CaseMergeStorePort {
  /** `check` runs under both cases' row locks and throws to refuse; nothing is changed then. */
  merge(
    input: { sourceId: string; targetId: string; now: Date },
    check: (source: CaseFacts, target: CaseFacts) => void,
    audit: AuditOf<MergeResult>,
  ): Promise<MergeResult>;
  moveMessage(
    input: { messageId: string; toCaseId: string; now: Date },
    check: (message: MessageFacts, from: CaseFacts, to: CaseFacts) => void,
    audit: AuditOf<MoveResult>,
  ): Promise<MoveResult>;
}

export interface CaseMergeDeps {
  store: CaseMergeStorePort;
  audit: AuditPort;
  publisher: EventPublisher;
}

/** Only supervisors and admins see known abuse material, so only they move it between cases. */
const mayCarryRestricted = (role: Role) => role === 'supervisor' || role === 'admin';

/** Refusals both operations share: merged, anonymised, restricted for counselors. */
function commonRefusals(role: Role, sides: CaseFacts[], target: CaseFacts): void {
  if (target.mergedIntoId) throw new DomainError(`${target.reference} was merged into another case`, 'case_merged');
  if (sides.some((s) => s.anonymised))
    throw new DomainError('an anonymised case takes no part in a merge or move', 'case_anonymised');
  // What a counselor cannot see, a counselor does not carry between cases.
  if (!mayCarryRestricted(role) && sides.some((s) => s.restricted))
    throw new ForbiddenError('cases with known abuse material: supervisors and admins only', 'restricted_case');
}

/** The merge rules; throws the refusal. */
export function mergeRefusal(role: Role, source: CaseFacts, target: CaseFacts): void {
  if (source.mergedIntoId) throw new DomainError(`${source.reference} was merged already`, 'case_merged');
  commonRefusals(role, [source, target], target);
  // Nothing leaves a held case; the other way round (into it) adds to what is kept.
  if (source.held)
    throw new DomainError(`${source.reference} is under legal hold: merge the other case into it`, 'legal_hold');
}

/** The move rules; throws the refusal. */
export function moveRefusal(role: Role, message: MessageFacts, from: CaseFacts, to: CaseFacts): void {
  if (from.id === to.id)
    throw new ValidationError('invalid move', [{ field: 'toCaseId', message: 'the message is in this case already' }]);
  commonRefusals(role, [from, to], to);
  if (!mayCarryRestricted(role) && message.knownMaterial)
    throw new ForbiddenError('a message with known abuse material: supervisors and admins only', 'restricted_case');
  if (from.held) throw new DomainError(`${from.reference} is under legal hold: nothing leaves it`, 'legal_hold');
  if (message.boundTo)
    throw new DomainError(`the message is the ${message.boundTo.replace('_', ' ')} of its case`, 'message_bound');
}

export function createCaseMergeService(d: CaseMergeDeps) {
  /** A refusal for a role is recorded (who tried what), then answered. */
  const refused =
    (actor: Actor, action: string, caseId: string, details: Record<string, unknown>) =>
    async (err: unknown): Promise<never> => {
      if (err instanceof ForbiddenError)
        await d.audit.write({
          actorId: actor.id,
          action,
          entityType: 'case',
          entityId: caseId,
          ip: actor.ip,
          details: { ...details, reason: err.code },
        });
      throw err;
    };

  return {
    /** Merge case `id` into `intoCaseId`: the first is absorbed (kept, marked), the second survives. */
    async merge(actor: Actor, id: string, intoCaseId: string): Promise<MergeResult> {
      if (id === intoCaseId)
        throw new ValidationError('invalid merge', [
          { field: 'intoCaseId', message: 'a case cannot merge into itself' },
        ]);
      const result = await d.store
        .merge(
          { sourceId: id, targetId: intoCaseId, now: new Date() },
          (source, target) => mergeRefusal(actor.role, source, target),
          (r) => [
            {
              actorId: actor.id,
              action: 'case.merge',
              entityType: 'case',
              entityId: id,
              ip: actor.ip,
              details: { intoCaseId, intoReference: r.target.reference, carried: r.carried },
            },
            {
              actorId: actor.id,
              action: 'case.absorb',
              entityType: 'case',
              entityId: intoCaseId,
              ip: actor.ip,
              details: { fromCaseId: id, fromReference: r.source.reference, carried: r.carried, changed: r.changed },
            },
          ],
        )
        .catch(refused(actor, 'case.merge_refused', id, { intoCaseId }));
      const events: DomainEvent[] = [
        { type: 'case:merged', caseId: id, reference: result.source.reference, into: result.target },
        { type: 'case:updated', case: result.source, changed: ['status', 'mergedInto'] },
        { type: 'case:updated', case: result.target, changed: result.changed },
      ];
      if (result.carried.tags > 0) events.push({ type: 'case:tags', caseId: intoCaseId, tags: result.tags });
      await d.publisher.publish(events);
      return result;
    },

    async moveMessage(actor: Actor, messageId: string, toCaseId: string): Promise<MoveResult> {
      const result = await d.store
        .moveMessage(
          { messageId, toCaseId, now: new Date() },
          (message, from, to) => moveRefusal(actor.role, message, from, to),
          (r) => [
            {
              actorId: actor.id,
              action: 'message.move_out',
              entityType: 'case',
              entityId: r.from.id,
              ip: actor.ip,
              details: { messageId, toCaseId, toReference: r.to.reference },
            },
            {
              actorId: actor.id,
              action: 'message.move_in',
              entityType: 'case',
              entityId: r.to.id,
              ip: actor.ip,
              details: { messageId, fromCaseId: r.from.id, fromReference: r.from.reference },
            },
          ],
        )
        .catch(refused(actor, 'message.move_refused', toCaseId, { messageId }));
      await d.publisher.publish([
        { type: 'message:moved', message: result.message, from: result.from, to: result.to },
        { type: 'case:updated', case: result.from, changed: ['messageCount'] },
        { type: 'case:updated', case: result.to, changed: ['messageCount'] },
      ]);
      return { ...result, message: messageForRole(result.message, actor.role) };
    },
  };
}

export type CaseMergeService = ReturnType<typeof createCaseMergeService>;
