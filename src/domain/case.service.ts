import type { ReplyAttachment } from '../../connectors/contract.ts';
import type { AuditOf, AuditPort } from './audit.ts';
import {
  type CaseDescription,
  type DescriptionChange,
  type DescriptionField,
  INTERVENTIONS,
  missingForClose,
  type Place,
} from './case-description.ts';
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

export interface CaseChange extends DescriptionChange {
  status?: CaseStatus;
  priority?: Priority;
  category?: string | null;
  assigneeId?: string | null;
}

const DESCRIPTION_KEYS = ['reporterRole', 'ageGroup', 'gender', 'place', 'subcategory', 'interventions'] as const;

/** What the case description needs from the admins' lists and settings. */
export interface CaseRecordPort {
  description(caseId: string): Promise<CaseDescription>;
  /** The fields admins require before a case is closed. */
  requiredForClose(): Promise<DescriptionField[]>;
  /** Why this place cannot be given (unknown, retired, a municipality of another district), or null. */
  placeProblem(place: Place, current: Place | null): Promise<string | null>;
  subcategory(code: string): Promise<{ category: string; retired: boolean } | null>;
}

/** Without the record (a bare service in a test): nothing is required and no place or sub-category is known. */
const NO_RECORD: CaseRecordPort = {
  description: async () => ({
    reporterRole: null,
    ageGroup: null,
    gender: null,
    place: null,
    subcategory: null,
    interventions: [],
  }),
  requiredForClose: async () => [],
  placeProblem: async () => 'unknown district',
  subcategory: async () => null,
};

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
  record?: CaseRecordPort;
}

export function createCaseService(d: CaseServiceDeps) {
  const record = d.record ?? NO_RECORD;
  /** Every read of a case is audited: these are reports about children. */
  const open = async (actor: Actor, id: string): Promise<CaseDetail> => {
    const read = await d.cases.detail(id);
    const detail = { ...read, missingForClose: missingForClose(read.description, await record.requiredForClose()) };
    await d.audit.write({ actorId: actor.id, action: 'case.view', entityType: 'case', entityId: id, ip: actor.ip });
    // Known abuse material: counselors learn only that a file was withheld, not its name or type.
    return caseDetailForRole(detail, actor.role);
  };

  /**
   * The description part of a change, checked against the admins' lists: a place from the list, a
   * sub-category under the case's category (given to a case without one, it brings its category; a
   * new category drops a sub-category of another), interventions once each in the list's order.
   */
  const describe = async (
    asked: CaseChange,
    current: CaseSummary | null,
    before: CaseDescription | null,
    problems: { field: string; message: string }[],
  ): Promise<CaseChange> => {
    const patch: CaseChange = { ...asked };
    if (asked.interventions) patch.interventions = INTERVENTIONS.filter((i) => asked.interventions?.includes(i));
    if (asked.place) {
      const problem = await record.placeProblem(asked.place, before?.place ?? null);
      if (problem) problems.push({ field: 'place', message: problem });
    }
    const category = asked.category === undefined ? (current?.category ?? null) : asked.category;
    if (asked.subcategory != null) {
      const sub = await record.subcategory(asked.subcategory);
      if (!sub) problems.push({ field: 'subcategory', message: 'unknown sub-category' });
      else if (sub.retired && asked.subcategory !== before?.subcategory)
        problems.push({ field: 'subcategory', message: 'retired sub-category' });
      else if (category === null) patch.category = sub.category;
      else if (sub.category !== category)
        problems.push({ field: 'subcategory', message: 'not a sub-category of the case’s category' });
    } else if (asked.subcategory === undefined && asked.category !== undefined && before?.subcategory) {
      const sub = await record.subcategory(before.subcategory);
      if (sub?.category !== asked.category) patch.subcategory = null;
    }
    return patch;
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

    async change(actor: Actor, id: string, asked: CaseChange): Promise<CaseSummary> {
      const problems: { field: string; message: string }[] = [];
      const describes = DESCRIPTION_KEYS.some((k) => asked[k] !== undefined);
      const current =
        asked.category != null || asked.status === 'closed' || describes ? await d.cases.summary(id) : null;
      const before =
        describes || asked.status === 'closed' || asked.category !== undefined ? await record.description(id) : null;
      const patch = await describe(asked, current, before, problems);
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
      if (patch.status === 'closed' && current && current.status !== 'closed' && before) {
        const after = { ...before, ...patch } as CaseDescription;
        for (const field of missingForClose(after, await record.requiredForClose()))
          problems.push({ field, message: 'required before the case is closed' });
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
      if (changed.length > 0)
        await d.publisher.publish([{ type: 'case:updated', case: summary, changed, by: actor.id }]);
      if (changed.some((k) => (DESCRIPTION_KEYS as readonly string[]).includes(k))) {
        const description = await record.description(id);
        const missing = missingForClose(description, await record.requiredForClose());
        await d.publisher.publish([{ type: 'case:described', caseId: id, description, missingForClose: missing }]);
      }
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
