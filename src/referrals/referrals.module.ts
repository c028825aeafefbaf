import type { Worker } from 'bullmq';
import { createReferralMailer, type ReferralMailer } from '../../connectors/email/referral-mailer.ts';
import type { ChannelContext, ChannelModule, ChannelRuntime } from '../channels/channel-module.ts';
import { loadEmailConfig } from '../channels/email/email-config.ts';
import { loadReferralsConfig } from '../config/referrals-config.ts';
import { createReferralService } from '../domain/referral.service.ts';
import { referralRoutes } from '../http/routes/referrals.routes.ts';
import {
  createReferralQueue,
  REFERRAL_QUEUE,
  startReferralSweep,
  startReferralWorker,
} from '../pipeline/referral.worker.ts';
import {
  createReferralMailRepository,
  createReferralRepository,
  seedInstitutions,
} from '../store/referral.repository.ts';
import { createReplyLinkRepository } from './reply-link/reply-link.repository.ts';
import { replyLimiter, replyLinkRoutes } from './reply-link/reply-link.routes.ts';
import { createReplyLinkService } from './reply-link/reply-link.service.ts';
import { mailFooter } from './reply-link/reply-page.ts';

/**
 * Referrals to institutions. Not a channel of its own: it rides on the channel-module hooks
 * because it sends through the e-mail channel's SMTP and listens to what the e-mail channel
 * ingests (an institution's answer threads back into the referral).
 */
export const referralsModule: ChannelModule = {
  name: 'referrals',
  async init(ctx: ChannelContext): Promise<ChannelRuntime> {
    const cfg = loadReferralsConfig(ctx.env);
    await seedInstitutions(ctx.db, cfg.seed);

    const email = loadEmailConfig(ctx.env, ctx.channelsFile.email);
    const senders = (email?.mailboxes ?? []).filter((m) => m.smtpUrl && m.from);
    const sender = cfg.mailbox ? senders.find((m) => m.name === cfg.mailbox) : senders[0];
    if (cfg.mailbox && !sender)
      throw new Error(
        `REFERRAL_MAILBOX "${cfg.mailbox}": no e-mail mailbox of that name can send (SMTP_URL, MAIL_FROM)`,
      );
    const mailer: ReferralMailer | null = sender
      ? createReferralMailer({ smtpUrl: sender.smtpUrl as string, from: sender.from as string })
      : null;

    const store = createReferralRepository(ctx.db, { ackDays: cfg.ackDays });
    const mailRepo = createReferralMailRepository(ctx.db);
    const queue = createReferralQueue({
      redis: ctx.redisTarget,
      prefix: ctx.config.REDIS_PREFIX,
      attempts: cfg.emailAttempts,
      backoffMs: cfg.emailBackoffMs,
    });
    const service = createReferralService({
      store,
      audit: ctx.audit,
      publisher: ctx.publisher,
      mail: mailer ? { domain: mailer.domain } : null,
      // Stored as pending first: when Redis cannot take the job now, the sweep queues it later.
      enqueueEmail: (id) =>
        queue.enqueue(id).catch((err) => ctx.log.warn({ err, referralId: id }, 'referral e-mail queued later')),
    });

    // The institution's one-time reply link, made afresh for each referral e-mail (none without PUBLIC_URL).
    const replyLinks = createReplyLinkService({
      store: createReplyLinkRepository(ctx.db, { ackDays: cfg.ackDays }),
      publisher: ctx.publisher,
      days: cfg.linkDays,
      publicUrl: ctx.config.PUBLIC_URL ?? null,
    });
    if (mailer && !ctx.config.PUBLIC_URL)
      ctx.log.info('PUBLIC_URL is not set: referral e-mails carry no reply link for the institution');

    return {
      publicRoutes: [
        replyLinkRoutes({
          service: replyLinks,
          limiter: replyLimiter(ctx.redis, {
            prefix: ctx.config.REDIS_PREFIX,
            limit: cfg.linkRateLimit,
            windowSec: cfg.linkRateWindowSec,
            log: ctx.log,
          }),
          origin: { publicUrl: ctx.config.PUBLIC_URL, trustProxy: ctx.config.TRUST_PROXY },
        }),
      ],
      privateRoutes: [referralRoutes(service)],
      queues: [{ name: REFERRAL_QUEUE, queue: queue.queue }],
      async startWorker() {
        let worker: Worker | undefined;
        const sweep = startReferralSweep({
          mail: mailRepo,
          enqueue: (id) => queue.enqueue(id),
          intervalMs: ctx.config.RECOVERY_INTERVAL_SEC * 1000,
          graceMs: ctx.config.RECOVERY_GRACE_SEC * 1000,
          log: ctx.log,
        });
        if (mailer) {
          worker = startReferralWorker({
            redis: ctx.redisTarget,
            prefix: ctx.config.REDIS_PREFIX,
            lockMs: ctx.config.JOB_LOCK_SEC * 1000,
            mailer,
            mail: mailRepo,
            view: (id) => store.get(id),
            footer: async (id) => {
              const link = await replyLinks.issue(id);
              return link && mailFooter(link.url, link.expiresAt);
            },
            publisher: ctx.publisher,
            deadLetters: ctx.deadLetters,
            log: ctx.log.child({ worker: REFERRAL_QUEUE }),
          });
        }
        return async () => {
          sweep.stop();
          await worker?.close();
        };
      },
      async onApplied(applied) {
        const env = applied.envelope;
        if (env.type === 'update' || env.channel !== 'email' || applied.outcome !== 'applied') return;
        if (env.message.direction === 'outbound' || !applied.caseId || !applied.messageId) return;
        await service.answeredByEmail(env.thread.replyTo ?? [], applied.caseId, applied.messageId);
      },
      async stop() {
        await queue.close();
        mailer?.close();
      },
    };
  },
};
