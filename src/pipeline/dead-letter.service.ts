import type { Actor } from '../domain/case.service.ts';
import { DomainError, NotFoundError } from '../domain/errors.ts';
import type { AuditRepository } from '../store/audit.repository.ts';
import type { DeadLetterRepository, InboundEventRepository } from '../store/inbound-event.repository.ts';
import type { Producers } from './producers.ts';
import { outboundJobSchema, QUEUES } from './queues.ts';

/** What an admin sees and does with jobs that failed for good. */
export function createDeadLetterService(deps: {
  deadLetters: DeadLetterRepository;
  events: InboundEventRepository;
  producers: Producers;
  audit: AuditRepository;
}) {
  return {
    async list(opts: { includeReplayed: boolean; limit: number }) {
      const rows = await deps.deadLetters.list(opts);
      return rows.map((r) => ({
        id: r.id,
        queue: r.queue,
        jobName: r.jobName,
        jobId: r.jobId,
        inboundEventId: r.inboundEventId,
        reason: r.reason,
        attempts: r.attempts,
        payload: r.payload,
        createdAt: r.createdAt.toISOString(),
        replayedAt: r.replayedAt?.toISOString() ?? null,
        replayable: r.replayedAt === null && (r.queue !== QUEUES.inbound || r.inboundEventId !== null),
      }));
    },

    /** Put the job back on its queue; the store's unique keys make a replay safe to repeat. */
    async replay(actor: Actor, id: string) {
      const dl = await deps.deadLetters.get(id);
      if (!dl) throw new NotFoundError('dead letter');
      if (dl.replayedAt) throw new DomainError('already replayed', 'already_replayed');
      if (dl.queue === QUEUES.inbound && !dl.inboundEventId)
        throw new DomainError('no recorded event to replay (the job payload itself was malformed)', 'not_replayable');
      const outbound = dl.queue === QUEUES.outbound ? outboundJobSchema.safeParse(dl.payload) : undefined;
      if (outbound && !outbound.success) throw new DomainError('malformed outbound payload', 'not_replayable');
      if (!(await deps.deadLetters.markReplayed(id, actor.id, new Date())))
        throw new DomainError('already replayed', 'already_replayed');
      if (dl.inboundEventId) {
        await deps.events.markReceived(dl.inboundEventId);
        await deps.producers.reenqueueInbound(dl.inboundEventId, `replay-${id}`);
      } else if (outbound?.success) {
        await deps.producers.enqueueOutbound(outbound.data.messageId, outbound.data.caseId);
      }
      await deps.audit.write({
        actorId: actor.id,
        action: 'dead_letter.replay',
        entityType: 'dead_letter',
        entityId: id,
        ip: actor.ip,
      });
      return { replayed: true, id };
    },
  };
}

export type DeadLetterService = ReturnType<typeof createDeadLetterService>;
