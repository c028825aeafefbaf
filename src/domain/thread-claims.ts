import type { InboundEnvelope } from '../../connectors/contract.ts';
import { findReference } from './reference.ts';

/** A case a message may join. */
export interface ThreadTarget {
  id: string;
  status: string;
  closedAt: Date | null;
}

/** A case found by what a message claims (a quoted reference, In-Reply-To/References), and whose it is. */
export interface ClaimedCase extends ThreadTarget {
  contactId: string | null;
  /** The contacts of the cases merged into this one: their claims on those cases lead here. */
  mergedContactIds: string[];
  /**
   * Found through one of our referral e-mails: the address that mail went to (lower case). The
   * institution answering it may join the case; null when found through a stored message.
   */
  addressee: string | null;
}

/** The reads the thread rules make; all by unique or indexed keys. */
export interface ThreadLookups {
  findCaseByReference(reference: string): Promise<ClaimedCase | null>;
  /** The case with this id (an envelope's explicit `thread.caseId`). */
  findCaseById(caseId: string): Promise<ThreadTarget | null>;
  /** The contact's most recent case on this channel that is not closed. */
  findOpenCaseOfContact(contactId: string, channel: string): Promise<ThreadTarget | null>;
  /**
   * The case of any stored message (inbound or outbound, any channel) with one of these external
   * ids; failing that, of a referral e-mail with one of them.
   */
  findCaseByMessageExternalIds(externalIds: string[]): Promise<ClaimedCase | null>;
  /**
   * The case of a message WE sent (direction 'outbound') with one of these external ids; failing
   * that, of a referral e-mail with one of them. Only these ids are ours, random and unguessable.
   */
  findCaseBySentMessageIds(externalIds: string[]): Promise<ClaimedCase | null>;
  /** The case of a referral e-mail with one of these Message-IDs (unique index). */
  findCaseByReferralMessageIds(externalIds: string[]): Promise<ClaimedCase | null>;
}

/**
 * Where a message goes: `target` is the case it joins (null: it opens one). `foreign` is a case it
 * claimed but may not join (its sender is not that case's contact): the new case is linked to it.
 */
export interface ThreadMatch {
  target: ThreadTarget | null;
  foreign: ClaimedCase | null;
}

/**
 * The threading rules. An explicit case id or our own pre-allocated reference is decided by the
 * server, so it is simply followed. A claim the sender makes (`thread.senderAsserted`: e-mail's
 * subject and References) joins a case only when the sender is that case's contact, or is the
 * institution one of the case's referral e-mails went to. A message without a sender can own no
 * case: only a delivery report for a message we sent in it (its Message-ID is ours, random) is
 * filed there.
 */
export async function findThread(
  tx: ThreadLookups,
  env: InboundEnvelope,
  contactId: string | null,
): Promise<ThreadMatch> {
  const none = { target: null, foreign: null };
  if (env.thread.caseId) return { target: await tx.findCaseById(env.thread.caseId), foreign: null };
  // A pre-allocated reference means "this envelope opens that case"; a replay finds it already there.
  const own = env.thread.newCase.reference;
  if (own) return { target: await tx.findCaseByReference(own), foreign: null };

  const asserted = env.thread.senderAsserted === true;
  const sender = env.sender?.value ?? null;
  const owns = (c: ClaimedCase) =>
    !asserted ||
    (contactId !== null && (c.contactId === contactId || c.mergedContactIds.includes(contactId))) ||
    (sender !== null && c.addressee !== null && c.addressee === sender);

  if (asserted && !env.sender) {
    const ours = (env.effects ?? []).flatMap((e) => (e.kind === 'delivery' ? [e.target] : []));
    // Only a message we sent: an inbound message's id is known to whoever saw that mail.
    const reported = ours.length > 0 ? await tx.findCaseBySentMessageIds(ours) : null;
    if (reported) return { target: reported, foreign: null };
  }

  let foreign: ClaimedCase | null = null;
  const replyTo = env.thread.replyTo ?? [];
  if (replyTo.length > 0) {
    const byReply = await tx.findCaseByMessageExternalIds(replyTo);
    if (byReply && owns(byReply)) return { target: byReply, foreign: null };
    // An institution's second answer also names its first one (a stored message): the referral decides.
    if (byReply && byReply.addressee === null && sender !== null) {
      const viaReferral = await tx.findCaseByReferralMessageIds(replyTo);
      if (viaReferral && owns(viaReferral)) return { target: viaReferral, foreign: null };
    }
    foreign = byReply;
  }
  const quoted = env.thread.caseReference ?? findReference(env.message.subject);
  if (quoted) {
    const byReference = await tx.findCaseByReference(quoted);
    if (byReference && owns(byReference)) return { target: byReference, foreign: null };
    foreign ??= byReference;
  }
  if (foreign) return { target: null, foreign };
  if (env.thread.joinOpenCase && contactId)
    return { target: await tx.findOpenCaseOfContact(contactId, env.channel), foreign: null };
  return none;
}
