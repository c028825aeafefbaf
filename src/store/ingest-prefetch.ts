import type { SenderIdentity } from '../../connectors/contract.ts';
import type { ThreadTarget } from '../domain/ingest.service.ts';
import type { Db } from './db.ts';
import { PREFETCH } from './ingest-statements.ts';
import { runStatement } from './raw-sql.ts';

/*
 * The first reads of a message (is it stored, whose identities are these, which case is open),
 * made in one round trip before the unit of work asks for them one by one: for one message by its
 * own `prefetch`, or for a whole batch at the start of its transaction.
 */

/** What PREFETCH answers for one message. */
interface PrefetchRow {
  messageId: string | null;
  messageCaseId: string | null;
  known: KnownIdentity[];
  contactId: string | null;
  openId: string | null;
  openStatus: string | null;
  openClosedAt: Date | string | null;
}

export interface KnownIdentity {
  contactId: string;
  kind: string;
  value: string;
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

/** The identities as one JSON parameter; equal text means the same identities in the same order. */
export const identitiesParam = (identities: SenderIdentity[]) =>
  JSON.stringify(identities.map((i) => ({ kind: i.kind, value: i.value })));

const prefetchKey = (channel: string, externalId: string, identitiesParam: string) =>
  `${channel}\u0000${externalId}\u0000${identitiesParam}`;

/** PREFETCH's rows for these messages (identities as `identitiesParam` text), each with its 1-based `ord`. */
const readPrefetch = (db: Db, messages: { channel: string; externalId: string; identities: string }[]) =>
  runStatement<PrefetchRow & { ord: string | number }>(db, PREFETCH, [JSON.stringify(messages)]);

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

/** A prefetched answer; `undefined` instead of one means "not prefetched: read it yourself". */
interface Answer<T> {
  found: T;
}

/**
 * What one unit of work's `prefetch` read. Each answer serves the next call that asks for it, once,
 * and only if that call has the same arguments; the call that takes it clears it either way.
 */
export interface PrefetchedReads {
  prefetch(channel: string, externalId: string, identities: SenderIdentity[]): Promise<void>;
  takeMessage(channel: string, externalId: string): Answer<{ id: string; caseId: string } | null> | undefined;
  takeKnown(identitiesParam: string): KnownIdentity[] | undefined;
  takeOpenCase(contactId: string, channel: string): Answer<ThreadTarget | null> | undefined;
}

interface Prefetched {
  message: { channel: string; externalId: string; found: { id: string; caseId: string } | null } | null;
  known: { identities: string; rows: KnownIdentity[] } | null;
  openCase: { contactId: string; channel: string; found: ThreadTarget | null } | null;
}

/** `batch`: the batch's answers read at its start, used where still true; else one read per message. */
export function prefetchedReads(db: Db, batch?: BatchPrefetch): PrefetchedReads {
  const pre: Prefetched = { message: null, known: null, openCase: null };
  return {
    async prefetch(channel, externalId, identities) {
      const param = identitiesParam(identities);
      const row =
        batch?.take(channel, externalId, param) ??
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

    takeMessage(channel, externalId) {
      const cached = pre.message;
      pre.message = null;
      return cached && cached.channel === channel && cached.externalId === externalId
        ? { found: cached.found }
        : undefined;
    },

    takeKnown(param) {
      const cached = pre.known;
      pre.known = null;
      return cached && cached.identities === param ? cached.rows : undefined;
    },

    takeOpenCase(contactId, channel) {
      const cached = pre.openCase;
      pre.openCase = null;
      return cached && cached.contactId === contactId && cached.channel === channel
        ? { found: cached.found }
        : undefined;
    },
  };
}
