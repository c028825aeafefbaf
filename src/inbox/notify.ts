import type { DomainEvent } from '../domain/views.ts';

/** Why a case worker is told: a new urgent case, a case assigned to them, a reply on their case. */
export type NoticeKind = 'urgent' | 'assigned' | 'reply';

/**
 * A notification's payload: the case by id and reference only. Nothing of the message's words:
 * the inbox adds the preview it already holds only when its user allows it (shared screens).
 */
export interface Notice {
  kind: NoticeKind;
  caseId: string;
  reference: string;
}

/** Who hears a notice: every case worker (the inbox room) or one user. */
export type NoticeAudience = { all: true } | { userId: string };

/**
 * The notices a committed domain event raises. An assignment one made oneself raises none; a
 * reply notifies the case's assignee only (nobody when the case is unassigned: the urgent and
 * waiting lists cover those).
 */
export function noticesFor(e: DomainEvent): { to: NoticeAudience; notice: Notice }[] {
  switch (e.type) {
    case 'case:urgent':
      return [{ to: { all: true }, notice: { kind: 'urgent', caseId: e.case.id, reference: e.case.reference } }];
    case 'case:updated': {
      const assignee = e.case.assigneeId;
      if (!e.changed.includes('assigneeId') || !assignee || e.by === assignee) return [];
      return [
        { to: { userId: assignee }, notice: { kind: 'assigned', caseId: e.case.id, reference: e.case.reference } },
      ];
    }
    case 'message:created': {
      const assignee = e.case.assigneeId;
      if (e.message.direction !== 'inbound' || !assignee) return [];
      return [{ to: { userId: assignee }, notice: { kind: 'reply', caseId: e.caseId, reference: e.case.reference } }];
    }
    default:
      return [];
  }
}
