import { createHash } from 'node:crypto';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { AttachmentMeta, InboundEnvelope, MessageUpdate } from '../contract.ts';
import { parseDeliveryFailure } from './delivery-report.ts';
import { addresses, autoReplySignals, messageIds, plainAddresses, sensibleDate } from './mail-headers.ts';
import { sanitizeMailHtml } from './sanitize-mail-html.ts';

export interface MailToEnvelopeOptions {
  /** Name of the mailbox it was fetched from (which address the reporter wrote to). */
  mailbox: string;
  /** Attachments larger than this are recorded as withheld, not stored. */
  maxAttachmentBytes: number;
  /** Raw sources larger than this are not kept (their headers are). */
  maxRawBytes: number;
  /** Durable quarantine storage; returns the sha256 key. */
  store(bytes: Buffer, contentType: string): Promise<string>;
  receivedAt: Date;
}

/**
 * Mail without a Message-ID gets an id derived from its bytes: the same message fetched again
 * (reconnect, resync, restart) gets the same id and so stays one message.
 */
export const syntheticMessageId = (raw: Buffer) =>
  `<sha256.${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@kontakt.invalid>`;

export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw, {
    keepCidLinks: true,
    keepDeliveryStatus: true,
    checksumAlgo: 'sha256',
    skipImageLinks: true,
    maxHtmlLengthToParse: 5_000_000,
  });
}

/** Turn one fetched message into the envelope the pipeline applies; attachments go to quarantine first. */
export async function mailToEnvelope(raw: Buffer, o: MailToEnvelopeOptions): Promise<InboundEnvelope> {
  const mail = await parseMail(raw);
  const messageId = messageIds(mail.messageId)[0] ?? syntheticMessageId(raw);
  const from = addresses(mail.from).find((v) => v.address);
  const replyTo = plainAddresses(mail.replyTo)[0];
  const autoReply = autoReplySignals(mail.headerLines);
  const failure = parseDeliveryFailure(mail);
  const flags = [...(autoReply.length ? ['auto_reply'] : []), ...(failure ? ['bounce'] : [])];

  const attachments: AttachmentMeta[] = [];
  for (const [i, a] of mail.attachments.entries()) {
    const fileName = a.filename || (a.cid ? `inline-${a.cid}` : `attachment-${i + 1}`);
    const meta = { fileName, contentType: a.contentType || 'application/octet-stream', size: a.size };
    if (a.size > o.maxAttachmentBytes) {
      attachments.push({ ...meta, sha256: a.checksum, withheldReason: 'too_large' });
      continue;
    }
    const key = await o.store(a.content, meta.contentType);
    attachments.push({ ...meta, sha256: key, storageKey: key });
  }
  const rawKey = raw.length <= o.maxRawBytes ? await o.store(raw, 'message/rfc822') : null;

  const html = typeof mail.html === 'string' ? sanitizeMailHtml(mail.html) : undefined;
  const text = mail.text?.trim() ? mail.text : html ? htmlToText(html) : '';
  const effects: MessageUpdate[] = failure
    ? [
        {
          kind: 'delivery',
          target: failure.originalMessageId,
          status: 'failed',
          error: [failure.status, failure.diagnostic].filter(Boolean).join(' ') || 'delivery failed',
          at: o.receivedAt.toISOString(),
        },
      ]
    : [];
  const references = [...messageIds(mail.inReplyTo), ...messageIds(mail.references)];

  return {
    channel: 'email',
    externalId: messageId,
    receivedAt: o.receivedAt.toISOString(),
    occurredAt: sensibleDate(mail.date, o.receivedAt).toISOString(),
    // A bounce comes from the mail system, not from a person: it gets no contact of its own.
    ...(from?.address &&
      !failure && {
        sender: {
          kind: 'email' as const,
          value: from.address.toLowerCase(),
          ...(from.name && { displayName: from.name }),
        },
      }),
    thread: {
      newCase: { kind: 'conversation', anonymous: !from?.address, consent: !!from?.address && !autoReply.length },
      replyTo: failure ? [failure.originalMessageId, ...references] : references,
      // A subject or a References header proves nothing about who is writing.
      senderAsserted: true,
    },
    message: {
      text,
      ...(html !== undefined && { html }),
      ...(mail.subject !== undefined && { subject: mail.subject }),
      fields: {
        mailbox: o.mailbox,
        from: from?.address?.toLowerCase() ?? null,
        fromName: from?.name || null,
        to: plainAddresses(mail.to),
        cc: plainAddresses(mail.cc),
        ...(replyTo && { replyTo }),
        messageId,
        ...(rawKey ? { rawSha256: rawKey } : { rawWithheld: 'too_large' }),
        ...(autoReply.length && { autoReply }),
        ...(failure && { deliveryFailure: failure }),
      },
      attachments,
      ...(flags.length && { flags }),
    },
    ...(effects.length && { effects }),
  };
}

/** Enough text for the list preview and search when a mail has only HTML. */
function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
