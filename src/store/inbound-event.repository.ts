import { and, asc, eq, gt, lt, or } from 'drizzle-orm';
import type { AnyEnvelope } from '../../connectors/contract.ts';
import { putBlob } from './blob.repository.ts';
import type { Db } from './db.ts';
import { runStatement, statement } from './raw-sql.ts';
import { type InboundEventRow, inboundEvents } from './schema/index.ts';
import { storable } from './storable-text.ts';

export interface RecordedEvent {
  id: string;
  /** False when this (channel, external id) was recorded before: a redelivery. */
  created: boolean;
}

/** A record under a client's key: when not created, what the first row under that key holds. */
export type KeyedRecordedEvent =
  | { id: string; created: true }
  | { id: string; created: false; first: { envelope: unknown; contentHash: string | null } };

/**
 * Insert the event unless its (channel, external id) is there, else answer the existing row. With
 * a content hash (a key the client chose) it is stored beside the event, and a repeat answers the
 * first row's envelope and hash so the caller can tell a repeat from a reused key.
 */
export async function recordIn(db: Db, received: AnyEnvelope, now: Date): Promise<RecordedEvent>;
export async function recordIn(
  db: Db,
  received: AnyEnvelope,
  now: Date,
  contentHash: string,
): Promise<KeyedRecordedEvent>;
export async function recordIn(
  db: Db,
  received: AnyEnvelope,
  now: Date,
  contentHash?: string,
): Promise<RecordedEvent | KeyedRecordedEvent> {
  const env = storable(received);
  const [row] = await db
    .insert(inboundEvents)
    .values({
      channel: env.channel,
      externalId: env.externalId,
      envelope: env,
      status: 'received',
      receivedAt: now,
      contentHash,
    })
    .onConflictDoNothing()
    .returning({ id: inboundEvents.id });
  if (row) return { id: row.id, created: true };
  const sameKey = and(eq(inboundEvents.channel, env.channel), eq(inboundEvents.externalId, env.externalId));
  if (contentHash === undefined) {
    const [existing] = await db.select({ id: inboundEvents.id }).from(inboundEvents).where(sameKey);
    if (!existing) throw new Error('inbound event neither inserted nor found');
    return { id: existing.id, created: false };
  }
  // Read committed: the insert waited for a concurrent holder of the key, so its row is visible here.
  const [first] = await db
    .select({ id: inboundEvents.id, envelope: inboundEvents.envelope, contentHash: inboundEvents.contentHash })
    .from(inboundEvents)
    .where(sameKey);
  if (!first) throw new Error('inbound event neither inserted nor found');
  return { id: first.id, created: false, first: { envelope: first.envelope, contentHash: first.contentHash } };
}

const keyOf = (e: { channel: string; externalId: string }) => `${e.channel}\u0000${e.externalId}`;

/**
 * Group commit: several envelopes in one multi-row insert. Within the batch the first of equal keys
 * is the one recorded and the rest are redeliveries, like a redelivery of a row stored before.
 * One statement, so either every row of the batch is durable or none is.
 */
/** One insert for a whole batch whatever its size: the rows travel as one JSON array. */
const RECORD_MANY = statement(
  'record_inbound_events',
  `insert into inbound_events (channel, external_id, envelope, status, received_at)
   select r.channel, r.external_id, r.envelope, 'received', $2::timestamptz
   from jsonb_to_recordset($1::jsonb) as r(channel text, external_id text, envelope jsonb)
   on conflict do nothing
   returning id, channel, external_id`,
);
const FIND_RECORDED = statement(
  'find_inbound_events',
  `select e.id, e.channel, e.external_id
   from inbound_events e
   join jsonb_to_recordset($1::jsonb) as r(channel text, external_id text)
     on e.channel = r.channel and e.external_id = r.external_id`,
);

const GET_MANY = statement(
  'get_inbound_events',
  `select id, channel, external_id as "externalId", envelope, status, attempts, last_error as "lastError",
          received_at as "receivedAt", applied_at as "appliedAt", case_id as "caseId", message_id as "messageId"
   from inbound_events where id in (select value::uuid from jsonb_array_elements_text($1::jsonb))`,
);

/** What JSON.stringify writes for U+0000 or a lone surrogate: only then is storable() needed. */
const NEEDS_NORMALISING = /\\u0000|\\ud[89a-f]/i;

function storableJson(env: AnyEnvelope): { env: AnyEnvelope; json: string } {
  const json = JSON.stringify(env);
  if (!NEEDS_NORMALISING.test(json)) return { env, json };
  const clean = storable(env);
  return { env: clean, json: JSON.stringify(clean) };
}

async function recordManyIn(db: Db, received: AnyEnvelope[], now: Date): Promise<RecordedEvent[]> {
  if (received.length === 0) return [];
  const envs = received.map(storableJson);
  const first = new Map<string, number>();
  const unique: { k: string; row: string }[] = [];
  envs.forEach(({ env, json }, i) => {
    const k = keyOf(env);
    if (first.has(k)) return;
    first.set(k, i);
    unique.push({
      k,
      row: `{"channel":${JSON.stringify(env.channel)},"external_id":${JSON.stringify(env.externalId)},"envelope":${json}}`,
    });
  });
  // One key order for every flush: two flushes inserting the same keys never wait on each other in a cycle.
  unique.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  type Row = { id: string; channel: string; external_id: string };
  const inserted = await runStatement<Row>(db, RECORD_MANY, [`[${unique.map((u) => u.row).join(',')}]`, now]);
  const created = new Map(inserted.map((r) => [keyOf({ channel: r.channel, externalId: r.external_id }), r.id]));
  const known = new Map<string, string>();
  const missing = envs.filter(({ env }) => !created.has(keyOf(env))).map(({ env }) => env);
  if (missing.length > 0) {
    const keys = JSON.stringify(missing.map((e) => ({ channel: e.channel, external_id: e.externalId })));
    const rows = await runStatement<Row>(db, FIND_RECORDED, [keys]);
    for (const r of rows) known.set(keyOf({ channel: r.channel, externalId: r.external_id }), r.id);
  }
  return envs.map(({ env }, i) => {
    const k = keyOf(env);
    const createdId = created.get(k);
    if (createdId) return { id: createdId, created: first.get(k) === i };
    const existing = known.get(k);
    if (!existing) throw new Error('inbound event neither inserted nor found');
    return { id: existing, created: false };
  });
}

export function createInboundEventRepository(db: Db) {
  return {
    /** Several envelopes recorded by one statement (group commit); one answer per envelope, in order. */
    recordMany: (envs: AnyEnvelope[], now: Date): Promise<RecordedEvent[]> => recordManyIn(db, envs, now),

    /** Durable record of an accepted envelope; a redelivery returns the existing row. */
    /**
     * Durable record of an accepted envelope; a redelivery returns the existing row. Quarantined
     * bytes the envelope refers to (attachments, a raw source) are written in the same
     * transaction: one commit, and never an event whose files are missing.
     */
    async record(
      env: AnyEnvelope,
      now: Date,
      files: { bytes: Buffer; contentType: string }[] = [],
    ): Promise<RecordedEvent> {
      if (files.length === 0) return recordIn(db, env, now);
      return db.transaction(async (t) => {
        for (const f of files) await putBlob(t, f.bytes, f.contentType, now);
        return recordIn(t, env, now);
      });
    },

    async get(id: string): Promise<InboundEventRow | undefined> {
      const [row] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, id));
      return row;
    },

    /** Several events by id in one query (the batched worker); missing ids are simply absent. */
    async getMany(ids: string[]): Promise<InboundEventRow[]> {
      if (ids.length === 0) return [];
      return runStatement<InboundEventRow>(db, GET_MANY, [JSON.stringify(ids)]);
    },

    /** Events still waiting to be applied, oldest first: what Redis may have lost. */
    async pending(
      olderThan: Date,
      limit: number,
      after?: { receivedAt: Date; id: string },
    ): Promise<Pick<InboundEventRow, 'id' | 'receivedAt'>[]> {
      return db
        .select({ id: inboundEvents.id, receivedAt: inboundEvents.receivedAt })
        .from(inboundEvents)
        .where(
          and(
            eq(inboundEvents.status, 'received'),
            lt(inboundEvents.receivedAt, olderThan),
            after &&
              or(
                gt(inboundEvents.receivedAt, after.receivedAt),
                and(eq(inboundEvents.receivedAt, after.receivedAt), gt(inboundEvents.id, after.id)),
              ),
          ),
        )
        .orderBy(asc(inboundEvents.receivedAt), asc(inboundEvents.id))
        .limit(limit);
    },

    async noteAttempt(id: string, attempts: number, error: string): Promise<void> {
      await db.update(inboundEvents).set({ attempts, lastError: error }).where(eq(inboundEvents.id, id));
    },
  };
}

export type InboundEventRepository = ReturnType<typeof createInboundEventRepository>;
