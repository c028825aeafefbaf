import { simpleParser } from 'mailparser';
import type { InboundEnvelope } from '../contract.ts';
import { addresses, autoReplySignals, messageIds, plainAddresses, sensibleDate } from './mail-headers.ts';
import { syntheticMessageId } from './mail-to-envelope.ts';

export interface WithheldMailOptions {
  mailbox: string;
  /** RFC822.SIZE the server reported. */
  size: number;
  /** The message text the counselors read in place of the mail (says why and where the original is). */
  notice: string;
  receivedAt: Date;
}

/**
 * A mail too large to download becomes a message of its own from its header section alone: the
 * sender, subject, date and Message-ID are kept (so it threads and stays exactly-once), its body
 * and attachments stay on the mail server. The Message-ID comes from the headers, so fetching the
 * same headers again yields the same message.
 */
export async function withheldMailToEnvelope(headers: Buffer, o: WithheldMailOptions): Promise<InboundEnvelope> {
  // The header section alone parses as a mail with an empty body. Headers that cannot be read still
  // make a message (from the bytes' hash): a throw here would stop the mailbox at this mail for good.
  const mail = await simpleParser(Buffer.concat([headers, Buffer.from('\r\n')]), { skipTextToHtml: true }).catch(() =>
    simpleParser(Buffer.from('\r\n')),
  );
  const messageId = messageIds(mail.messageId)[0] ?? syntheticMessageId(headers);
  const from = addresses(mail.from).find((v) => v.address);
  const replyTo = plainAddresses(mail.replyTo)[0];
  const autoReply = autoReplySignals(mail.headerLines);
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : undefined;
  const references = [...messageIds(mail.inReplyTo), ...messageIds(mail.references)];
  return {
    channel: 'email',
    externalId: messageId,
    receivedAt: o.receivedAt.toISOString(),
    occurredAt: sensibleDate(date, o.receivedAt).toISOString(),
    ...(from?.address && {
      sender: {
        kind: 'email' as const,
        value: from.address.toLowerCase(),
        ...(from.name && { displayName: from.name }),
      },
    }),
    thread: {
      newCase: { kind: 'conversation', anonymous: !from?.address, consent: !!from?.address && !autoReply.length },
      replyTo: references,
      // Same rule as a mail read whole: a quoted reference or References header joins a case only
      // when the sender is that case's contact (a big mail must not be a way around it).
      senderAsserted: true,
    },
    message: {
      text: o.notice,
      ...(mail.subject !== undefined && { subject: mail.subject }),
      fields: {
        mailbox: o.mailbox,
        from: from?.address?.toLowerCase() ?? null,
        fromName: from?.name || null,
        to: plainAddresses(mail.to),
        cc: plainAddresses(mail.cc),
        ...(replyTo && { replyTo }),
        messageId,
        rawWithheld: 'too_large',
        size: o.size,
        ...(date && { date: date.toISOString() }),
        ...(autoReply.length && { autoReply }),
      },
      attachments: [],
      flags: ['too_large', ...(autoReply.length ? ['auto_reply'] : [])],
    },
  };
}
