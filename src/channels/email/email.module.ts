import { Router } from 'express';
import { type ImapWatcher, startImapWatcher, type WatcherStatus } from '../../../connectors/email/imap-watcher.ts';
import { mailToEnvelope } from '../../../connectors/email/mail-to-envelope.ts';
import { createSmtpConnector } from '../../../connectors/email/smtp-connector.ts';
import { withheldMailToEnvelope } from '../../../connectors/email/withheld-mail.ts';
import { requireRole } from '../../http/session.ts';
import { latinToCyrillic } from '../../i18n/translit.ts';
import { describeError } from '../../logging/describe-error.ts';
import { runExclusive } from '../../pipeline/exclusive.ts';
import { blobKey } from '../../store/blob.repository.ts';
import { createSmtpHealth, ProbeFailure, smtpFailureCode, startSmtpRecheck } from '../channel-health.ts';
import type { ChannelContext, ChannelModule, ChannelRuntime } from '../channel-module.ts';
import { createEmailRepository } from './email.repository.ts';
import { type EmailConfig, loadEmailConfig, type MailboxConfig } from './email-config.ts';

const ACK_LATIN = (ref: string) =>
  `Poštovani,\n\nprimili smo vašu poruku i zaveli je pod brojem ${ref}. Savetnik Kontakt centra odgovoriće vam u najkraćem roku. Ako je dete u neposrednoj opasnosti, odmah pozovite policiju na 192.`;
const ACK_EN = (ref: string) =>
  `Dear sender,\n\nwe have received your message and registered it as ${ref}. A counselor of the contact centre will answer you as soon as possible. If a child is in immediate danger, call the police on 192 now.`;

/** One acknowledgement in Serbian Latin, Serbian Cyrillic and English: we do not know which the reporter reads. */
const acknowledgementText = (ref: string) =>
  [ACK_LATIN(ref), latinToCyrillic(ACK_LATIN(ref)), ACK_EN(ref)].join('\n\n---\n\n');

/** Files kept in memory and written with the event, in one transaction (one commit per mail). */
function heldFiles() {
  const files: { bytes: Buffer; contentType: string }[] = [];
  const store = async (bytes: Buffer, contentType: string) => {
    files.push({ bytes, contentType });
    return blobKey(bytes);
  };
  return { files, store };
}

function intake(ctx: ChannelContext, cfg: EmailConfig, mailbox: MailboxConfig) {
  return async (raw: Buffer, uid: number) => {
    const { files, store } = heldFiles();
    let envelope: Awaited<ReturnType<typeof mailToEnvelope>>;
    try {
      envelope = await mailToEnvelope(raw, {
        mailbox: mailbox.name,
        maxAttachmentBytes: cfg.maxAttachmentBytes,
        maxRawBytes: cfg.maxRawBytes,
        receivedAt: new Date(),
        store,
      });
    } catch (err) {
      // Mail that cannot even be read is kept with the reason, never silently dropped: in
      // quarantine like an attachment, its bytes checked against the known-hash list.
      const kept = raw.subarray(0, cfg.maxRawBytes);
      await ctx.deadLetters.add({
        queue: 'email-intake',
        jobName: mailbox.name,
        jobId: `uid-${uid}`,
        inboundEventId: null,
        raw: { bytes: kept, contentType: 'message/rfc822' },
        ...(kept.length < raw.length && { alsoCheck: [blobKey(raw)] }),
        reason: `unreadable mail: ${describeError(err)}`,
        attempts: 1,
        now: new Date(),
      });
      ctx.log.warn({ mailbox: mailbox.name, uid }, 'unreadable mail dead-lettered');
      return;
    }
    await ctx.accept(envelope, files);
  };
}

const WITHHELD_LATIN =
  'Ova poruka ({size} MB) veća je od dozvoljenih {limit} MB i nije preuzeta: sačuvani su samo pošiljalac, naslov, datum i zaglavlja. Original je ostao u poštanskom sandučetu ({where}).';
const WITHHELD_EN =
  'This mail ({size} MB) is larger than the allowed {limit} MB and was not downloaded: only its sender, subject, date and headers were kept. The original is still in the mailbox ({where}).';

/** What counselors read in place of a mail too large to download, in all three languages. */
function withheldNotice(size: number, limit: number, where: string): string {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  // Placeholders survive transliteration, so the mailbox and folder names stay as they are.
  return [WITHHELD_LATIN, latinToCyrillic(WITHHELD_LATIN), WITHHELD_EN]
    .join('\n\n---\n\n')
    .replace(/\{size\}/g, mb(size))
    .replace(/\{limit\}/g, mb(limit))
    .replace(/\{where\}/g, where);
}

/** An over-limit mail: its headers become a message saying so; the mail itself stays on the server. */
function withheldIntake(ctx: ChannelContext, cfg: EmailConfig, mailbox: MailboxConfig) {
  const where = `${mailbox.name}: ${mailbox.moveTo ?? mailbox.imap?.folder ?? 'INBOX'}`;
  return async (headers: Buffer, _uid: number, size: number) => {
    // The header section is stored like a mail's raw source: under its sha256, with the event.
    const { files, store } = heldFiles();
    const envelope = await withheldMailToEnvelope(headers, {
      mailbox: mailbox.name,
      size,
      notice: withheldNotice(size, cfg.maxRawBytes, where),
      receivedAt: new Date(),
      store,
    });
    ctx.log.warn({ mailbox: mailbox.name, size }, 'mail over EMAIL_MAX_RAW_MB stored from its headers only');
    await ctx.accept(envelope, files);
  };
}

/** E-mail: a watcher per mailbox (worker role) and SMTP replies from the mailbox the reporter wrote to. */
export const emailModule: ChannelModule = {
  name: 'email',
  init(ctx): ChannelRuntime {
    const cfg = loadEmailConfig(ctx.env, ctx.channelsFile.email);
    if (!cfg) return {};
    const repo = createEmailRepository(ctx.db);
    const senders = cfg.mailboxes.filter((m) => m.smtpUrl && m.from);
    // Whether each mailbox can send, shared through Redis: replies go out on worker nodes,
    // /healthz and the inbox ask on api nodes.
    const smtpHealth = createSmtpHealth(ctx.redis, ctx.config.REDIS_PREFIX);
    const smtp = senders.length
      ? createSmtpConnector(
          senders.map((m) => ({ name: m.name, smtpUrl: m.smtpUrl as string, from: m.from as string })),
          {
            onOutcome(mailbox, err) {
              const failure = err === null ? null : smtpFailureCode(err);
              // A refused recipient says nothing about the mailbox either way.
              if (err !== null && failure === null) return;
              void smtpHealth.record(mailbox, failure).catch(() => {});
            },
          },
        )
      : undefined;
    const byName = new Map(cfg.mailboxes.map((m) => [m.name, m]));
    const watchers: ImapWatcher[] = [];
    // A watcher runs on one worker node; its state is shared through Redis so that every api
    // node's /healthz tells the truth about the mailbox (an api-only node has no watcher of its own).
    const statusKey = (name: string) => `${ctx.config.REDIS_PREFIX}:mailbox-status:${name}`;
    const statusTtlMs = cfg.lockTtlMs + 5_000;
    const watcherStatus = async (name: string): Promise<WatcherStatus | null> => {
      const local = watchers.find((w) => w.status().name === name)?.status();
      if (local) return local;
      const shared = await ctx.redis.get(statusKey(name));
      return shared ? (JSON.parse(shared) as WatcherStatus) : null;
    };

    const statusRoute = Router();
    statusRoute.get('/api/channels/email/status', requireRole('supervisor', 'admin'), (_req, res) => {
      res.json({
        mailboxes: cfg.mailboxes.map((m) => ({
          name: m.name,
          receives: !!m.imap,
          replies: !!(m.smtpUrl && m.from),
          autoAck: m.autoAck,
          watcher: watchers.find((w) => w.status().name === m.name)?.status() ?? null,
        })),
      });
    });

    return {
      ...(smtp && { connectors: [smtp] }),
      privateRoutes: [statusRoute],
      health: [
        {
          name: 'email',
          async check() {
            const problems: string[] = [];
            for (const m of cfg.mailboxes.filter((x) => x.imap)) {
              const s = await watcherStatus(m.name);
              if (!s) problems.push(`${m.name}: no node is watching this mailbox`);
              else if (!s.connected) problems.push(`${m.name}: ${s.lastError ?? 'not connected'}`);
            }
            if (problems.length) throw new ProbeFailure('imap-down', problems.join('; '));
          },
        },
        // One probe per sending mailbox, so /api/health names the mailbox whose SMTP refuses.
        ...senders.map((m) => smtpHealth.probe(m.name)),
      ],
      async startWorker() {
        // One watcher per mailbox across the cluster: the node holding the mailbox's lock runs it.
        const locks = cfg.mailboxes
          .filter((m) => m.imap)
          .map((m) =>
            runExclusive({
              redis: ctx.redis,
              key: `${ctx.config.REDIS_PREFIX}:lock:mailbox:${m.name}`,
              ttlMs: cfg.lockTtlMs,
              log: ctx.log,
              async start() {
                const w = startImapWatcher({
                  name: m.name,
                  imap: m.imap as NonNullable<typeof m.imap>,
                  ...(m.moveTo && { moveTo: m.moveTo }),
                  batchSize: cfg.batchSize,
                  concurrency: 8,
                  resyncMs: cfg.resyncMs,
                  backoff: { initialMs: cfg.reconnectMs, maxMs: Math.max(cfg.reconnectMs, 60_000) },
                  // A stale holder can only save a cursor behind the truth (it saves after
                  // durable writes), which costs a re-fetch that Message-ID dedup absorbs.
                  cursor: { load: () => repo.loadCursor(m.name), save: (c) => repo.saveCursor(m.name, c) },
                  onMessage: intake(ctx, cfg, m),
                  maxRawBytes: cfg.maxRawBytes,
                  fetchBudgetBytes: cfg.fetchBudgetBytes,
                  onWithheld: withheldIntake(ctx, cfg, m),
                  log: ctx.log,
                });
                watchers.push(w);
                return async () => {
                  await w.stop();
                  watchers.splice(watchers.indexOf(w), 1);
                };
              },
            }),
          );
        const share = setInterval(() => {
          for (const w of watchers) {
            const st = w.status();
            void ctx.redis.set(statusKey(st.name), JSON.stringify(st), 'PX', statusTtlMs).catch(() => {});
          }
        }, 1000);
        share.unref();
        const stopRecheck = smtp
          ? startSmtpRecheck({
              mailboxes: senders.map((m) => m.name),
              health: smtpHealth,
              verify: (name) => smtp.verify(name),
              initialMs: cfg.smtpRecheckMs,
              maxMs: Math.max(cfg.smtpRecheckMs, 60_000),
              log: ctx.log,
            })
          : () => {};
        return async () => {
          stopRecheck();
          clearInterval(share);
          await Promise.all(locks.map((l) => l.stop()));
        };
      },
      async onApplied(applied) {
        const env = applied.envelope;
        if (env.type === 'update' || env.channel !== 'email' || !applied.createdCase || !applied.caseId) return;
        if (env.message.flags?.length || !env.sender) return;
        const mailbox = byName.get(String(env.message.fields?.mailbox ?? ''));
        if (!mailbox?.autoAck || !smtp) return;
        const summary = await ctx.cases.summary(applied.caseId);
        const messageId = await repo.claimAutoAck(applied.caseId, acknowledgementText(summary.reference), new Date());
        if (!messageId) return;
        const message = await ctx.cases.message(messageId);
        await ctx.publisher.publish([{ type: 'message:created', caseId: applied.caseId, message, case: summary }]);
        await ctx.producers.enqueueOutbound(messageId, applied.caseId);
      },
      async stop() {
        smtp?.close();
      },
    };
  },
};
