import { type Job, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  type ChannelKind,
  type Connector,
  type IdentityKind,
  PermanentChannelError,
} from '../../connectors/contract.ts';
import type { ConnectorRegistry } from '../../connectors/registry.ts';
import { replyRecipient } from '../domain/reply-recipient.ts';
import type { EventPublisher } from '../domain/views.ts';
import type { CaseRepository } from '../store/case.repository.ts';
import type { DeadLetterRepository } from '../store/dead-letter.repository.ts';
import { createDeadLettering } from './dead-lettering.ts';
import { outboundJobSchema, QUEUES } from './queues.ts';
import { bullConnection, jobLock, type RedisTarget } from './redis.ts';

export interface OutboundWorkerDeps {
  redis: RedisTarget;
  prefix: string;
  /** BullMQ's job lock and stalled-job check (ms); see jobLock. */
  lockMs?: number;
  cases: CaseRepository;
  connectors: ConnectorRegistry;
  deadLetters: DeadLetterRepository;
  publisher: EventPublisher;
  log: Logger;
}

/** Attachments stored with a reply by the API; anything else in that field is not sent. */
const replyAttachments = z.array(z.object({ type: z.enum(['image', 'video', 'audio', 'file']), url: z.url() })).max(5);

/** The one-reply address a counselor picked (checked and audited by the API when the reply was written). */
const recipientOverride = z.object({ recipient: z.email() });

/** Stays pending, with this reason shown, until a channel that can deliver it exists. */
const NO_CHANNEL = 'no_channel_for_contact';

type Route = { channel: ChannelKind; send: NonNullable<Connector['send']>; to: { kind: IdentityKind; value: string } };

export function chooseRoute(
  connectors: ConnectorRegistry,
  channel: string,
  identities: { kind: string; value: string }[],
): Route | undefined {
  const own = connectors.get(channel as ChannelKind);
  const candidates = [own, ...identities.map((i) => connectors.senderFor(i.kind as IdentityKind))];
  for (const c of candidates) {
    if (!c?.send) continue;
    const to = identities.find((i) => c.replyIdentityKinds.includes(i.kind as IdentityKind));
    if (to) return { channel: c.channel, send: c.send.bind(c), to: { kind: to.kind as IdentityKind, value: to.value } };
  }
  return undefined;
}

async function processOutbound(job: Job, deps: OutboundWorkerDeps): Promise<string> {
  const parsed = outboundJobSchema.safeParse(job.data);
  if (!parsed.success) throw new PermanentChannelError('malformed outbound job payload');
  const { messageId, caseId } = parsed.data;
  const message = await deps.cases.message(messageId);
  if (message.deliveryStatus === 'sent') return 'already-sent';
  const target = await deps.cases.replyTargets(caseId);

  // The case's own channel first (reply where they wrote), then any channel that reaches an identity they left.
  const route = chooseRoute(deps.connectors, target.channel, target.identities);
  if (!route) {
    const updated = await deps.cases.setDelivery(messageId, 'pending', { error: NO_CHANNEL });
    await deps.publisher.publish([{ type: 'message:updated', caseId, message: updated }]);
    return 'pending';
  }
  const last = target.lastInbound.find((m) => m.channel === route.channel);
  const to = replyRecipient({
    kind: route.to.kind,
    identities: target.identities,
    lastInbound: last?.fields ?? null,
    override: recipientOverride.safeParse(message.fields ?? {}).data?.recipient ?? null,
  });
  const sent = await route.send({
    messageId,
    caseReference: target.reference,
    subject: target.subject,
    text: message.text,
    to: { kind: route.to.kind, value: to ?? route.to.value },
    threadExternalIds: target.threadIds,
    lastInbound: last ? { externalId: last.externalId, fields: last.fields, at: last.at } : null,
    automatic: message.authorId === null,
    attachments: replyAttachments.safeParse(message.fields?.attachments ?? []).data ?? [],
  });
  const updated = await deps.cases.setDelivery(messageId, 'sent', {
    externalId: sent.externalId,
    channel: route.channel,
  });
  await deps.publisher.publish([{ type: 'message:updated', caseId, message: updated }]);
  return 'sent';
}

export function startOutboundWorker(deps: OutboundWorkerDeps): Worker {
  const deadLettering = createDeadLettering({
    queue: QUEUES.outbound,
    deadLetters: deps.deadLetters,
    isPermanent: (err) => err instanceof PermanentChannelError,
  });
  const worker = new Worker(
    QUEUES.outbound,
    (job) =>
      deadLettering.run(
        job,
        () => processOutbound(job, deps),
        // Only a failure for good is shown on the reply; while retries remain it stays pending.
        async (reason, final) => {
          const { messageId, caseId } = job.data as { messageId?: string; caseId?: string };
          if (!final || !messageId || !caseId) return;
          const updated = await deps.cases.setDelivery(messageId, 'failed', { error: reason }).catch(() => null);
          if (updated) await deps.publisher.publish([{ type: 'message:updated', caseId, message: updated }]);
        },
      ),
    { connection: bullConnection(deps.redis), prefix: deps.prefix, concurrency: 4, ...jobLock(deps.lockMs) },
  );
  worker.on('error', (err) => deps.log.error({ err }, 'outbound worker error'));
  return worker;
}
