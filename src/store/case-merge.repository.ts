import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { AuditOf } from '../domain/audit.ts';
import type {
  Carried,
  CaseFacts,
  CaseMergeStorePort,
  MergeResult,
  MessageFacts,
  MoveResult,
} from '../domain/case-merge.service.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { OPEN_REFERRAL_STATUSES } from '../domain/referrals.ts';
import { PRIORITIES } from '../domain/taxonomy.ts';
import { previewOf } from '../domain/views.ts';
import { writeAudit } from './audit.repository.ts';
import { loadCaseSummary, loadMessage } from './case-views.ts';
import type { Db } from './db.ts';
import {
  attachments,
  caseAnonymisations,
  caseOutcomes,
  cases,
  caseTags,
  deadLetters,
  inboundEvents,
  knownHashMatches,
  legalHolds,
  messages,
  referrals,
} from './schema/index.ts';

/**
 * Every table that points at a case, and what a merge does with its rows. A test holds this
 * against the database's own foreign keys, so a new table that points at cases must say here
 * whether its rows follow the messages to the surviving case.
 */
export const MERGE_TABLES = {
  carried: [
    'messages',
    'referrals',
    'case_outcomes',
    'known_hash_matches',
    'inbound_events',
    'dead_letters',
    'case_tags',
  ],
  kept: {
    cases: 'links to the absorbed case (linked_case_id, merged_into_id) are pointed at the surviving one',
    legal_holds: 'a lifted hold stays the absorbed case’s history; an active one refuses the merge',
    case_anonymisations: 'an anonymised case refuses the merge',
    email_auto_acks: 'one acknowledgement per case was sent; the absorbed case keeps its record',
    triage_feedback: 'a mark judges how the absorbed case itself was triaged on arrival; it stays with it',
  },
} as const;

type CaseRow = typeof cases.$inferSelect;

/** Both cases locked (in id order, so two merges of the same pair never wait on each other) with their facts. */
async function lockWithFacts(t: Db, ids: string[]): Promise<Map<string, { row: CaseRow; facts: CaseFacts }>> {
  const rows = await t.select().from(cases).where(inArray(cases.id, ids)).orderBy(asc(cases.id)).for('update');
  const found = rows.map((r) => r.id);
  const some = async (q: Promise<{ caseId: string }[]>) => new Set((await q).map((r) => r.caseId));
  if (found.length === 0) return new Map();
  const held = await some(
    t
      .select({ caseId: legalHolds.caseId })
      .from(legalHolds)
      .where(and(inArray(legalHolds.caseId, found), isNull(legalHolds.liftedAt))),
  );
  const anonymised = await some(
    t
      .select({ caseId: caseAnonymisations.caseId })
      .from(caseAnonymisations)
      .where(inArray(caseAnonymisations.caseId, found)),
  );
  const restricted = await some(
    t.select({ caseId: knownHashMatches.caseId }).from(knownHashMatches).where(inArray(knownHashMatches.caseId, found)),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        row,
        facts: {
          id: row.id,
          reference: row.reference,
          mergedIntoId: row.mergedIntoId,
          held: held.has(row.id),
          anonymised: anonymised.has(row.id),
          restricted: restricted.has(row.id),
        },
      },
    ]),
  );
}

const count = sql<number>`count(*)`.mapWith(Number);

/** The case's message count and list preview from the messages it holds now. */
async function recount(t: Db, caseId: string): Promise<{ messageCount: number; preview: string }> {
  const [n] = await t.select({ n: count }).from(messages).where(eq(messages.caseId, caseId));
  const [newest] = await t
    .select({ text: messages.text })
    .from(messages)
    .where(and(eq(messages.caseId, caseId), ne(messages.direction, 'note')))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1);
  return { messageCount: n?.n ?? 0, preview: newest ? previewOf(newest.text) : '' };
}

async function carriedFrom(t: Db, caseId: string): Promise<Carried> {
  const [m] = await t
    .select({
      messages: sql<number>`count(*) filter (where ${messages.direction} <> 'note')`.mapWith(Number),
      notes: sql<number>`count(*) filter (where ${messages.direction} = 'note')`.mapWith(Number),
      calls: sql<number>`count(*) filter (where ${messages.channel} = 'phone')`.mapWith(Number),
    })
    .from(messages)
    .where(eq(messages.caseId, caseId));
  const [a] = await t
    .select({ n: count })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(eq(messages.caseId, caseId));
  const [tg] = await t.select({ n: count }).from(caseTags).where(eq(caseTags.caseId, caseId));
  const [r] = await t.select({ n: count }).from(referrals).where(eq(referrals.caseId, caseId));
  const [o] = await t.select({ n: count }).from(caseOutcomes).where(eq(caseOutcomes.caseId, caseId));
  return {
    messages: m?.messages ?? 0,
    notes: m?.notes ?? 0,
    calls: m?.calls ?? 0,
    attachments: a?.n ?? 0,
    tags: tg?.n ?? 0,
    referrals: r?.n ?? 0,
    outcomes: o?.n ?? 0,
  };
}

const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : v);
const earlier = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));
const later = (a: Date, b: Date) => (a > b ? a : b);

/** What the surviving case becomes: the more pressing priority, the earlier answer, the later activity. */
function survivorFields(target: CaseRow, source: CaseRow, openReferrals: number) {
  const raised = PRIORITIES.indexOf(source.priority) < PRIORITIES.indexOf(target.priority);
  // A closed case that takes in a live one is open again; open referrals make it referred.
  let status = target.status === 'closed' && source.status !== 'closed' ? 'open' : target.status;
  if (status !== 'closed' && openReferrals > 0) status = 'referred';
  return {
    priority: raised ? source.priority : target.priority,
    firstResponseDueAt: raised
      ? earlier(target.firstResponseDueAt, source.firstResponseDueAt)
      : target.firstResponseDueAt,
    firstResponseAt: earlier(target.firstResponseAt, source.firstResponseAt),
    lastActivityAt: later(target.lastActivityAt, source.lastActivityAt),
    status: status as CaseRow['status'],
    closedAt: status === 'closed' ? target.closedAt : null,
  };
}

export function createCaseMergeRepository(db: Db): CaseMergeStorePort {
  return {
    async merge({ sourceId, targetId, now }, check, audit: AuditOf<MergeResult>): Promise<MergeResult> {
      return db.transaction(async (t) => {
        const locked = await lockWithFacts(t, [sourceId, targetId]);
        const source = locked.get(sourceId);
        const target = locked.get(targetId);
        if (!source) throw new NotFoundError('case');
        if (!target) throw new ValidationError('invalid merge', [{ field: 'intoCaseId', message: 'no such case' }]);
        check(source.facts, target.facts);
        const carried = await carriedFrom(t, sourceId);

        const S = sourceId;
        const T = targetId;
        await t.update(messages).set({ caseId: T }).where(eq(messages.caseId, S));
        await t.update(referrals).set({ caseId: T, updatedAt: now }).where(eq(referrals.caseId, S));
        await t.update(caseOutcomes).set({ caseId: T }).where(eq(caseOutcomes.caseId, S));
        await t.update(knownHashMatches).set({ caseId: T }).where(eq(knownHashMatches.caseId, S));
        await t.update(inboundEvents).set({ caseId: T }).where(eq(inboundEvents.caseId, S));
        await t.update(deadLetters).set({ caseId: T }).where(eq(deadLetters.caseId, S));
        await t.execute(sql`insert into case_tags (case_id, tag, created_by, created_at)
          select ${T}, tag, created_by, created_at from case_tags where case_id = ${S} on conflict do nothing`);
        await t.delete(caseTags).where(eq(caseTags.caseId, S));
        // Who continued or was merged into the absorbed case now points at the survivor: one hop, always.
        await t
          .update(cases)
          .set({ linkedCaseId: T })
          .where(and(eq(cases.linkedCaseId, S), ne(cases.id, T)));
        await t.update(cases).set({ mergedIntoId: T }).where(eq(cases.mergedIntoId, S));

        const [open] = await t
          .select({ n: count })
          .from(referrals)
          .where(and(eq(referrals.caseId, T), inArray(referrals.status, [...OPEN_REFERRAL_STATUSES])));
        const fields = { ...survivorFields(target.row, source.row, open?.n ?? 0), ...(await recount(t, T)) };
        const before: Record<string, unknown> = target.row;
        const changed = Object.entries(fields)
          .filter(([k, v]) => comparable(v) !== comparable(before[k]))
          .map(([k]) => k);
        await t
          .update(cases)
          .set({ ...fields, updatedAt: now })
          .where(eq(cases.id, T));
        await t
          .update(cases)
          .set({
            mergedIntoId: T,
            mergedAt: now,
            status: 'closed',
            closedAt: source.row.closedAt ?? now,
            messageCount: 0,
            preview: '',
            updatedAt: now,
          })
          .where(eq(cases.id, S));

        const tags = await t.select({ tag: caseTags.tag }).from(caseTags).where(eq(caseTags.caseId, T));
        const result: MergeResult = {
          source: await loadCaseSummary(t, S),
          target: await loadCaseSummary(t, T),
          carried,
          tags: tags.map((r) => r.tag).sort(),
          changed,
        };
        await writeAudit(t, audit(result), now);
        return result;
      });
    },

    async moveMessage({ messageId, toCaseId, now }, check, audit: AuditOf<MoveResult>): Promise<MoveResult> {
      return db.transaction(async (t) => {
        const [m] = await t
          .select({ id: messages.id, caseId: messages.caseId, createdAt: messages.createdAt })
          .from(messages)
          .where(eq(messages.id, messageId))
          .for('update');
        if (!m) throw new NotFoundError('message');
        const locked = await lockWithFacts(t, [m.caseId, toCaseId]);
        const from = locked.get(m.caseId);
        const to = locked.get(toCaseId);
        if (!from) throw new NotFoundError('case');
        if (!to) throw new ValidationError('invalid move', [{ field: 'toCaseId', message: 'no such case' }]);
        const [answer] = await t
          .select({ id: referrals.id })
          .from(referrals)
          .where(eq(referrals.answerMessageId, m.id))
          .limit(1);
        const [outcome] = await t
          .select({ id: caseOutcomes.id })
          .from(caseOutcomes)
          .where(eq(caseOutcomes.messageId, m.id))
          .limit(1);
        const files = t.select({ id: attachments.id }).from(attachments).where(eq(attachments.messageId, m.id));
        const [known] = await t
          .select({ id: knownHashMatches.id })
          .from(knownHashMatches)
          .where(inArray(knownHashMatches.attachmentId, files))
          .limit(1);
        const facts: MessageFacts = {
          id: m.id,
          caseId: m.caseId,
          boundTo: answer ? 'referral_answer' : outcome ? 'outcome' : null,
          knownMaterial: known !== undefined,
        };
        check(facts, from.facts, to.facts);

        await t.update(messages).set({ caseId: toCaseId }).where(eq(messages.id, m.id));
        await t.update(inboundEvents).set({ caseId: toCaseId }).where(eq(inboundEvents.messageId, m.id));
        await t.update(knownHashMatches).set({ caseId: toCaseId }).where(inArray(knownHashMatches.attachmentId, files));
        await t
          .update(cases)
          .set({ ...(await recount(t, m.caseId)), updatedAt: now })
          .where(eq(cases.id, m.caseId));
        await t
          .update(cases)
          .set({
            ...(await recount(t, toCaseId)),
            lastActivityAt: later(to.row.lastActivityAt, m.createdAt),
            updatedAt: now,
          })
          .where(eq(cases.id, toCaseId));

        const result: MoveResult = {
          message: await loadMessage(t, m.id),
          from: await loadCaseSummary(t, m.caseId),
          to: await loadCaseSummary(t, toCaseId),
        };
        await writeAudit(t, audit(result), now);
        return result;
      });
    },
  };
}
