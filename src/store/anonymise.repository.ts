import { and, eq, inArray, isNotNull, isNull, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { blobUnreferenced, eraseDeadLetters } from './dead-letter.repository.ts';
import { hasActiveHold, lockCase } from './legal-hold.repository.ts';
import { forgetPersonIfGone } from './people.repository.ts';
import {
  attachments,
  auditLog,
  blobs,
  caseAnonymisations,
  caseOutcomes,
  cases,
  contactIdentities,
  contacts,
  deadLetters,
  inboundEvents,
  messageRevisions,
  messages,
  metaProfiles,
  phoneCallbackAttempts,
  phoneCallbacks,
  phoneCalls,
  phoneCallUpdates,
  phoneDoNotCall,
  referrals,
} from './schema/index.ts';

export type AnonymiseOutcome =
  | { ok: true; removed: Record<string, number> }
  | { ok: false; reason: 'held' | 'anonymised' | 'not_found' };

/** Keys of audit details that carry only ids, codes and numbers; everything else is redacted. */
const SAFE_DETAIL_KEYS = new Set([
  'caseId',
  'messageId',
  'attachmentId',
  'holdId',
  'eventId',
  'referralId',
  'index',
  'status',
  'priority',
  'category',
  'channel',
  'rules',
  'raised',
  'changed',
  'institution',
  'reason',
  'from',
  'to',
  'added',
  'removed',
]);
const ERASED = '[erased]';

/** Ids, codes, numbers and booleans stay; free text (a note, a subject, a name) does not. */
export function redactDetails(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const safeValue = (v: unknown): boolean =>
    v === null ||
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    (typeof v === 'string' && /^[A-Za-z0-9_.:-]{0,64}$/.test(v)) ||
    (Array.isArray(v) && v.every(safeValue));
  for (const [k, v] of Object.entries(details)) out[k] = SAFE_DETAIL_KEYS.has(k) && safeValue(v) ? v : ERASED;
  return out;
}

const ANONYMISED_ENVELOPE = { anonymised: true };

/**
 * Remove a case's personal data in one transaction, keeping what statistics need: category,
 * dates, channel, priority, status, kind, reporter role, age group, language, tags, attachment
 * types and referral institutions, statuses and outcomes. Refused under an active legal hold,
 * checked under the case's row lock (a hold placed at the same moment waits for us or wins).
 */
export async function anonymiseCase(
  db: Db,
  caseId: string,
  o: { reason: 'retention' | 'erasure'; runId?: string; actorId?: string; now: Date; closeIfOpen?: boolean },
): Promise<AnonymiseOutcome> {
  return db.transaction(async (t) => {
    if (!(await lockCase(t, caseId))) return { ok: false, reason: 'not_found' };
    if (await hasActiveHold(t, caseId)) return { ok: false, reason: 'held' };
    const [done] = await t.select().from(caseAnonymisations).where(eq(caseAnonymisations.caseId, caseId));
    if (done) return { ok: false, reason: 'anonymised' };
    const [c] = await t
      .select({ contactId: cases.contactId, status: cases.status })
      .from(cases)
      .where(eq(cases.id, caseId));
    if (!c) return { ok: false, reason: 'not_found' };

    const msgs = await t
      .select({
        id: messages.id,
        raw: sql<string | null>`${messages.fields}->>'rawSha256'`,
        headers: sql<string | null>`${messages.fields}->>'headersSha256'`,
      })
      .from(messages)
      .where(eq(messages.caseId, caseId));
    const messageIds = msgs.map((m) => m.id);
    const files = messageIds.length
      ? await t
          .select({ id: attachments.id, key: sql<string>`coalesce(${attachments.storageKey}, ${attachments.sha256})` })
          .from(attachments)
          .where(inArray(attachments.messageId, messageIds))
      : [];
    const blobKeys = [
      ...new Set([
        ...files.map((f) => f.key),
        ...msgs.flatMap((m) => [m.raw, m.headers].filter((k): k is string => !!k)),
      ]),
    ];
    const events = await t
      .select({ id: inboundEvents.id })
      .from(inboundEvents)
      .where(
        messageIds.length
          ? or(eq(inboundEvents.caseId, caseId), inArray(inboundEvents.messageId, messageIds))
          : eq(inboundEvents.caseId, caseId),
      );
    const eventIds = events.map((e) => e.id);
    const removed: Record<string, number> = { messages: messageIds.length, attachments: files.length };
    const callbackIds: string[] = [];

    if (messageIds.length) {
      await t.delete(messageRevisions).where(inArray(messageRevisions.messageId, messageIds));
      await t
        .update(messages)
        .set({
          text: '',
          html: null,
          subject: null,
          fields: null,
          reactions: null,
          deliveryError: null,
          flags: sql`coalesce(${messages.flags}, '[]'::jsonb) || '["anonymised"]'::jsonb`,
        })
        .where(inArray(messages.id, messageIds));
      await t
        .update(attachments)
        .set({ fileName: ERASED, sha256: ERASED, storageKey: null, withheldReason: 'anonymised' })
        .where(inArray(attachments.messageId, messageIds));
    }
    // The case's dead letters go with it, their quarantined payloads too (unless still used).
    removed.deadLetters = await eraseDeadLetters(
      t,
      eventIds.length
        ? sql`(${eq(deadLetters.caseId, caseId)} or ${inArray(deadLetters.inboundEventId, eventIds)})`
        : eq(deadLetters.caseId, caseId),
    );
    // Content-addressed: a blob goes only when nothing else still points at it.
    if (blobKeys.length) {
      const gone = await t
        .delete(blobs)
        .where(and(inArray(blobs.sha256, blobKeys), blobUnreferenced))
        .returning({ sha256: blobs.sha256 });
      removed.blobs = gone.length;
    }
    if (eventIds.length) {
      await t
        .update(inboundEvents)
        .set({ envelope: ANONYMISED_ENVELOPE, lastError: null, contentHash: null })
        .where(inArray(inboundEvents.id, eventIds));
      const calls = await t
        .update(phoneCalls)
        .set({
          number: null,
          record: sql`${phoneCalls.record} || '{"from":null,"to":null,"recordingUrl":null,"transcript":null}'::jsonb`,
          manual: sql`case when ${phoneCalls.manual} is null then null else ${phoneCalls.manual} || '{"notes":null}'::jsonb end`,
        })
        .where(inArray(phoneCalls.eventId, eventIds))
        .returning({ callId: phoneCalls.callId });
      if (calls.length) {
        await t
          .update(phoneCallUpdates)
          .set({
            record: sql`${phoneCallUpdates.record} || '{"from":null,"to":null,"recordingUrl":null,"transcript":null}'::jsonb`,
          })
          .where(
            inArray(
              phoneCallUpdates.callId,
              calls.map((x) => x.callId),
            ),
          );
      }
      removed.calls = calls.length;
      if (calls.length) {
        const callIds = calls.map((x) => x.callId);
        // The callback task stays for the statistics (reason, missed calls, attempts, dates); the
        // number, a voicemail transcript and attempt notes go. A task still open cannot be done
        // without its number: it is cancelled as 'anonymised'.
        const open = sql`${phoneCallbacks.status} in ('open', 'attempted')`;
        const gone = await t
          .update(phoneCallbacks)
          .set({
            number: ERASED,
            transcript: null,
            status: sql`case when ${open} then 'cancelled' else ${phoneCallbacks.status} end`,
            resolution: sql`case when ${open} then 'anonymised' else ${phoneCallbacks.resolution} end`,
            completedAt: sql`case when ${open} then ${o.now.toISOString()}::timestamptz else ${phoneCallbacks.completedAt} end`,
            updatedAt: o.now,
          })
          .where(or(inArray(phoneCallbacks.firstCallId, callIds), inArray(phoneCallbacks.lastCallId, callIds)))
          .returning({ id: phoneCallbacks.id });
        callbackIds.push(...gone.map((x) => x.id));
        if (callbackIds.length)
          await t
            .update(phoneCallbackAttempts)
            .set({ note: null })
            .where(inArray(phoneCallbackAttempts.callbackId, callbackIds));
      }
      removed.callbacks = callbackIds.length;
    }
    // An outcome that is a code (criminal_complaint) stays for statistics; the institution's answer
    // in words goes, as does a delivery error. Institution, status, dates, the institution's
    // address and the subject (reference + institution name) stay.
    await t
      .update(referrals)
      .set({
        summary: '',
        note: null,
        otherMeans: null,
        outcome: sql`case when ${referrals.outcome} ~ '^[a-z0-9_]{1,64}$' then ${referrals.outcome} else null end`,
        emailError: null,
      })
      .where(eq(referrals.caseId, caseId));
    // What the reporter was told: the outcome code stays for statistics, the words go.
    await t.update(caseOutcomes).set({ text: '' }).where(eq(caseOutcomes.caseId, caseId));

    // The contact goes with its last case that still holds personal data.
    removed.identities = 0;
    if (c.contactId) {
      const [other] = await t
        .select({ id: cases.id })
        .from(cases)
        .leftJoin(caseAnonymisations, eq(caseAnonymisations.caseId, cases.id))
        .where(and(eq(cases.contactId, c.contactId), ne(cases.id, caseId), isNull(caseAnonymisations.caseId)))
        .limit(1);
      if (!other) {
        const ids = await t
          .delete(contactIdentities)
          .where(eq(contactIdentities.contactId, c.contactId))
          .returning({ kind: contactIdentities.kind, value: contactIdentities.value });
        for (const i of ids)
          await t.delete(metaProfiles).where(and(eq(metaProfiles.kind, i.kind), eq(metaProfiles.value, i.value)));
        await t.update(contacts).set({ displayName: null, updatedAt: o.now }).where(eq(contacts.id, c.contactId));
        // A do-not-call number stays (it protects the child) but loses its note and its contact.
        await t
          .update(phoneDoNotCall)
          .set({ reason: null, contactId: null })
          .where(eq(phoneDoNotCall.contactId, c.contactId));
        removed.identities = ids.length;
        removed.personNotes = await forgetPersonIfGone(t, c.contactId);
      }
    }
    await t
      .update(cases)
      .set({
        subject: null,
        preview: '',
        contactId: null,
        receiptHash: null,
        updatedAt: o.now,
        ...(o.closeIfOpen && c.status !== 'closed' && { status: 'closed' as const, closedAt: o.now }),
      })
      .where(eq(cases.id, caseId));

    // Audit entries stay (who did what, when) but lose any free text about this case.
    const entityIds = [
      caseId,
      ...messageIds,
      ...files.map((f) => f.id),
      ...callbackIds,
      ...(c.contactId ? [c.contactId] : []),
    ];
    const entries = await t
      .select({ id: auditLog.id, details: auditLog.details })
      .from(auditLog)
      .where(
        and(
          isNotNull(auditLog.details),
          or(inArray(auditLog.entityId, entityIds), sql`${auditLog.details}->>'caseId' = ${caseId}`),
        ),
      );
    for (const e of entries) {
      if (!e.details) continue;
      await t
        .update(auditLog)
        .set({ details: redactDetails(e.details) })
        .where(eq(auditLog.id, e.id));
    }
    removed.auditEntriesRedacted = entries.length;

    await t.insert(caseAnonymisations).values({
      caseId,
      reason: o.reason,
      runId: o.runId ?? null,
      actorId: o.actorId ?? null,
      at: o.now,
      removed,
    });
    // The cases merged into this one hold nothing but their reference, receipt and contact: they go with it.
    const absorbed = await t.select({ id: cases.id }).from(cases).where(eq(cases.mergedIntoId, caseId));
    for (const a of absorbed) await anonymiseCase(t, a.id, o);
    return { ok: true, removed };
  });
}

/** Closed before the cutoff, not anonymised yet; `held` tells which are under an active legal hold. */
export async function retentionCandidates(db: Db, cutoff: Date, limit: number, excludeIds: string[] = []) {
  return db
    .select({
      id: cases.id,
      reference: cases.reference,
      channel: cases.channel,
      closedAt: cases.closedAt,
      held: sql<boolean>`exists (select 1 from legal_holds h where h.case_id = "cases"."id" and h.lifted_at is null)`,
    })
    .from(cases)
    .leftJoin(caseAnonymisations, eq(caseAnonymisations.caseId, cases.id))
    .where(
      and(
        eq(cases.status, 'closed'),
        lt(cases.closedAt, cutoff),
        isNull(caseAnonymisations.caseId),
        // A merged case follows the case it went into (its reference and receipt still lead there).
        isNull(cases.mergedIntoId),
        excludeIds.length ? notInArray(cases.id, excludeIds) : undefined,
      ),
    )
    .orderBy(cases.closedAt, cases.id)
    .limit(limit);
}
