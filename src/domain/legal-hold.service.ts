import type { AuditOf } from './audit.ts';
import type { Actor } from './case.service.ts';
import { DomainError, ForbiddenError, NotFoundError } from './errors.ts';

/** Institutions whose referral is a referral to the police (the UI shows a hint to place a hold). */
const POLICE_INSTITUTIONS = ['ministry_interior', 'prosecutor_high_tech_crime'] as const;

export interface LegalHoldView {
  id: string;
  reason: string;
  placedBy: string | null;
  placedByName: string | null;
  placedAt: string;
  liftedBy: string | null;
  liftedByName: string | null;
  liftedAt: string | null;
  liftReason: string | null;
}

export class LegalHoldError extends DomainError {
  constructor(message = 'the case is under legal hold') {
    super(message, 'legal_hold');
  }
}

export interface LegalHoldPort {
  caseExists(caseId: string): Promise<boolean>;
  /** Newest first; the active one (not lifted) is at most one. */
  holds(caseId: string): Promise<LegalHoldView[]>;
  /** Has the case a referral to one of these institutions? */
  hasReferralTo(caseId: string, institutions: readonly string[]): Promise<boolean>;
  /**
   * Null when the case already has an active hold (checked under the case's row lock). `audit`:
   * the entries for the new hold, written in its transaction.
   */
  place(caseId: string, reason: string, by: string, now: Date, audit: AuditOf<string>): Promise<string | null>;
  /** False when there was no active hold; `audit` is written with the lift, in its transaction. */
  lift(caseId: string, reason: string, by: string, now: Date, audit: AuditOf<void>): Promise<boolean>;
}

const mayHold = (actor: Actor) => actor.role === 'supervisor' || actor.role === 'admin';

/**
 * A case on legal hold (typically referred to the police) is kept exactly as it is: retention
 * skips it and erasure is refused. Supervisors and admins place and lift holds, with a reason.
 */
export function createLegalHoldService(d: { store: LegalHoldPort }) {
  const mustExist = async (caseId: string) => {
    if (!(await d.store.caseExists(caseId))) throw new NotFoundError('case');
  };
  return {
    async status(actor: Actor, caseId: string) {
      await mustExist(caseId);
      const [holds, policeReferral] = await Promise.all([
        d.store.holds(caseId),
        d.store.hasReferralTo(caseId, POLICE_INSTITUTIONS),
      ]);
      return {
        active: holds.find((h) => h.liftedAt === null) ?? null,
        history: holds,
        policeReferral,
        canManage: mayHold(actor),
      };
    },

    async place(actor: Actor, caseId: string, reason: string, now = new Date()) {
      if (!mayHold(actor)) throw new ForbiddenError();
      await mustExist(caseId);
      const id = await d.store.place(caseId, reason, actor.id, now, (holdId) => [
        {
          actorId: actor.id,
          action: 'case.legal_hold',
          entityType: 'case',
          entityId: caseId,
          ip: actor.ip,
          details: { holdId, reason },
        },
      ]);
      if (!id) throw new DomainError('the case is already under legal hold', 'already_held');
      return this.status(actor, caseId);
    },

    async lift(actor: Actor, caseId: string, reason: string, now = new Date()) {
      if (!mayHold(actor)) throw new ForbiddenError();
      await mustExist(caseId);
      const lifted = await d.store.lift(caseId, reason, actor.id, now, () => [
        {
          actorId: actor.id,
          action: 'case.legal_hold_lifted',
          entityType: 'case',
          entityId: caseId,
          ip: actor.ip,
          details: { reason },
        },
      ]);
      if (!lifted) throw new DomainError('the case is not under legal hold', 'not_held');
      return this.status(actor, caseId);
    },
  };
}

export type LegalHoldService = ReturnType<typeof createLegalHoldService>;
