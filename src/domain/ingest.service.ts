import type {
  AnyEnvelope,
  AttachmentMeta,
  InboundEnvelope,
  NewCaseHints,
  SenderIdentity,
  UpdateEnvelope,
} from '../../connectors/contract.ts';
import { type AttachmentArrivalTx, checkArrivedAttachments, KNOWN_HASH_RULE } from './attachment-arrival.ts';
import { ageGroupOf, reporterRoleOf } from './case-description.ts';
import { SNIFF_BYTES } from './content-sniff.ts';
import { PermanentError } from './errors.ts';
import type { KnownHashLookup } from './known-hashes.ts';
import { applyUpdates, type UpdateTx } from './message-updates.ts';
import { FOREIGN_REFERENCE_FLAG, FOREIGN_REFERENCE_TAG } from './system-tags.ts';
import type { Priority } from './taxonomy.ts';
import { findThread, type ThreadLookups } from './thread-claims.ts';
import { DEFAULT_URGENCY, type UrgencyRuleSet } from './urgency.ts';
import type { CaseSummary, DomainEvent, MessageView } from './views.ts';

export type { ClaimedCase, ThreadTarget } from './thread-claims.ts';

/**
 * A channel's hints in the case record's vocabulary: the web form's reporter roles become the
 * record's (parent → parent_guardian, …), a value outside the record's lists is left out.
 */
function describedHints(h: NewCaseHints): NewCaseHints {
  const { reporterRole, ageGroup, ...rest } = h;
  const role = reporterRoleOf(reporterRole);
  const age = ageGroupOf(ageGroup);
  return { ...rest, ...(role && { reporterRole: role }), ...(age && { ageGroup: age }) };
}

/** What the ingest rules need from the store, inside one transaction. */
export interface IngestTx extends UpdateTx, AttachmentArrivalTx, ThreadLookups {
  /**
   * Read at once what findMessage, resolveContact and findOpenCaseOfContact are about to ask for
   * this message (one round trip instead of three). Each of them answers the same with or without
   * it: a prefetched answer serves only the next call with the same arguments.
   */
  prefetch?(channel: string, externalId: string, identities: SenderIdentity[]): Promise<void>;
  findMessage(channel: string, externalId: string): Promise<{ id: string; caseId: string } | null>;
  /** Find or create the contact behind these identities; null when there are none (anonymous). */
  resolveContact(identities: SenderIdentity[], now: Date): Promise<string | null>;
  allocateReference(now: Date): Promise<string>;
  createCase(input: {
    hints: NewCaseHints;
    reference: string;
    channel: string;
    contactId: string | null;
    subject: string | null;
    linkedCaseId: string | null;
    priority: Priority;
    now: Date;
  }): Promise<string>;
  /**
   * On the quoted case: another address quoted it and opened `details.caseId` instead (the audit
   * entry 'case.foreign_reference'), so its counselors see it too.
   */
  recordForeignReference(
    quotedCaseId: string,
    details: { caseId: string; messageId: string },
    now: Date,
  ): Promise<void>;
  /** Make an existing case urgent; false when it already was. */
  raiseToUrgent(caseId: string, now: Date): Promise<boolean>;
  /** Why a case was made urgent automatically: the audit entry 'case.auto_urgent'. */
  recordAutoUrgent(
    caseId: string,
    details: { rules: string[]; messageId: string; raised: boolean },
    now: Date,
  ): Promise<void>;
  /**
   * Insert the message and bump its case (activity, preview, count; a closed case reopens when
   * `touch.reopen`), together. Null when (channel, externalId) is already stored: another delivery
   * won the race, and the case is untouched. `views`: the case's summary and the message's view
   * right after, for a message without attachments (null with them: read them at the end).
   */
  insertMessage(input: {
    caseId: string;
    channel: string;
    externalId: string;
    text: string;
    html: string | null;
    subject: string | null;
    fields: Record<string, unknown> | null;
    flags: string[] | null;
    direction: 'inbound' | 'outbound';
    attachments: AttachmentMeta[];
    occurredAt: Date;
    receivedAt: Date;
    touch: { now: Date; reopen: boolean };
  }): Promise<{ messageId: string; views: { summary: CaseSummary; message: MessageView } | null } | null>;
  markEventApplied(eventId: string, caseId: string | null, messageId: string | null, now: Date): Promise<void>;
  /** Mark the event applied unless it already is; false means another run applied it. */
  claimEvent(eventId: string, now: Date): Promise<boolean>;
  messageView(messageId: string): Promise<MessageView>;
  /** The case's summary and the view of the message this transaction just inserted into it. */
  appliedViews(
    caseId: string,
    messageId: string,
    withFiles: boolean,
  ): Promise<{ summary: CaseSummary; message: MessageView }>;
}

export interface IngestUnitOfWork {
  run<T>(fn: (tx: IngestTx) => Promise<T>): Promise<T>;
}

export type IngestResult =
  | { outcome: 'applied'; caseId: string; messageId: string; createdCase: boolean; events: DomainEvent[] }
  | { outcome: 'duplicate'; caseId: string | null; messageId: string | null; events: [] }
  | { outcome: 'updated'; caseId: null; messageId: null; changed: string[]; events: DomainEvent[] };

/** Thrown inside the transaction to roll it back when a concurrent delivery already stored the message. */
class AlreadyStored extends Error {}

/**
 * Apply one envelope: identity → contact → case → message in one transaction.
 * Idempotent: a replayed envelope finds its message and changes nothing.
 */
export interface IngestOptions {
  /**
   * A reply to a case closed longer ago than this opens a new case linked to it; within it, the
   * closed case reopens. 0 = always reopen.
   */
  reopenWindowMs: number;
  /**
   * Urgency rules applied to every inbound message. Required, so that no path (worker, import,
   * script) silently falls back to the defaults: build them with loadCaseworkConfig.
   */
  urgency: UrgencyRuleSet;
  /** Attachments whose sha256 is on this list make the case urgent and "abuse material". */
  knownHashes?: KnownHashLookup;
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = { reopenWindowMs: 30 * 24 * 3_600_000, urgency: DEFAULT_URGENCY };

export async function applyEnvelope(
  uow: IngestUnitOfWork,
  eventId: string,
  env: AnyEnvelope,
  now: Date = new Date(),
  opts: IngestOptions = DEFAULT_INGEST_OPTIONS,
): Promise<IngestResult> {
  if (env.type === 'update') return applyUpdateEnvelope(uow, eventId, env, now);
  return applyMessageEnvelope(uow, eventId, env, now, opts);
}

async function updatedEvents(tx: IngestTx, ids: string[]): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (const id of ids) {
    const message = await tx.messageView(id);
    events.push({ type: 'message:updated', caseId: message.caseId, message });
  }
  return events;
}

async function applyUpdateEnvelope(
  uow: IngestUnitOfWork,
  eventId: string,
  env: UpdateEnvelope,
  now: Date,
): Promise<IngestResult> {
  return uow.run(async (tx) => {
    if (!(await tx.claimEvent(eventId, now)))
      return { outcome: 'duplicate', caseId: null, messageId: null, events: [] };
    const changed = await applyUpdates(tx, env.channel, env.updates);
    return { outcome: 'updated', caseId: null, messageId: null, changed, events: await updatedEvents(tx, changed) };
  });
}

/** The identities a message's contact is resolved from, first the sender's. */
export function identitiesOf(env: InboundEnvelope): SenderIdentity[] {
  return [...(env.sender ? [env.sender] : []), ...(env.extraIdentities ?? [])];
}

async function applyMessageEnvelope(
  uow: IngestUnitOfWork,
  eventId: string,
  env: InboundEnvelope,
  now: Date,
  opts: IngestOptions,
): Promise<IngestResult> {
  const outbound = env.message.direction === 'outbound';
  try {
    return await uow.run(async (tx) => {
      const identities = identitiesOf(env);
      await tx.prefetch?.(env.channel, env.externalId, identities);
      const existing = await tx.findMessage(env.channel, env.externalId);
      if (existing) {
        await tx.markEventApplied(eventId, existing.caseId, existing.id, now);
        return { outcome: 'duplicate', caseId: existing.caseId, messageId: existing.id, events: [] };
      }
      const contactId = await tx.resolveContact(identities, now);

      const { target: found, foreign } = await findThread(tx, env, contactId);
      // An explicit case is that case or nothing: it is never replaced by a new one, however long closed.
      if (env.thread.caseId && !found) throw new PermanentError(`case ${env.thread.caseId} does not exist`);
      // Too long after closing, a new message is a new matter: a new case, linked to the old one.
      const stale =
        !env.thread.caseId &&
        found?.status === 'closed' &&
        opts.reopenWindowMs > 0 &&
        found.closedAt !== null &&
        now.getTime() - found.closedAt.getTime() > opts.reopenWindowMs;
      let target: { id: string } | null = stale ? null : found;
      let createdCase = false;
      // Only what the reporter sends can be urgent; our own echoes are not read.
      const urgentRules = outbound
        ? []
        : opts.urgency.evaluate({
            text: env.message.text,
            subject: env.message.subject ?? null,
            category: target ? null : (env.thread.newCase.category ?? null),
            flags: env.message.flags ?? null,
            fields: env.message.fields ?? null,
          });
      const urgent = urgentRules.length > 0;
      if (!target) {
        const reference = env.thread.newCase.reference ?? (await tx.allocateReference(now));
        const id = await tx.createCase({
          hints: describedHints(env.thread.newCase),
          reference,
          channel: env.channel,
          contactId,
          subject: env.message.subject ?? null,
          linkedCaseId: foreign ? foreign.id : stale && found ? found.id : null,
          priority: urgent ? 'urgent' : 'normal',
          now,
        });
        target = { id };
        createdCase = true;
      }
      // Not the quoted case's contact: the message is marked for the counselor who reads it.
      const flags = [
        ...(env.message.flags ?? []),
        ...(urgent ? ['urgent_rule'] : []),
        ...(foreign ? [FOREIGN_REFERENCE_FLAG] : []),
      ];
      const inserted = await tx.insertMessage({
        caseId: target.id,
        channel: env.channel,
        externalId: env.externalId,
        text: env.message.text,
        html: env.message.html ?? null,
        subject: env.message.subject ?? null,
        fields: env.message.fields ?? null,
        flags: flags.length > 0 ? flags : null,
        direction: outbound ? 'outbound' : 'inbound',
        attachments: env.message.attachments ?? [],
        occurredAt: env.occurredAt ? new Date(env.occurredAt) : new Date(env.receivedAt),
        receivedAt: new Date(env.receivedAt),
        touch: { now, reopen: !outbound },
      });
      if (inserted === null) throw new AlreadyStored();
      const { messageId } = inserted;
      const raised = urgent && !createdCase && (await tx.raiseToUrgent(target.id, now));
      const foreignTags = foreign ? await tx.addSystemTag(target.id, FOREIGN_REFERENCE_TAG, now) : null;
      if (foreign) await tx.recordForeignReference(foreign.id, { caseId: target.id, messageId }, now);
      if (urgent) await tx.recordAutoUrgent(target.id, { rules: urgentRules, messageId, raised }, now);
      // Every stored file: type sniffed from its bytes, sha256 checked against the known-hash list.
      // A message without files has none to check (its attachment rows are the ones just inserted).
      const withFiles = (env.message.attachments?.length ?? 0) > 0;
      const arrival = withFiles
        ? await checkArrivedAttachments(tx, opts.knownHashes, { caseId: target.id, messageId, now }, SNIFF_BYTES)
        : { knownHashMatches: 0, tags: null };
      const knownHash = arrival.knownHashMatches > 0;
      const hashRaised = knownHash && (await tx.raiseToUrgent(target.id, now));
      if (knownHash)
        await tx.recordAutoUrgent(target.id, { rules: [KNOWN_HASH_RULE], messageId, raised: hashRaised }, now);
      const changed = env.effects?.length ? await applyUpdates(tx, env.channel, env.effects) : [];
      await tx.markEventApplied(eventId, target.id, messageId, now);

      // The views the insert answered are final unless something changed the case or added files since.
      const { summary, message } =
        inserted.views && !raised && !hashRaised && changed.length === 0
          ? inserted.views
          : await tx.appliedViews(target.id, messageId, withFiles);
      const events: DomainEvent[] = [];
      if (createdCase) events.push({ type: 'case:created', case: summary });
      else
        events.push({
          type: 'case:updated',
          case: summary,
          changed: raised || hashRaised ? ['lastActivityAt', 'preview', 'priority'] : ['lastActivityAt', 'preview'],
        });
      events.push({ type: 'message:created', caseId: target.id, message, case: summary });
      // Supervisors are alerted once per case becoming urgent, not for every later message.
      // A known-hash match alerts supervisors every time, even on a case that was urgent already.
      const alertRules = [
        ...((createdCase ? urgent : raised) ? urgentRules : []),
        ...(knownHash ? [KNOWN_HASH_RULE] : []),
      ];
      if (alertRules.length > 0) events.push({ type: 'case:urgent', case: summary, rules: alertRules });
      const tags = arrival.tags ?? foreignTags;
      if (tags) events.push({ type: 'case:tags', caseId: target.id, tags });
      events.push(...(await updatedEvents(tx, changed)));
      return { outcome: 'applied', caseId: target.id, messageId, createdCase, events };
    });
  } catch (err) {
    if (!(err instanceof AlreadyStored)) throw err;
    // The winner's transaction has committed; report what it stored.
    return uow.run(async (tx) => {
      const stored = await tx.findMessage(env.channel, env.externalId);
      if (!stored) throw new Error('message vanished after a unique conflict');
      await tx.markEventApplied(eventId, stored.caseId, stored.id, now);
      return { outcome: 'duplicate', caseId: stored.caseId, messageId: stored.id, events: [] };
    });
  }
}
