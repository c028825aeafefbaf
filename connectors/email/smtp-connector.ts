import nodemailer, { type Transporter } from 'nodemailer';
import { type Connector, type OutboundReply, PermanentChannelError, type SendResult } from '../contract.ts';

export interface SmtpMailbox {
  /** The mailbox name inbound mail records in fields.mailbox. */
  name: string;
  smtpUrl: string;
  /** "Kontakt centar <bit@example.rs>" */
  from: string;
}

/** A transport from an smtp:// or smtps:// URL, with timeouts so a dead server fails the job, not hangs it. */
export function transportFor(url: string): Transporter {
  const u = new URL(url);
  return nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : u.protocol === 'smtps:' ? 465 : 587,
    secure: u.protocol === 'smtps:',
    ...(u.username && { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }),
    // Plain smtp:// on loopback (tests, a local relay) must not insist on STARTTLS.
    ignoreTLS: u.searchParams.get('tls') === 'off',
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

/** The domain of an address, for our Message-IDs. */
export const domainOf = (from: string) => /@([^>\s]+)/.exec(from)?.[1] ?? 'kontakt.invalid';

/** "Re: Re: [KC-2026-000001] Pitanje" → "Pitanje" */
function baseSubject(subject: string | null): string {
  let s = (subject ?? '').trim();
  for (;;) {
    const next = s
      .replace(/^(re|aw|sv|odg|odgovor|fwd?|tr)\s*(\[\d+\])?\s*:\s*/i, '')
      .replace(/\[KC-\d{4}-\d{6,}\]\s*/g, '')
      .trim();
    if (next === s) return s;
    s = next;
  }
}

function replySubject(subject: string | null, reference: string): string {
  const base = baseSubject(subject);
  return base ? `Re: ${base} [${reference}]` : `[${reference}]`;
}

/** Our Message-ID for a reply: stable per message, so a retried send keeps threading intact. */
const replyMessageId = (messageId: string, from: string) => `<kontakt.${messageId}@${domainOf(from)}>`;

const isMessageId = (id: string) => /^<[^<>\s]+@[^<>\s]+>$/.test(id);

/** 5xx answers and refused recipients will fail again: no retry. */
export function classifySmtpError(err: unknown): Error {
  const e = err as { responseCode?: number; code?: string; message?: string };
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
    return new PermanentChannelError(`smtp ${e.responseCode}: ${e.message ?? 'refused'}`);
  }
  if (e.code === 'EENVELOPE') return new PermanentChannelError(`smtp envelope refused: ${e.message ?? ''}`);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Replies by SMTP with the thread's In-Reply-To/References and the case reference in the subject,
 * from the mailbox the reporter wrote to.
 */
export function createSmtpConnector(
  mailboxes: SmtpMailbox[],
  opts: {
    /** Told after every send: null when it went out, the raw error otherwise (for the mailbox's health). */
    onOutcome?(mailbox: string, err: unknown): void;
  } = {},
): Connector & { close(): void; verify(mailbox: string): Promise<void> } {
  if (mailboxes.length === 0) throw new Error('at least one mailbox with SMTP is needed');
  const transports = new Map<string, Transporter>(mailboxes.map((m) => [m.name, transportFor(m.smtpUrl)]));
  const byName = new Map(mailboxes.map((m) => [m.name, m]));
  const fallback = mailboxes[0] as SmtpMailbox;

  return {
    channel: 'email',
    replyIdentityKinds: ['email'],

    async send(reply: OutboundReply): Promise<SendResult> {
      const fields = reply.lastInbound?.fields ?? {};
      const mailbox = byName.get(String(fields.mailbox ?? '')) ?? fallback;
      const transport = transports.get(mailbox.name) as Transporter;
      // Only the address the core chose: a Reply-To in the last mail is not ours to follow (it may be anyone's).
      const to = reply.to.value;
      const thread = reply.threadExternalIds.filter(isMessageId);
      const lastInbound = reply.lastInbound?.externalId;
      const inReplyTo = lastInbound && isMessageId(lastInbound) ? lastInbound : thread[thread.length - 1];
      const messageId = replyMessageId(reply.messageId, mailbox.from);
      try {
        await transport.sendMail({
          from: mailbox.from,
          to,
          subject: replySubject(reply.subject, reply.caseReference),
          // Files chosen by URL travel as links: nothing is fetched on the reporter's behalf.
          text: reply.attachments.length
            ? `${reply.text}\n\n${reply.attachments.map((a) => `- ${a.url}`).join('\n')}`
            : reply.text,
          messageId,
          ...(inReplyTo && { inReplyTo }),
          ...(thread.length && { references: thread.slice(-20) }),
          headers: {
            'X-Kontakt-Case': reply.caseReference,
            // RFC 3834: an automatic answer says so, and other auto-responders stay quiet.
            ...(reply.automatic && { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' }),
          },
        });
      } catch (err) {
        opts.onOutcome?.(mailbox.name, err);
        throw classifySmtpError(err);
      }
      opts.onOutcome?.(mailbox.name, null);
      return { externalId: messageId };
    },

    async health() {
      const results = await Promise.all(
        [...transports.entries()].map(async ([name, t]) => {
          try {
            await t.verify();
            return null;
          } catch (err) {
            return `${name}: ${(err as Error).message}`;
          }
        }),
      );
      const problems = results.filter((r): r is string => r !== null);
      return problems.length ? { ok: false, detail: problems.join('; ') } : { ok: true };
    },

    /** Connects, greets and signs in without sending anything (nodemailer's verify()). */
    async verify(name: string) {
      const t = transports.get(name);
      if (!t) throw new Error(`no SMTP mailbox "${name}"`);
      await t.verify();
    },

    close() {
      for (const t of transports.values()) t.close();
    },
  };
}
