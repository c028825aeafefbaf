import { and, asc, desc, eq, gte, lte, ne, sql } from 'drizzle-orm';
import type { InboundEnvelope } from '../../../connectors/contract.ts';
import type { CallMessage, CallSource, CallThread, ManualDetails } from '../../../connectors/phone/call-envelope.ts';
import { type CallRecord, counterpart } from '../../../connectors/phone/call-record.ts';
import { callState, type MergeEffect, mergeCall } from '../../../connectors/phone/call-state.ts';
import { callbackAction } from '../../../connectors/phone/callback-rules.ts';
import type { AuditOf } from '../../domain/audit.ts';
import type { CaseSummary } from '../../domain/views.ts';
import { writeAudit } from '../../store/audit.repository.ts';
import { summaryQuery, toSummary } from '../../store/case-views.ts';
import type { Db } from '../../store/db.ts';
import { createInboundEventRepository } from '../../store/inbound-event.repository.ts';
import {
  cases,
  contactIdentities,
  messages,
  type PhoneCallRow,
  phoneCallbackAttempts,
  phoneCallbacks,
  phoneCalls,
  phoneCallUpdates,
} from '../../store/schema/index.ts';
import { storable } from '../../store/storable-text.ts';
import { applyCallbackAction, type CallbackPolicy } from './phone-callback-effects.ts';

export interface StoredCall extends CallMessage {
  messageVersion: number;
  eventId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RecordCallResult {
  effect: MergeEffect;
  /** The post was behind the stored state: it could only fill gaps. */
  stale: boolean;
  stored: StoredCall;
  /** The callback task this change opened, counted on or closed. */
  callbackId: string | null;
  /** The pipeline event recorded for a call new to the store; enqueue it after the commit. */
  event: { id: string; envelope: InboundEnvelope } | null;
}

const toStored = (r: PhoneCallRow): StoredCall => ({
  call: r.record,
  source: r.source,
  manual: r.manual ?? null,
  version: r.version,
  messageVersion: r.messageVersion,
  eventId: r.eventId,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const columnsOf = (call: CallRecord) => ({
  direction: call.direction,
  number: counterpart(call),
  state: callState(call),
  outcome: call.outcome,
  startedAt: new Date(call.startedAt),
  record: call,
});

const phoneMessage = (callId: string) => and(eq(messages.channel, 'phone'), eq(messages.externalId, callId));

/** The case a call's message landed in, once the pipeline applied it. */
async function caseOfCall(db: Db, callId: string): Promise<{ id: string; reference: string; status: string } | null> {
  const [row] = await db
    .select({ id: cases.id, reference: cases.reference, status: cases.status })
    .from(messages)
    .innerJoin(cases, eq(cases.id, messages.caseId))
    .where(phoneMessage(callId));
  return row ?? null;
}

/**
 * Which case a new call joins. A call back to a number whose task it answers joins the case of
 * the missed call; otherwise the number's latest call within the window before it, unless that
 * case is closed. The earlier call is named by its id, so the pipeline finds its case even when
 * that call is still in the queue.
 */
async function threadFor(db: Db, stored: StoredCall, windowMs: number): Promise<CallThread> {
  const number = counterpart(stored.call);
  if (!number) return {};
  // Only our own call can be the call back of a task.
  const [answered] =
    stored.call.direction === 'outbound'
      ? await db
          .select({ lastCallId: phoneCallbacks.lastCallId })
          .from(phoneCallbackAttempts)
          .innerJoin(phoneCallbacks, eq(phoneCallbacks.id, phoneCallbackAttempts.callbackId))
          .where(eq(phoneCallbackAttempts.callId, stored.call.callId))
          .limit(1)
      : [];
  let earlier = answered?.lastCallId;
  if (!earlier && windowMs > 0) {
    const started = new Date(stored.call.startedAt);
    const [prev] = await db
      .select({ callId: phoneCalls.callId })
      .from(phoneCalls)
      .where(
        and(
          eq(phoneCalls.number, number),
          ne(phoneCalls.callId, stored.call.callId),
          lte(phoneCalls.startedAt, started),
          gte(phoneCalls.startedAt, new Date(started.getTime() - windowMs)),
        ),
      )
      .orderBy(desc(phoneCalls.startedAt))
      .limit(1);
    earlier = prev?.callId;
  }
  if (!earlier) return {};
  const known = await caseOfCall(db, earlier);
  return known?.status === 'closed' ? {} : { replyTo: [earlier] };
}

/** How a call new to the store becomes a pipeline event, decided by the channel. */
export interface HandOver {
  windowMs: number;
  /** A case the counselor chose; otherwise the thread rules above decide. */
  thread?: CallThread;
  envelope(stored: StoredCall, thread: CallThread): InboundEnvelope;
}

export function createPhoneCallRepository(db: Db) {
  return {
    /**
     * Store one post of a call, merged with what is known (one transaction, the row locked), apply
     * what the change means for the number's callback task, and for a call new to the store record
     * its pipeline event in the same transaction: the call and its event exist together or not at
     * all. The caller enqueues the event after the commit. `audit`: a counselor's entry for the
     * post (a call logged or finished by hand), written in the same transaction.
     */
    async recordCall(input: {
      call: CallRecord;
      source: CallSource;
      manual?: ManualDetails | null;
      now: Date;
      policy: CallbackPolicy;
      handOver: HandOver;
      audit?: AuditOf<RecordCallResult>;
    }): Promise<RecordCallResult> {
      const { source, now } = input;
      // What the PBX or a counselor typed, in a form the database can hold (see storable-text.ts).
      const call = storable(input.call);
      const manual = input.manual === undefined ? undefined : storable(input.manual);
      return db.transaction(async (t) => {
        const done = async (r: RecordCallResult) => {
          if (input.audit) await writeAudit(t, input.audit(r), now);
          return r;
        };
        const [inserted] = await t
          .insert(phoneCalls)
          .values({
            callId: call.callId,
            source,
            manual: manual ?? null,
            version: 1,
            createdAt: now,
            updatedAt: now,
            ...columnsOf(call),
          })
          .onConflictDoNothing()
          .returning();
        let row: PhoneCallRow;
        let prev: CallRecord | null = null;
        let effect: MergeEffect = 'created';
        let stale = false;
        if (inserted) row = inserted;
        else {
          const [existing] = await t.select().from(phoneCalls).where(eq(phoneCalls.callId, call.callId)).for('update');
          if (!existing) throw new Error('phone call neither inserted nor found');
          prev = existing.record;
          const merged = mergeCall(prev, call);
          effect = merged.effect;
          stale = merged.stale;
          const manualChanged = manual !== undefined && JSON.stringify(manual) !== JSON.stringify(existing.manual);
          if (effect === 'unchanged' && !manualChanged)
            return done({ effect, stale, stored: toStored(existing), callbackId: null, event: null });
          effect = 'updated';
          const [updated] = await t
            .update(phoneCalls)
            .set({
              ...columnsOf(merged.next),
              ...(manual !== undefined && { manual }),
              version: sql`${phoneCalls.version} + 1`,
              updatedAt: now,
            })
            .where(eq(phoneCalls.callId, call.callId))
            .returning();
          if (!updated) throw new Error('phone call update returned nothing');
          row = updated;
        }
        await t.insert(phoneCallUpdates).values({
          callId: call.callId,
          at: now,
          source,
          effect: effect === 'created' ? 'created' : stale ? 'late' : 'updated',
          record: call,
          version: row.version,
        });
        const action = callbackAction(prev, row.record);
        const callbackId = await applyCallbackAction(
          t,
          action,
          {
            callId: call.callId,
            startedAt: row.startedAt,
            endedAt: row.record.endedAt ? new Date(row.record.endedAt) : null,
          },
          input.policy,
          now,
        );
        let event: RecordCallResult['event'] = null;
        if (row.eventId === null) {
          const stored = toStored(row);
          const thread = input.handOver.thread ?? (await threadFor(t, stored, input.handOver.windowMs));
          const envelope = input.handOver.envelope(stored, thread);
          const recorded = await createInboundEventRepository(t).record(envelope, now);
          // The event carries this version: whoever applies it writes a message showing it.
          const [marked] = await t
            .update(phoneCalls)
            .set({ eventId: recorded.id, ...(recorded.created && { messageVersion: row.version }) })
            .where(eq(phoneCalls.callId, call.callId))
            .returning();
          if (marked) row = marked;
          event = { id: recorded.id, envelope };
        }
        return done({ effect, stale, stored: toStored(row), callbackId, event });
      });
    },

    async get(callId: string): Promise<StoredCall | null> {
      const [row] = await db.select().from(phoneCalls).where(eq(phoneCalls.callId, callId));
      return row ? toStored(row) : null;
    },

    async history(callId: string) {
      const rows = await db
        .select()
        .from(phoneCallUpdates)
        .where(eq(phoneCallUpdates.callId, callId))
        .orderBy(asc(phoneCallUpdates.id));
      return rows.map((r) => ({
        at: r.at.toISOString(),
        source: r.source,
        effect: r.effect,
        version: r.version,
        record: r.record,
      }));
    },

    caseOfCall: (callId: string) => caseOfCall(db, callId),

    /**
     * Bring the call's inbox message up to the call's latest version. Returns the message id when
     * it changed; null when there is no message yet (the pipeline has not applied it) or it is current.
     */
    async syncMessage(callId: string, render: (m: CallMessage) => { text: string; fields: Record<string, unknown> }) {
      // The common case (the message shows the latest version) needs no transaction.
      const [peek] = await db
        .select({ behind: sql<boolean>`${phoneCalls.messageVersion} < ${phoneCalls.version}` })
        .from(phoneCalls)
        .where(eq(phoneCalls.callId, callId));
      if (!peek?.behind) return null;
      return db.transaction(async (t) => {
        const [row] = await t.select().from(phoneCalls).where(eq(phoneCalls.callId, callId)).for('update');
        if (!row || row.messageVersion >= row.version) return null;
        const [msg] = await t
          .select({ id: messages.id, fields: messages.fields })
          .from(messages)
          .where(phoneMessage(callId))
          .for('update');
        if (!msg) return null;
        const shown = msg.fields?.version;
        let changed: string | null = null;
        if (shown !== row.version) {
          const { text, fields } = render(toStored(row));
          await t.update(messages).set({ text, fields }).where(eq(messages.id, msg.id));
          changed = msg.id;
        }
        await t.update(phoneCalls).set({ messageVersion: row.version }).where(eq(phoneCalls.callId, callId));
        return changed;
      });
    },

    /** Calls whose message may be behind (an update overtook the pipeline). */
    async behindMessages(limit: number): Promise<string[]> {
      const rows = await db
        .select({ callId: phoneCalls.callId })
        .from(phoneCalls)
        .where(sql`${phoneCalls.messageVersion} < ${phoneCalls.version}`)
        .orderBy(asc(phoneCalls.updatedAt))
        .limit(limit);
      return rows.map((r) => r.callId);
    },

    /** A number's contact, its cases (newest first) and its latest calls. */
    async caller(number: string, limit: number) {
      const [identity] = await db
        .select({ contactId: contactIdentities.contactId })
        .from(contactIdentities)
        .where(and(eq(contactIdentities.kind, 'phone'), eq(contactIdentities.value, number)));
      const contactId = identity?.contactId ?? null;
      const caseRows = contactId
        ? await summaryQuery(db).where(eq(cases.contactId, contactId)).orderBy(desc(cases.createdAt)).limit(limit)
        : [];
      const calls = await db
        .select()
        .from(phoneCalls)
        .where(eq(phoneCalls.number, number))
        .orderBy(desc(phoneCalls.startedAt))
        .limit(limit);
      const caseList: CaseSummary[] = caseRows.map(toSummary);
      return { contactId, cases: caseList, calls: calls.map(toStored) };
    },
  };
}

export type PhoneCallRepository = ReturnType<typeof createPhoneCallRepository>;
