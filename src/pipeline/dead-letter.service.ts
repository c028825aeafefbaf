import type { Actor } from '../domain/case.service.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import type { AuditRepository } from '../store/audit.repository.ts';
import type { DeadLetterRepository } from '../store/dead-letter.repository.ts';
import type { Producers } from './producers.ts';
import { outboundJobSchema, QUEUES } from './queues.ts';
import { REFERRAL_QUEUE } from './referral.worker.ts';

/**
 * What a replay can put back: an inbound event that was recorded, or an outbound reply. Nothing
 * else is re-queued here: an unreadable mail has no event to apply, and a referral's e-mail is
 * sent again from its case (POST /api/referrals/:id/retry), where its state is shown.
 */
const canReplay = (dl: { queue: string; inboundEventId: string | null }) =>
  dl.inboundEventId !== null || dl.queue === QUEUES.outbound;

/** What an admin sees and does with jobs that failed for good. */
export function createDeadLetterService(deps: {
  deadLetters: DeadLetterRepository;
  producers: Producers;
  audit: AuditRepository;
}) {
  /** A job payload kept as JSON; undefined when it is gone or is not JSON. */
  const jsonPayload = async (id: string): Promise<unknown> => {
    const p = await deps.deadLetters.payload(id);
    if (p?.contentType !== 'application/json') return undefined;
    try {
      return JSON.parse(p.bytes.toString('utf8'));
    } catch {
      return undefined;
    }
  };

  return {
    /** The list carries no payload: an admin opens one on purpose (payload below), and that is audited. */
    async list(opts: { includeReplayed: boolean; limit: number }) {
      const rows = await deps.deadLetters.list(opts);
      return rows.map((r) => ({
        id: r.id,
        queue: r.queue,
        jobName: r.jobName,
        jobId: r.jobId,
        inboundEventId: r.inboundEventId,
        caseId: r.caseId,
        caseReference: r.caseReference,
        reason: r.reason,
        attempts: r.attempts,
        size: r.size,
        knownMatch: r.knownMatch,
        createdAt: r.createdAt.toISOString(),
        replayedAt: r.replayedAt?.toISOString() ?? null,
        replayable: r.replayedAt === null && canReplay(r),
      }));
    },

    /** One quarantined payload for an admin, on record before a byte of it leaves the server. */
    async payload(actor: Actor, id: string) {
      if (actor.role !== 'admin') throw new ForbiddenError();
      const p = await deps.deadLetters.payload(id);
      if (!p) throw new NotFoundError('dead letter');
      await deps.audit.write({
        actorId: actor.id,
        action: 'dead_letter.payload_viewed',
        entityType: 'dead_letter',
        entityId: id,
        ip: actor.ip,
        details: { caseId: p.caseId },
      });
      const ext = p.contentType === 'message/rfc822' ? 'eml' : p.contentType === 'application/json' ? 'json' : 'bin';
      return { fileName: `dead-letter-${id}.${ext}`, contentType: p.contentType, bytes: p.bytes };
    },

    /** Put the job back on its queue; the store's unique keys make a replay safe to repeat. */
    async replay(actor: Actor, id: string) {
      const dl = await deps.deadLetters.get(id);
      if (!dl) throw new NotFoundError('dead letter');
      if (dl.replayedAt) throw new DomainError('already replayed', 'already_replayed');
      if (dl.queue === QUEUES.inbound && !dl.inboundEventId)
        throw new DomainError('no recorded event to replay (the job payload itself was malformed)', 'not_replayable');
      if (!canReplay(dl))
        throw new DomainError(
          dl.queue === REFERRAL_QUEUE
            ? 'a referral e-mail is sent again from its case (retry on the referral)'
            : `nothing to put back on a queue for ${dl.queue}`,
          'not_replayable',
        );
      const outbound = dl.queue === QUEUES.outbound ? outboundJobSchema.safeParse(await jsonPayload(id)) : undefined;
      if (outbound && !outbound.success) throw new DomainError('malformed outbound payload', 'not_replayable');
      const claimed = await deps.deadLetters.markReplayed(id, actor.id, new Date(), () => [
        { actorId: actor.id, action: 'dead_letter.replay', entityType: 'dead_letter', entityId: id, ip: actor.ip },
      ]);
      if (!claimed) throw new DomainError('already replayed', 'already_replayed');
      if (dl.inboundEventId) await deps.producers.reenqueueInbound(dl.inboundEventId, `replay-${id}`);
      else if (outbound?.success) await deps.producers.enqueueOutbound(outbound.data.messageId, outbound.data.caseId);
      return { replayed: true, id };
    },
  };
}

export type DeadLetterService = ReturnType<typeof createDeadLetterService>;
