import { KNOWN_HASH_RULE } from './attachment-arrival.ts';
import { ABUSE_MATERIAL_TAG } from './system-tags.ts';
import type { CaseSummary, DomainEvent, MessageView } from './views.ts';

export interface StoredMatchCandidate {
  attachmentId: string;
  caseId: string;
  messageId: string;
  sha256: string;
}

/** A dead letter with no match yet and the hashes it stands for: its payload and the files it names. */
export interface DeadLetterCandidate {
  id: string;
  keys: string[];
}

export interface KnownHashRecheckPort {
  /** Stored attachments whose sha256 is one of these and that have no match recorded yet. */
  unmatched(hashes: string[]): Promise<StoredMatchCandidate[]>;
  /**
   * In one transaction: record the match (null when another node or an earlier run recorded it
   * first), make the case urgent, audit it, tag it.
   */
  applyMatch(
    m: StoredMatchCandidate & { listEntry: string; tag: string; rule: string },
    now: Date,
  ): Promise<{ raised: boolean; tags: string[] | null; summary: CaseSummary; message: MessageView } | null>;
  /** Dead letters with no match recorded yet, a page at a time in id order (after `after`). */
  unmatchedDeadLetters(after: string | null, limit: number): Promise<DeadLetterCandidate[]>;
  /** Record the match on the dead letter and audit it, in one transaction; false when it was recorded before. */
  flagDeadLetter(id: string, listEntry: string, now: Date): Promise<boolean>;
}

/** Hashes per query: the lookup uses attachments_sha_idx, a long IN list stays cheap. */
const BATCH = 500;

/**
 * When the known-hash list gains hashes, files that arrived before are checked again and get the
 * same consequences as a match on arrival: urgent, "abuse material", a match row, a live
 * case:urgent alert, hidden from counselors. A match is recorded once (the unique match row).
 * Dead letters too, like on arrival: flagged for the admins' list and audited, once.
 */
export function createKnownHashRecheck(d: {
  store: KnownHashRecheckPort;
  publisher: { publish(events: DomainEvent[]): Promise<void> };
}) {
  let running: Promise<unknown> = Promise.resolve();
  const run = async (hashes: ReadonlyMap<string, string>, now: Date): Promise<number> => {
    const list = [...hashes.keys()];
    let matched = 0;
    for (let i = 0; i < list.length; i += BATCH) {
      for (const c of await d.store.unmatched(list.slice(i, i + BATCH))) {
        const listEntry = hashes.get(c.sha256);
        if (listEntry === undefined) continue;
        const done = await d.store.applyMatch({ ...c, listEntry, tag: ABUSE_MATERIAL_TAG, rule: KNOWN_HASH_RULE }, now);
        if (!done) continue;
        matched += 1;
        const events: DomainEvent[] = [
          { type: 'message:updated', caseId: c.caseId, message: done.message },
          { type: 'case:urgent', case: done.summary, rules: [KNOWN_HASH_RULE] },
        ];
        if (done.raised) events.unshift({ type: 'case:updated', case: done.summary, changed: ['priority'] });
        if (done.tags) events.push({ type: 'case:tags', caseId: c.caseId, tags: done.tags });
        await d.publisher.publish(events);
      }
    }
    return matched + (await recheckDeadLetters(hashes, now));
  };
  // Every dead letter not yet matched is read, a page at a time: they are few (kept for days) and
  // the files their envelope names are only in its JSON, so a hash lookup per key is the cheap way.
  const recheckDeadLetters = async (hashes: ReadonlyMap<string, string>, now: Date): Promise<number> => {
    let flagged = 0;
    let after: string | null = null;
    for (;;) {
      const page = await d.store.unmatchedDeadLetters(after, BATCH);
      for (const dl of page) {
        const listEntry = dl.keys.map((k) => hashes.get(k)).find((e) => e !== undefined);
        if (listEntry !== undefined && (await d.store.flagDeadLetter(dl.id, listEntry, now))) flagged += 1;
      }
      if (page.length < BATCH) return flagged;
      after = page[page.length - 1]?.id ?? null;
    }
  };
  return {
    /** Runs one at a time (a reload during a long run waits for it); resolves to the new matches (files and dead letters). */
    recheck(hashes: ReadonlyMap<string, string>, now = new Date()): Promise<number> {
      const next = running.then(() => run(hashes, now));
      running = next.catch(() => undefined);
      return next;
    },
  };
}

/** The known-hash list as loaded from its file: read again on a timer, telling what was added. */
export interface WatchedHashList {
  entries(): ReadonlyMap<string, string>;
  refresh(): void;
  onAdded(listener: (added: ReadonlyMap<string, string>) => void): void;
}

/**
 * Worker role: hashes added to the known-hash list send files stored earlier through the check
 * again (the unique match row makes a second node's run a no-op). At start too: the list may have
 * grown while the node was down. Returns the stop of the file poll.
 */
export function watchKnownHashes(d: {
  list: WatchedHashList;
  recheck: ReturnType<typeof createKnownHashRecheck>;
  pollSeconds: number;
  log: { warn(o: object, msg: string): void; error(o: object, msg: string): void };
}): () => void {
  const recheck = (hashes: ReadonlyMap<string, string>) =>
    void d.recheck
      .recheck(hashes)
      .then((n) => n > 0 && d.log.warn({ matches: n }, 'known-hash re-check: stored files now match the list'))
      .catch((err) => d.log.error({ err }, 'known-hash re-check failed; it runs again at the next change'));
  d.list.onAdded(recheck);
  recheck(d.list.entries());
  const poll = setInterval(() => d.list.refresh(), d.pollSeconds * 1000);
  poll.unref();
  return () => clearInterval(poll);
}
