import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { SenderIdentity } from '../../connectors/contract.ts';
import type { ClaimedCase, IngestTx, IngestUnitOfWork, ThreadTarget } from '../domain/ingest.service.ts';
import { formatReference } from '../domain/reference.ts';
import { firstResponseDueAt } from '../domain/service-levels.ts';
import { previewOf } from '../domain/views.ts';
import { attachmentArrivalTx } from './attachment-checks.repository.ts';
import { createAuditRepository } from './audit.repository.ts';
import { APPLIED_VIEW_COLUMNS, appliedViewsFromRow, loadAppliedViews, loadMessage } from './case-views.ts';
import type { Db } from './db.ts';
import { messageUpdateTx } from './message-update.repository.ts';
import { runStatement, statement } from './raw-sql.ts';
import { attachments, cases, contactIdentities, contacts, inboundEvents, messages, referrals } from './schema/index.ts';
import { raisedDue } from './service-levels.repository.ts';

/** Per database handle: tests and tools open several stores in one process. */
const ensuredYears = new WeakMap<object, Set<number>>();
const sequenceFor = (year: number) => `case_reference_${year}`;

/**
 * One sequence per year (KC-2026-000001 …). A sequence, unlike a counter row, takes no lock that
 * lives until commit, so concurrent ingests do not queue behind each other. Created outside any
 * transaction; creating it twice at once is harmless.
 */
export async function ensureReferenceSequences(db: Db, now = new Date()): Promise<void> {
  const year = now.getUTCFullYear();
  const done = ensuredYears.get(db) ?? new Set<number>();
  ensuredYears.set(db, done);
  for (const y of [year, year + 1]) {
    if (done.has(y)) continue;
    try {
      await db.execute(sql.raw(`create sequence if not exists ${sequenceFor(y)}`));
    } catch (err) {
      // Two nodes creating it at the same moment: the loser sees a duplicate; the sequence exists.
      const exists = (await db.execute(
        sql`select 1 from pg_class where relkind = 'S' and relname = ${sequenceFor(y)}`,
      )) as unknown as { rows: unknown[] };
      if (exists.rows.length === 0) throw err;
    }
    done.add(y);
  }
}

/** Next case reference for the year of `now`. */
export async function allocateReference(db: Db, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const result = (await db.execute(sql.raw(`select nextval('${sequenceFor(year)}') as value`))) as unknown as {
    rows: unknown[];
  };
  const value = Number((result.rows[0] as { value: string | number } | undefined)?.value);
  if (!Number.isFinite(value)) throw new Error('reference sequence returned nothing');
  return formatReference(year, value);
}

/*
 * The statements every applied message runs, as SQL text (see raw-sql.ts for why); the rarer
 * paths below stay with drizzle.
 */
const FIND_MESSAGE = statement(
  'ingest_find_message',
  `select id, case_id as "caseId" from messages where channel = $1 and external_id = $2 limit 1`,
);
/** Known identities in the order they were given: the first one's contact is the sender's contact. */
const KNOWN_IDENTITIES = statement(
  'ingest_known_identities',
  `select i.contact_id as "contactId", i.kind, i.value
   from contact_identities i
   join jsonb_array_elements($1::jsonb) with ordinality as r(e, ord)
     on i.kind = r.e->>'kind' and i.value = r.e->>'value'
   order by r.ord`,
);
const OPEN_CASE_OF_CONTACT = statement(
  'ingest_open_case_of_contact',
  `select id, status, closed_at as "closedAt" from cases
   where contact_id = $1 and channel = $2 and status <> 'closed'
   order by last_activity_at desc limit 1`,
);
/**
 * The three reads a new message starts with, in one round trip: is it stored already, which of
 * the sender's identities are known (in the order given), and the first known contact's open case
 * on the channel; each answer is the one FIND_MESSAGE, KNOWN_IDENTITIES and OPEN_CASE_OF_CONTACT
 * give for the same arguments. One row per element of $1 (`[{channel, externalId, identities}]`,
 * identities as the text `identitiesParam` makes), in order: one message's reads, or a whole batch's
 * at the start of its transaction.
 */
const PREFETCH = statement(
  'ingest_prefetch',
  `with r as (
     select x.ord, x.e->>'channel' as channel, x.e->>'externalId' as external_id, (x.e->>'identities')::jsonb as identities
     from jsonb_array_elements($1::jsonb) with ordinality as x(e, ord)
   )
   select r.ord, m.id as "messageId", m.case_id as "messageCaseId", k.known, k.contact_id as "contactId",
     o.id as "openId", o.status as "openStatus", o.closed_at as "openClosedAt"
   from r
   left join lateral (
     select id, case_id from messages where channel = r.channel and external_id = r.external_id limit 1
   ) m on true
   left join lateral (
     select coalesce(jsonb_agg(jsonb_build_object('contactId', i.contact_id, 'kind', i.kind, 'value', i.value)
                               order by g.ord), '[]'::jsonb) as known,
       (array_agg(i.contact_id order by g.ord))[1] as contact_id
     from jsonb_array_elements(r.identities) with ordinality as g(e, ord)
     join contact_identities i on i.kind = g.e->>'kind' and i.value = g.e->>'value'
   ) k on true
   left join lateral (
     select id, status, closed_at from cases
     where contact_id = k.contact_id and channel = r.channel and status <> 'closed'
     order by last_activity_at desc limit 1
   ) o on true
   order by r.ord`,
);

/** What PREFETCH answers for one message. */
interface PrefetchRow {
  messageId: string | null;
  messageCaseId: string | null;
  known: { contactId: string; kind: string; value: string }[];
  contactId: string | null;
  openId: string | null;
  openStatus: string | null;
  openClosedAt: Date | string | null;
}

/** A message of a batch, as its unit of work will ask `prefetch` about it. */
export interface PrefetchKey {
  channel: string;
  externalId: string;
  identities: SenderIdentity[];
}

/** The batch's prefetched answers: each serves its own message once, if still true when asked. */
export interface BatchPrefetch {
  take(channel: string, externalId: string, identitiesParam: string): PrefetchRow | undefined;
}

const prefetchKey = (channel: string, externalId: string, identitiesParam: string) =>
  `${channel}\u0000${externalId}\u0000${identitiesParam}`;

/**
 * Read the batch's answers at once. An answer read at the start of the batch is still the one its
 * message would read itself unless an earlier message of the same batch could have changed it: one
 * with the same (channel, external id) (it may store that message), one sharing an identity (it
 * may create the contact or add the identity), or one of the same known contact (it may open or
 * reopen a case, or reorder the contact's open cases by activity). Such a message reads afresh.
 */
export async function prefetchBatch(db: Db, keys: PrefetchKey[]): Promise<BatchPrefetch> {
  const params = keys.map((k) => identitiesParam(k.identities));
  const rows = await readPrefetch(
    db,
    keys.map((k, i) => ({ channel: k.channel, externalId: k.externalId, identities: params[i] as string })),
  );
  const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
  const answers = new Map<string, PrefetchRow>();
  const seenMessages = new Set<string>();
  const seenIdentities = new Set<string>();
  const seenContacts = new Set<string>();
  keys.forEach((k, i) => {
    const row = byOrd.get(i + 1);
    const message = `${k.channel}\u0000${k.externalId}`;
    const identities = k.identities.map((id) => `${id.kind}\u0000${id.value}`);
    const fresh =
      row !== undefined &&
      !seenMessages.has(message) &&
      !identities.some((id) => seenIdentities.has(id)) &&
      !(row.contactId !== null && seenContacts.has(row.contactId));
    const key = prefetchKey(k.channel, k.externalId, params[i] as string);
    if (fresh) answers.set(key, row);
    // The same message twice in a batch shares a key: neither takes an answer, whatever the order.
    else answers.delete(key);
    seenMessages.add(message);
    for (const id of identities) seenIdentities.add(id);
    if (row?.contactId) seenContacts.add(row.contactId);
  });
  return {
    take(channel, externalId, param) {
      const key = prefetchKey(channel, externalId, param);
      const row = answers.get(key);
      answers.delete(key);
      return row;
    },
  };
}

/** PREFETCH's rows for these messages (identities as `identitiesParam` text), each with its 1-based `ord`. */
const readPrefetch = (db: Db, messages: { channel: string; externalId: string; identities: string }[]) =>
  runStatement<PrefetchRow & { ord: string | number }>(db, PREFETCH, [JSON.stringify(messages)]);

interface Prefetched {
  message: { channel: string; externalId: string; found: { id: string; caseId: string } | null } | null;
  known: { identities: string; rows: { contactId: string; kind: string; value: string }[] } | null;
  openCase: { contactId: string; channel: string; found: ThreadTarget | null } | null;
}

const identitiesParam = (identities: SenderIdentity[]) =>
  JSON.stringify(identities.map((i) => ({ kind: i.kind, value: i.value })));

/**
 * Insert the message and bump its case in one statement, and answer with both views as they stand
 * after it; no row when (channel, external id) is already stored (then no case is touched).
 */
const INSERT_AND_TOUCH = statement(
  'ingest_insert_message_touch_case',
  `with m as (
     insert into messages (case_id, channel, external_id, text, html, subject, fields, flags, direction,
                           created_at, received_at)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11)
     on conflict do nothing
     returning *
   ), c as (
     update cases set preview = $12, message_count = message_count + 1, last_activity_at = $13, updated_at = $13,
       status = case when $14::boolean and status = 'closed' then 'open' else status end,
       closed_at = case when $14::boolean and status = 'closed' then null else closed_at end
     where id = (select case_id from m)
     returning *
   )
   select ${APPLIED_VIEW_COLUMNS}
   from m
   join c on c.id = m.case_id
   left join contacts ct on ct.id = c.contact_id
   left join users a on a.id = c.assignee_id
   left join users u on u.id = m.author_id`,
);
const MARK_APPLIED = statement(
  'ingest_mark_applied',
  `update inbound_events set status = 'applied', applied_at = $2, case_id = $3, message_id = $4, last_error = null
   where id = $1`,
);

const MARK_APPLIED_MANY = statement(
  'ingest_mark_applied_many',
  `update inbound_events e set status = 'applied', applied_at = r.applied_at, case_id = r.case_id,
     message_id = r.message_id, last_error = null
   from jsonb_to_recordset($1::jsonb) as r(id uuid, case_id uuid, message_id uuid, applied_at timestamptz)
   where e.id = r.id`,
);

/** "Applied" marks a batch transaction writes in one statement just before its commit. */
interface DeferredMarks {
  marks: { id: string; case_id: string | null; message_id: string | null; applied_at: string }[];
}

async function writeMarks(db: Db, deferred: DeferredMarks): Promise<void> {
  if (deferred.marks.length === 0) return;
  await runStatement(db, MARK_APPLIED_MANY, [JSON.stringify(deferred.marks)]);
  deferred.marks = [];
}

/** A case found by a claim, with whose it is (see ClaimedCase); `addressee` is added per query. */
const claimedColumns = { id: cases.id, status: cases.status, closedAt: cases.closedAt, contactId: cases.contactId };

/** The case of a referral e-mail with one of these Message-IDs, and the address it went to. */
async function caseByReferralMessageIds(db: Db, externalIds: string[]): Promise<ClaimedCase | null> {
  const [viaReferral] = await db
    .select({ ...claimedColumns, addressee: sql<string | null>`lower(${referrals.emailTo})` })
    .from(referrals)
    .innerJoin(cases, eq(cases.id, referrals.caseId))
    .where(inArray(referrals.emailMessageId, externalIds))
    .limit(1);
  return viaReferral ?? null;
}

/** A JSON parameter: null stays SQL null (not the JSON value null). */
const jsonParam = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * `deferred`: inside a batch, the events' applied marks are collected and written once, before the
 * commit. `batchPrefetch`: the batch's answers read at its start, used by `prefetch` where still true.
 */
function ingestTx(db: Db, deferred?: DeferredMarks, batchPrefetch?: BatchPrefetch): IngestTx {
  // What `prefetch` read; each answer serves the first call with the same arguments, once.
  const pre: Prefetched = { message: null, known: null, openCase: null };
  return {
    async prefetch(channel, externalId, identities) {
      const param = identitiesParam(identities);
      const row =
        batchPrefetch?.take(channel, externalId, param) ??
        (await readPrefetch(db, [{ channel, externalId, identities: param }]))[0];
      if (!row) return;
      pre.message = {
        channel,
        externalId,
        found: row.messageId && row.messageCaseId ? { id: row.messageId, caseId: row.messageCaseId } : null,
      };
      pre.known = { identities: param, rows: row.known };
      pre.openCase = row.contactId
        ? {
            contactId: row.contactId,
            channel,
            found:
              row.openId && row.openStatus
                ? {
                    id: row.openId,
                    status: row.openStatus,
                    closedAt: row.openClosedAt === null ? null : new Date(row.openClosedAt),
                  }
                : null,
          }
        : null;
    },

    async findMessage(channel, externalId) {
      const cached = pre.message;
      pre.message = null;
      if (cached && cached.channel === channel && cached.externalId === externalId) return cached.found;
      const [m] = await runStatement<{ id: string; caseId: string }>(db, FIND_MESSAGE, [channel, externalId]);
      return m ?? null;
    },

    async resolveContact(identities: SenderIdentity[], now) {
      if (identities.length === 0) return null;
      const param = identitiesParam(identities);
      const cached = pre.known;
      pre.known = null;
      const known =
        cached && cached.identities === param
          ? cached.rows
          : await runStatement<{ contactId: string; kind: string; value: string }>(db, KNOWN_IDENTITIES, [param]);
      let contactId = known[0]?.contactId;
      if (!contactId) {
        const name = identities.find((i) => i.displayName)?.displayName ?? null;
        const [c] = await db
          .insert(contacts)
          .values({ displayName: name, createdAt: now, updatedAt: now })
          .returning({ id: contacts.id });
        if (!c) throw new Error('contact insert returned nothing');
        contactId = c.id;
      }
      for (const i of identities) {
        if (known.some((k) => k.kind === i.kind && k.value === i.value)) continue;
        await db
          .insert(contactIdentities)
          .values({ contactId, kind: i.kind, value: i.value, displayName: i.displayName ?? null, createdAt: now })
          .onConflictDoNothing();
      }
      // A concurrent transaction may have created the same first identity; the stored row decides.
      const first = identities[0];
      if (first && known.length === 0) {
        const [winner] = await db
          .select({ contactId: contactIdentities.contactId })
          .from(contactIdentities)
          .where(and(eq(contactIdentities.kind, first.kind), eq(contactIdentities.value, first.value)));
        if (winner) contactId = winner.contactId;
      }
      return contactId;
    },

    async findCaseByReference(reference) {
      const [c] = await db
        .select({ ...claimedColumns, addressee: sql<string | null>`null` })
        .from(cases)
        .where(eq(cases.reference, reference))
        .limit(1);
      return c ?? null;
    },

    async findCaseById(caseId) {
      const [c] = await db
        .select({ id: cases.id, status: cases.status, closedAt: cases.closedAt })
        .from(cases)
        .where(eq(cases.id, caseId))
        .limit(1);
      return c ?? null;
    },

    async findOpenCaseOfContact(contactId, channel) {
      const cached = pre.openCase;
      pre.openCase = null;
      if (cached && cached.contactId === contactId && cached.channel === channel) return cached.found;
      const [c] = await runStatement<ThreadTarget>(db, OPEN_CASE_OF_CONTACT, [contactId, channel]);
      return c ?? null;
    },

    async findCaseByMessageExternalIds(externalIds) {
      const [c] = await db
        .select({ ...claimedColumns, addressee: sql<string | null>`null` })
        .from(messages)
        .innerJoin(cases, eq(cases.id, messages.caseId))
        .where(inArray(messages.externalId, externalIds))
        .orderBy(desc(messages.createdAt))
        .limit(1);
      if (c) return c;
      // An institution answering a referral e-mail: our Message-ID is kept on the referral, not as a message.
      return caseByReferralMessageIds(db, externalIds);
    },

    findCaseByReferralMessageIds: (externalIds) => caseByReferralMessageIds(db, externalIds),

    allocateReference: (now) => allocateReference(db, now),

    async createCase({ hints, reference, channel, contactId, subject, linkedCaseId, priority, now }) {
      const [c] = await db
        .insert(cases)
        .values({
          reference,
          kind: hints.kind,
          status: 'new',
          priority,
          category: hints.category ?? null,
          channel,
          contactId,
          anonymous: hints.anonymous,
          consent: hints.consent,
          receiptHash: hints.receiptHash ?? null,
          reporterRole: hints.reporterRole ?? null,
          ageGroup: hints.ageGroup ?? null,
          language: hints.language ?? null,
          subject,
          linkedCaseId,
          firstResponseDueAt: firstResponseDueAt(now, priority),
          createdAt: now,
          updatedAt: now,
          lastActivityAt: now,
        })
        .returning({ id: cases.id });
      if (!c) throw new Error('case insert returned nothing');
      return c.id;
    },

    async raiseToUrgent(caseId, now) {
      const rows = await db
        .update(cases)
        .set({ priority: 'urgent', updatedAt: now, firstResponseDueAt: raisedDue() })
        .where(and(eq(cases.id, caseId), ne(cases.priority, 'urgent')))
        .returning({ id: cases.id });
      return rows.length === 1;
    },

    async recordForeignReference(quotedCaseId, details, now) {
      await createAuditRepository(db).write(
        { actorId: null, action: 'case.foreign_reference', entityType: 'case', entityId: quotedCaseId, details },
        now,
      );
    },

    async recordAutoUrgent(caseId, details, now) {
      await createAuditRepository(db).write(
        { actorId: null, action: 'case.auto_urgent', entityType: 'case', entityId: caseId, details },
        now,
      );
    },

    async insertMessage(m) {
      const [row] = await runStatement<Record<string, unknown>>(db, INSERT_AND_TOUCH, [
        m.caseId,
        m.channel,
        m.externalId,
        m.text,
        m.html,
        m.subject,
        jsonParam(m.fields),
        jsonParam(m.flags),
        m.direction,
        m.occurredAt,
        m.receivedAt,
        previewOf(m.text),
        m.touch.now,
        m.touch.reopen,
      ]);
      if (!row) return null;
      const messageId = row.id as string;
      if (m.attachments.length === 0) return { messageId, views: appliedViewsFromRow(row) };
      await db.insert(attachments).values(
        m.attachments.map((a) => ({
          messageId,
          fileName: a.fileName,
          contentType: a.contentType,
          size: a.size,
          sha256: a.sha256,
          storageKey: a.storageKey ?? null,
          withheldReason: a.withheldReason ?? null,
          createdAt: m.receivedAt,
        })),
      );
      return { messageId, views: null };
    },

    async claimEvent(eventId, now) {
      const rows = await db
        .update(inboundEvents)
        .set({ status: 'applied', appliedAt: now, lastError: null })
        .where(and(eq(inboundEvents.id, eventId), ne(inboundEvents.status, 'applied')))
        .returning({ id: inboundEvents.id });
      return rows.length === 1;
    },

    async markEventApplied(eventId, caseId, messageId, now) {
      if (deferred)
        deferred.marks.push({ id: eventId, case_id: caseId, message_id: messageId, applied_at: now.toISOString() });
      else await runStatement(db, MARK_APPLIED, [eventId, now, caseId, messageId]);
    },

    ...messageUpdateTx(db),
    ...attachmentArrivalTx(db),
    messageView: (messageId) => loadMessage(db, messageId),
    appliedViews: (caseId, messageId, withFiles) => loadAppliedViews(db, caseId, messageId, withFiles),
  };
}

export function createIngestUnitOfWork(db: Db): IngestUnitOfWork {
  return {
    run: async (fn) => {
      await ensureReferenceSequences(db);
      return db.transaction((tx) => fn(ingestTx(tx as unknown as Db)));
    },
  };
}

/** A batch run without savepoints hit an error: it was rolled back whole, to be run again with them. */
export class BatchAborted extends Error {
  constructor(readonly reason: unknown) {
    super('ingest batch rolled back; run it again with savepoints');
    this.name = 'BatchAborted';
  }
}

/**
 * Several envelopes in one transaction. With `savepoints`, each envelope's unit of work is a
 * savepoint: one that fails rolls back alone and the others still commit together. Without, the
 * batch saves those round trips, and the first error rolls back the whole batch and rejects with
 * BatchAborted (every later unit of work fails at once) so the caller can run it again with
 * savepoints. Nothing of the batch is visible (and no event may be published) until `batch` resolves.
 */
export interface BatchIngest {
  /**
   * `prefetch`: the batch's messages, in the order they will be applied. Their first reads are then
   * made in one round trip at the start (see prefetchBatch) instead of one per message.
   */
  batch<T>(
    fn: (uow: IngestUnitOfWork) => Promise<T>,
    opts: { savepoints: boolean; prefetch?: PrefetchKey[] },
  ): Promise<T>;
}

export function createBatchIngest(db: Db): BatchIngest {
  return {
    batch: async (fn, opts) => {
      await ensureReferenceSequences(db);
      return db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        const batchMarks: DeferredMarks = { marks: [] };
        const pre = opts.prefetch && opts.prefetch.length > 1 ? await prefetchBatch(t, opts.prefetch) : undefined;
        if (opts.savepoints) {
          const result = await fn({
            run: (apply) =>
              tx.transaction(async (savepoint) => {
                // A unit of work that rolls back to its savepoint takes its marks with it.
                const own: DeferredMarks = { marks: [] };
                const value = await apply(ingestTx(savepoint as unknown as Db, own, pre));
                batchMarks.marks.push(...own.marks);
                return value;
              }),
          });
          await writeMarks(t, batchMarks);
          return result;
        }
        let failed: { err: unknown } | null = null;
        const result = await fn({
          run: async (apply) => {
            if (failed) throw failed.err;
            try {
              return await apply(ingestTx(t, batchMarks, pre));
            } catch (err) {
              failed = { err };
              throw err;
            }
          },
        });
        if (failed) throw new BatchAborted((failed as { err: unknown }).err);
        await writeMarks(t, batchMarks);
        return result;
      });
    },
  };
}
