import { type Job, Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import { PermanentChannelError } from '../../connectors/contract.ts';
import type { ReferralMailer } from '../../connectors/email/referral-mailer.ts';
import type { ReferralView } from '../domain/referrals.ts';
import type { EventPublisher } from '../domain/views.ts';
import type { DeadLetterRepository } from '../store/dead-letter.repository.ts';
import type { createReferralMailRepository } from '../store/referral.repository.ts';
import { createDeadLettering } from './dead-lettering.ts';
import { bullConnection, jobLock, type RedisTarget } from './redis.ts';

export const REFERRAL_QUEUE = 'referrals';
const jobSchema = z.object({ referralId: z.uuid() });
const jobId = (referralId: string) => `ref-${referralId}`;

type MailRepo = ReturnType<typeof createReferralMailRepository>;

export function createReferralQueue(opts: { redis: RedisTarget; prefix: string; attempts: number; backoffMs: number }) {
  const queue = new Queue(REFERRAL_QUEUE, {
    connection: bullConnection(opts.redis),
    prefix: opts.prefix,
    defaultJobOptions: {
      attempts: opts.attempts,
      backoff: { type: 'exponential', delay: opts.backoffMs },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    },
  });
  queue.on('error', () => {});
  return {
    queue,
    /** Idempotent per referral; a failed job of the same id is cleared so a retry can run. */
    async enqueue(referralId: string) {
      const old = await queue.getJob(jobId(referralId));
      if (old && (await old.isFailed())) await old.remove();
      await queue.add('send', { referralId }, { jobId: jobId(referralId) });
    },
    close: () => queue.close(),
  };
}

export interface ReferralWorkerDeps {
  redis: RedisTarget;
  prefix: string;
  /** BullMQ's job lock and stalled-job check (ms); see jobLock. */
  lockMs?: number;
  mailer: ReferralMailer;
  mail: MailRepo;
  /** The referral as the inbox shows it, after a delivery change. */
  view(id: string): Promise<ReferralView>;
  /**
   * Lines added under the summary for this sending (the institution's one-time reply link, made
   * afresh for each e-mail); null adds nothing.
   */
  footer?(referralId: string): Promise<string | null>;
  publisher: EventPublisher;
  deadLetters: DeadLetterRepository;
  log: Logger;
}

async function publishView(deps: ReferralWorkerDeps, id: string) {
  const referral = await deps.view(id).catch(() => null);
  if (referral) await deps.publisher.publish([{ type: 'referral:updated', caseId: referral.caseId, referral }]);
}

async function process(job: Job, deps: ReferralWorkerDeps): Promise<string> {
  const parsed = jobSchema.safeParse(job.data);
  if (!parsed.success) throw new PermanentChannelError('malformed referral job payload');
  const r = await deps.mail.forSending(parsed.data.referralId);
  if (!r) throw new PermanentChannelError('referral not found');
  if (r.status === 'sent') return 'already-sent';
  if (!r.to || !r.subject || !r.messageId) throw new PermanentChannelError('referral has no e-mail to send');
  const footer = (await deps.footer?.(r.id)) ?? null;
  await deps.mailer.send({
    to: r.to,
    subject: r.subject,
    text: footer ? `${r.summary}\n\n-- \n${footer}` : r.summary,
    messageId: r.messageId,
    caseReference: r.reference,
  });
  await deps.mail.setEmail(r.id, 'sent', null, new Date());
  await publishView(deps, r.id);
  return 'sent';
}

/** Sends referral e-mails; retried with backoff, then failed visibly on the referral and dead-lettered. */
export function startReferralWorker(deps: ReferralWorkerDeps): Worker {
  const deadLettering = createDeadLettering({
    queue: REFERRAL_QUEUE,
    deadLetters: deps.deadLetters,
    isPermanent: (err) => err instanceof PermanentChannelError,
  });
  const worker = new Worker(
    REFERRAL_QUEUE,
    (job) =>
      deadLettering.run(
        job,
        () => process(job, deps),
        // Each failure is shown on the referral at once; "pending" while retries remain.
        async (reason, final) => {
          const referralId = (job.data as { referralId?: string }).referralId;
          if (!referralId || !/^[0-9a-f-]{36}$/i.test(referralId)) return;
          await deps.mail
            .setEmail(referralId, final ? 'failed' : 'pending', reason, new Date())
            .catch((e) => deps.log.warn({ err: e }, 'could not record a referral e-mail failure'));
          await publishView(deps, referralId);
        },
      ),
    { connection: bullConnection(deps.redis), prefix: deps.prefix, concurrency: 2, ...jobLock(deps.lockMs) },
  );
  worker.on('error', (err) => deps.log.error({ err }, 'referral worker error'));
  return worker;
}

/** Pending referral e-mails whose job was lost (Redis restarted empty) are queued again. */
export function startReferralSweep(opts: {
  mail: MailRepo;
  enqueue(id: string): Promise<void>;
  intervalMs: number;
  graceMs: number;
  log: Logger;
}) {
  const run = async () => {
    const ids = await opts.mail.stalled(new Date(Date.now() - opts.graceMs), 100);
    for (const id of ids) await opts.enqueue(id);
    return ids.length;
  };
  const timer = setInterval(() => {
    run().catch((err) => opts.log.warn({ err }, 'referral sweep failed'));
  }, opts.intervalMs);
  timer.unref();
  return { run, stop: () => clearInterval(timer) };
}
