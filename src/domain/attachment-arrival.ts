import { type AttachmentKind, isMismatch, kindOf, type Sniffed, sniffContent } from './content-sniff.ts';
import type { KnownHashLookup } from './known-hashes.ts';
import { ABUSE_MATERIAL_TAG } from './system-tags.ts';

/** The urgency "rule" a known-hash match reports in case:urgent and the audit log. */
export const KNOWN_HASH_RULE = 'known_hash';

/** What the arrival check needs from the store, inside the ingest transaction. */
export interface AttachmentArrivalTx {
  /** The message's attachments with the first bytes of each stored file (null when withheld). */
  arrivedAttachments(
    messageId: string,
    headBytes: number,
  ): Promise<{ id: string; sha256: string; declaredType: string; head: Buffer | null }[]>;
  recordAttachmentCheck(
    c: {
      attachmentId: string;
      declaredType: string;
      sniffed: Sniffed | undefined;
      kind: AttachmentKind;
      mismatch: boolean;
    },
    now: Date,
  ): Promise<void>;
  recordKnownHashMatch(
    m: { attachmentId: string; caseId: string; sha256: string; listEntry: string },
    now: Date,
  ): Promise<void>;
  /** Add a tag the system sets; the case's full tag list when it was added, null when it was there. */
  addSystemTag(caseId: string, tag: string, now: Date): Promise<string[] | null>;
}

export interface ArrivalResult {
  knownHashMatches: number;
  /** The case's tags after a tag was added (for the case:tags event), else null. */
  tags: string[] | null;
}

/**
 * Every stored attachment of a new message, from any channel: sniff what the bytes are (the
 * declared type is kept, the sniffed one decides), record a mismatch, and check its sha256
 * against the known-hash list. Withheld files (too large) still have their sha256 checked.
 */
export async function checkArrivedAttachments(
  tx: AttachmentArrivalTx,
  knownHashes: KnownHashLookup | undefined,
  at: { caseId: string; messageId: string; now: Date },
  headBytes: number,
): Promise<ArrivalResult> {
  const files = await tx.arrivedAttachments(at.messageId, headBytes);
  let knownHashMatches = 0;
  for (const f of files) {
    const sniffed = f.head ? await sniffContent(f.head) : undefined;
    await tx.recordAttachmentCheck(
      {
        attachmentId: f.id,
        declaredType: f.declaredType,
        sniffed,
        kind: kindOf(sniffed),
        mismatch: f.head !== null && isMismatch(f.declaredType, sniffed),
      },
      at.now,
    );
    const entry = await knownHashes?.lookup(f.sha256);
    if (entry === undefined) continue;
    await tx.recordKnownHashMatch(
      { attachmentId: f.id, caseId: at.caseId, sha256: f.sha256, listEntry: entry },
      at.now,
    );
    knownHashMatches += 1;
  }
  const tags = knownHashMatches > 0 ? await tx.addSystemTag(at.caseId, ABUSE_MATERIAL_TAG, at.now) : null;
  return { knownHashMatches, tags };
}
