import { type ParsedMail, simpleParser } from 'mailparser';
import type { AttachmentMeta, InboundEnvelope, MessageUpdate } from '../contract.ts';
import { parseDeliveryFailure } from './delivery-report.ts';
import { mailHead, sensibleDate } from './mail-headers.ts';
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

async function parseMail(raw: Buffer): Promise<ParsedMail> {
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
  const head = mailHead(mail, o.mailbox, raw);
  const failure = parseDeliveryFailure(mail);
  const flags = [...(head.autoReply.length ? ['auto_reply'] : []), ...(failure ? ['bounce'] : [])];

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

  return {
    channel: 'email',
    externalId: head.messageId,
    receivedAt: o.receivedAt.toISOString(),
    occurredAt: sensibleDate(mail.date, o.receivedAt).toISOString(),
    // A bounce comes from the mail system, not from a person: it gets no contact of its own.
    ...(head.sender && !failure && { sender: head.sender }),
    thread: {
      newCase: head.newCase,
      replyTo: failure ? [failure.originalMessageId, ...head.references] : head.references,
      // A subject or a References header proves nothing about who is writing.
      senderAsserted: true,
    },
    message: {
      text,
      ...(html !== undefined && { html }),
      ...(mail.subject !== undefined && { subject: mail.subject }),
      fields: {
        ...head.fields,
        ...(rawKey ? { rawSha256: rawKey } : { rawWithheld: 'too_large' }),
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
