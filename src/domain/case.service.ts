import type { ReplyAttachment } from '../../connectors/contract.ts';
import type { AuditOf, AuditPort } from './audit.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { INBOX_VIEWS, VIEW_FILTERS, type ViewCounts } from './inbox-views.ts';
import { caseDetailForRole, messageForRole } from './known-material-view.ts';
import { normaliseAddress } from './reply-recipient.ts';
import type { CaseStatus, Priority } from './taxonomy.ts';
import type { CaseDetail, CaseSummary, EventPublisher, MessageView } from './views.ts';

export interface Actor {
  id: string;
  role: 'counselor' | 'supervisor' | 'admin';
  ip: string | null;
}

export interface CaseFilter {
  status?: CaseStatus[];
  channel?: string[];
  category?: string[];
  priority?: Priority[];
  assignee?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

/** One count query: each filter becomes a `count(*) filter (where …)` column. */
export type CountFilter = Omit<CaseFilter, 'limit' | 'cursor' | 'q'>;

export interface CaseChange {
  status?: CaseStatus;
  priority?: Priority;
  category?: string | null;
  assigneeId?: string | null;
}

/** A counselor's note or reply as the store adds it. */
export interface StaffMessageInput {
  caseId: string;
  kind: 'note' | 'reply';
  text: string;
  authorId: string;
  channel: string;
  fields?: Record<string, unknown>;
  now: Date;
}

/** The store as the case use cases see it; implemented by the case repository. */
export interface CaseStorePort {
  list(f: CaseFilter): Promise<{ items: CaseSummary[]; nextCursor: string | null }>;
  count(filters: Record<string, CountFilter>): Promise<Record<string, number>>;
  detail(id: string): Promise<CaseDetail>;
  /** The case's id for its reference (KC-2026-000042), or null. */
  idByReference(reference: string): Promise<string | null>;
  summary(id: string): Promise<CaseSummary>;
  /** `audit`: the entries for the fields that really changed, written in the update's transaction. */
  update(
    id: string,
    patch: CaseChange,
    now: Date,
    audit: AuditOf<string[]>,
  ): Promise<{ changed: string[]; summary: CaseSummary }>;
  /** `audit`: the entries for the new message, written in its transaction. */
  addStaffMessage(
    input: StaffMessageInput,
    audit: AuditOf<MessageView>,
  ): Promise<{ message: MessageView; summary: CaseSummary }>;
  /** E-mail addresses seen on the case: its contact's, and the From/Reply-To of its inbound mail. */
  replyAddresses(caseId: string): Promise<string[]>;
}

export interface CaseServiceDeps {
  cases: CaseStorePort;
  audit: AuditPort;
  publisher: EventPublisher;
  enqueueOutbound(messageId: string, caseId: string): Promise<void>;
  /** Active, retired (valid on old cases only) or unknown: from the taxonomy admins edit. */
  categoryState(code: string): Promise<'active' | 'retired' | null>;
  userExists(id: string): Promise<boolean>;
}

export function createCaseService(d: CaseServiceDeps) {
  /** Every read of a case is audited: these are reports about children. */
  const open = async (actor: Actor, id: string): Promise<CaseDetail> => {
    const detail = await d.cases.detail(id);
    await d.audit.write({ actorId: actor.id, action: 'case.view', entityType: 'case', entityId: id, ip: actor.ip });
    // Known abuse material: counselors learn only that a file was withheld, not its name or type.
    return caseDetailForRole(detail, actor.role);
  };

  return {
    list: (f: CaseFilter) => d.cases.list(f),

    /** Counts per view for the signed-in counselor ("mine" depends on who asks). */
    async counts(actorId: string): Promise<ViewCounts> {
      const filters: Record<string, CountFilter> = {};
      for (const v of INBOX_VIEWS) {
        const f = VIEW_FILTERS[v];
        filters[v] = {
          status: [...f.status],
          ...(f.priority && { priority: [...f.priority] }),
          ...(f.assignee && { assignee: f.assignee === 'me' ? actorId : 'none' }),
        };
      }
      const counts = await d.cases.count(filters);
      return Object.fromEntries(INBOX_VIEWS.map((v) => [v, counts[v] ?? 0])) as ViewCounts;
    },

    open,

    /** A shared link names the case by its reference: the same read, audited the same way. */
    async openByReference(actor: Actor, reference: string): Promise<CaseDetail> {
      const id = await d.cases.idByReference(reference);
      if (!id) throw new NotFoundError('case');
      return open(actor, id);
    },

    async change(actor: Actor, id: string, patch: CaseChange): Promise<CaseSummary> {
      const problems: { field: string; message: string }[] = [];
      const current = patch.category != null || patch.status === 'closed' ? await d.cases.summary(id) : null;
      // A retired category stays on the cases that have it, but is not given to any other.
      if (patch.category != null && patch.category !== current?.category) {
        const state = await d.categoryState(patch.category);
        if (state !== 'active')
          problems.push({ field: 'category', message: state ? 'retired category' : 'unknown category' });
      }
      if (patch.assigneeId != null && !(await d.userExists(patch.assigneeId)))
        problems.push({ field: 'assigneeId', message: 'no such user' });
      if (patch.status === 'closed' && current) {
        const category = patch.category === undefined ? current.category : patch.category;
        if (!category) problems.push({ field: 'category', message: 'a case cannot be closed without a category' });
        else if (patch.category === undefined && (await d.categoryState(category)) === null)
          problems.push({ field: 'category', message: 'unknown category' });
      }
      if (problems.length > 0) throw new ValidationError('invalid change', problems);

      const { changed, summary } = await d.cases.update(id, patch, new Date(), (fields) =>
        fields.length === 0
          ? []
          : [
              {
                actorId: actor.id,
                action: 'case.update',
                entityType: 'case',
                entityId: id,
                ip: actor.ip,
                details: Object.fromEntries(fields.map((k) => [k, patch[k as keyof CaseChange]])),
              },
            ],
      );
      if (changed.length > 0) await d.publisher.publish([{ type: 'case:updated', case: summary, changed }]);
      return summary;
    },

    /**
     * Notes stay inside; replies are queued to the case's channel once the note is committed. A
     * reply goes to the contact's own address unless the counselor names another (`to`) for this
     * one reply: only an address already seen on this case, and audited.
     */
    async addMessage(
      actor: Actor,
      id: string,
      kind: 'note' | 'reply',
      text: string,
      attachments: ReplyAttachment[] = [],
      to?: string,
    ): Promise<MessageView> {
      const current = await d.cases.summary(id);
      const recipient = to === undefined ? null : normaliseAddress(to);
      if (recipient !== null) {
        if (kind !== 'reply') throw new ValidationError('invalid message', [{ field: 'to', message: 'only replies' }]);
        if (!(await d.cases.replyAddresses(id)).includes(recipient))
          throw new ValidationError('invalid message', [{ field: 'to', message: 'not an address seen on this case' }]);
      }
      const fields = {
        ...(attachments.length > 0 && { attachments }),
        ...(recipient !== null && { recipient }),
      };
      const { message, summary } = await d.cases.addStaffMessage(
        {
          caseId: id,
          kind,
          text,
          ...(Object.keys(fields).length > 0 && { fields }),
          authorId: actor.id,
          channel: current.channel,
          now: new Date(),
        },
        (added) => [
          {
            actorId: actor.id,
            action: kind === 'note' ? 'case.note' : 'case.reply',
            entityType: 'case',
            entityId: id,
            ip: actor.ip,
            details: { messageId: added.id },
          },
          ...(recipient === null
            ? []
            : [
                {
                  actorId: actor.id,
                  action: 'message.reply_recipient_override',
                  entityType: 'case',
                  entityId: id,
                  ip: actor.ip,
                  details: { messageId: added.id, to: recipient },
                },
              ]),
        ],
      );
      await d.publisher.publish([
        { type: 'message:created', caseId: id, message, case: summary },
        { type: 'case:updated', case: summary, changed: ['lastActivityAt'] },
      ]);
      if (kind === 'reply') await d.enqueueOutbound(message.id, id);
      return messageForRole(message, actor.role);
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
