import type { InboundEnvelope } from '../../connectors/contract.ts';
import type { Db } from './db.ts';
import { recordIn } from './inbound-event.repository.ts';
import { allocateReference, ensureReferenceSequences } from './reference-sequence.ts';

/**
 * Inbound events under a key the client chose (the public form's submission key, the status
 * page's add key). The key alone would make any later post with it "the same" and answer it with
 * the first one's reference and receipt; with the content's hash stored beside it, a key that comes
 * back with other content is told apart and refused.
 */

/** The same key came back with other content: nothing was recorded, nothing of the first is told. */
export interface KeyReused {
  keyReused: true;
}

/** A row stored before hashes existed has none: it counts as the same content (no false refusals). */
const sameContent = (stored: string | null, hash: string) => stored === null || stored === hash;

export function createKeyedIntakeRepository(db: Db) {
  return {
    /**
     * Record a report that opens a new case whose reference the reporter is told at once: the
     * reference and the event are written in one transaction, so neither exists alone. The same
     * key with the same content answers the first one's reference (the number just drawn is left
     * unused; references may have gaps).
     */
    async recordNewReport(
      build: (reference: string) => InboundEnvelope,
      now: Date,
      contentHash: string,
    ): Promise<{ id: string; reference: string } | KeyReused> {
      await ensureReferenceSequences(db, now);
      return db.transaction(async (t) => {
        const reference = await allocateReference(t, now);
        const r = await recordIn(t, build(reference), now, contentHash);
        if (r.created) return { id: r.id, reference };
        if (!sameContent(r.first.contentHash, contentHash)) return { keyReused: true };
        // An erased report keeps no reference (nor hash): its key is spent, not answered.
        const firstRef = (r.first.envelope as Partial<InboundEnvelope>).thread?.newCase?.reference;
        if (!firstRef) return { keyReused: true };
        return { id: r.id, reference: firstRef };
      });
    },

    /** Record a message under a client's key; `created` false: the same content was recorded before. */
    async record(
      env: InboundEnvelope,
      now: Date,
      contentHash: string,
    ): Promise<{ id: string; created: boolean } | KeyReused> {
      const r = await recordIn(db, env, now, contentHash);
      if (r.created) return { id: r.id, created: true };
      if (!sameContent(r.first.contentHash, contentHash)) return { keyReused: true };
      return { id: r.id, created: false };
    },
  };
}

export type KeyedIntakeRepository = ReturnType<typeof createKeyedIntakeRepository>;
