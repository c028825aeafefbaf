import { z } from 'zod';
import type { ImapTarget } from '../../../connectors/email/imap-watcher.ts';

export interface MailboxConfig {
  name: string;
  imap?: ImapTarget;
  smtpUrl?: string;
  from?: string;
  moveTo?: string;
  autoAck: boolean;
}

export interface EmailConfig {
  mailboxes: MailboxConfig[];
  maxAttachmentBytes: number;
  maxRawBytes: number;
  /** Source bytes the watcher fetches together at most (EMAIL_FETCH_BUDGET_MB, default twice the raw limit). */
  fetchBudgetBytes: number;
  resyncMs: number;
  batchSize: number;
  reconnectMs: number;
  /** How long a node's claim on a mailbox lasts without renewal (takeover time after a crash). */
  lockTtlMs: number;
  smtpRecheckMs: number;
}

/** imaps://user:pass@host:993/INBOX (TLS) or imap://…:143/INBOX (plain, STARTTLS when offered). */
export function parseImapUrl(url: string): ImapTarget {
  const u = new URL(url);
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new Error('must start with imap:// or imaps://');
  if (!u.username) throw new Error('needs a user name (imaps://user:password@host/INBOX)');
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    folder: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

const bool = z.preprocess((v) => (typeof v === 'string' ? /^(1|true|yes|on)$/i.test(v) : v), z.boolean());
const num = (def: number, min: number, max: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? def : Number(v)), z.number().int().min(min).max(max));

const mailboxSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w.@-]+$/, 'letters, digits, . _ - @ only'),
  imapUrl: z.string().optional(),
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  mailFrom: z.string().optional(),
  moveTo: z.string().optional(),
  autoAck: z.boolean().default(false),
});

const envSchema = z.object({
  IMAP_URL: z.string().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().optional(),
  EMAIL_MOVE_TO: z.string().optional(),
  EMAIL_AUTO_ACK: bool.default(false),
  EMAIL_MAX_ATTACHMENT_MB: num(25, 0, 1024),
  EMAIL_MAX_RAW_MB: num(50, 1, 2048),
  EMAIL_FETCH_BUDGET_MB: z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : Number(v)),
    z.number().int().min(1).max(4096).optional(),
  ),
  EMAIL_RESYNC_SEC: num(60, 1, 86_400),
  EMAIL_BATCH_SIZE: num(50, 1, 1000),
  EMAIL_RECONNECT_MS: num(1000, 10, 600_000),
  EMAIL_LOCK_TTL_SEC: num(30, 1, 3600),
  /** First pause before re-checking a mailbox whose SMTP failed (doubles up to 60 s). */
  SMTP_RECHECK_MS: num(5000, 50, 600_000),
});

/**
 * The mailboxes: one from IMAP_URL / SMTP_URL / MAIL_FROM, and any number from the CHANNELS_FILE
 * section "email". Returns null when no e-mail is configured at all. Throws naming the bad setting.
 */
export function loadEmailConfig(env: NodeJS.ProcessEnv, section: unknown): EmailConfig | null {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const e = envSchema.safeParse(clean);
  if (!e.success)
    throw new Error(`e-mail settings: ${e.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const listed = z.array(mailboxSchema).optional().safeParse(section);
  if (!listed.success) {
    throw new Error(
      `CHANNELS_FILE "email": ${listed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const raw = [
    ...(e.data.IMAP_URL || e.data.SMTP_URL
      ? [
          {
            name: 'default',
            imapUrl: e.data.IMAP_URL,
            smtpUrl: e.data.SMTP_URL,
            mailFrom: e.data.MAIL_FROM,
            moveTo: e.data.EMAIL_MOVE_TO,
            autoAck: e.data.EMAIL_AUTO_ACK,
          },
        ]
      : []),
    ...(listed.data ?? []),
  ];
  if (raw.length === 0) return null;
  const names = new Set<string>();
  const mailboxes = raw.map((m): MailboxConfig => {
    if (names.has(m.name)) throw new Error(`e-mail mailbox "${m.name}" is configured twice`);
    names.add(m.name);
    let imap: ImapTarget | undefined;
    if (m.imapUrl) {
      try {
        imap = parseImapUrl(m.imapUrl);
      } catch (err) {
        throw new Error(`e-mail mailbox "${m.name}": IMAP URL ${(err as Error).message}`);
      }
    }
    if (m.smtpUrl && !m.mailFrom)
      throw new Error(`e-mail mailbox "${m.name}": SMTP needs MAIL_FROM (mailFrom) as the sender`);
    return {
      name: m.name,
      ...(imap && { imap }),
      ...(m.smtpUrl && { smtpUrl: m.smtpUrl }),
      ...(m.mailFrom && { from: m.mailFrom }),
      ...(m.moveTo && { moveTo: m.moveTo }),
      autoAck: m.autoAck ?? false,
    };
  });
  return {
    mailboxes,
    maxAttachmentBytes: e.data.EMAIL_MAX_ATTACHMENT_MB * 1024 * 1024,
    maxRawBytes: e.data.EMAIL_MAX_RAW_MB * 1024 * 1024,
    fetchBudgetBytes: (e.data.EMAIL_FETCH_BUDGET_MB ?? 2 * e.data.EMAIL_MAX_RAW_MB) * 1024 * 1024,
    resyncMs: e.data.EMAIL_RESYNC_SEC * 1000,
    batchSize: e.data.EMAIL_BATCH_SIZE,
    reconnectMs: e.data.EMAIL_RECONNECT_MS,
    lockTtlMs: e.data.EMAIL_LOCK_TTL_SEC * 1000,
    smtpRecheckMs: e.data.SMTP_RECHECK_MS,
  };
}
