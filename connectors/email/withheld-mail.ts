import { simpleParser } from 'mailparser';
import type { InboundEnvelope } from '../contract.ts';
import { mailHead, sensibleDate } from './mail-headers.ts';
import type { MailToEnvelopeOptions } from './mail-to-envelope.ts';

export interface WithheldMailOptions {
  mailbox: string;
  /** RFC822.SIZE the server reported. */
  size: number;
  /** The message text the counselors read in place of the mail (says why and where the original is). */
  notice: string;
  receivedAt: Date;
  /** Durable quarantine storage, as for a mail read whole; returns the sha256 key. */
  store: MailToEnvelopeOptions['store'];
}

/**
 * A mail too large to download becomes a message of its own from its header section alone: the
 * sender, subject, date and Message-ID are kept (so it threads and stays exactly-once), its body
 * and attachments stay on the mail server. The header section itself is kept as a file: its
 * Received chain and authentication results are evidence. The Message-ID comes from the headers,
 * so fetching the same headers again yields the same message.
 */
export async function withheldMailToEnvelope(headers: Buffer, o: WithheldMailOptions): Promise<InboundEnvelope> {
  // The header section alone parses as a mail with an empty body. Headers that cannot be read still
  // make a message (from the bytes' hash): a throw here would stop the mailbox at this mail for good.
  const mail = await simpleParser(Buffer.concat([headers, Buffer.from('\r\n')]), { skipTextToHtml: true }).catch(() =>
    simpleParser(Buffer.from('\r\n')),
  );
  const head = mailHead(mail, o.mailbox, headers);
  const headersKey = await o.store(headers, 'text/rfc822-headers');
  return {
    channel: 'email',
    externalId: head.messageId,
    receivedAt: o.receivedAt.toISOString(),
    occurredAt: sensibleDate(mail.date, o.receivedAt).toISOString(),
    ...(head.sender && { sender: head.sender }),
    thread: {
      newCase: head.newCase,
      replyTo: head.references,
      // Same rule as a mail read whole: a quoted reference or References header joins a case only
      // when the sender is that case's contact (a big mail must not be a way around it).
      senderAsserted: true,
    },
    message: {
      text: o.notice,
      ...(mail.subject !== undefined && { subject: mail.subject }),
      fields: { ...head.fields, rawWithheld: 'too_large', headersSha256: headersKey, size: o.size },
      attachments: [],
      flags: ['too_large', ...(head.autoReply.length ? ['auto_reply'] : [])],
    },
  };
}
