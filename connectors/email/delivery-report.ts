import type { Attachment, ParsedMail } from 'mailparser';
import { headerValues, messageIds } from './mail-headers.ts';

export interface DeliveryFailure {
  /** Message-ID of our message that could not be delivered. */
  originalMessageId: string;
  recipient?: string;
  status?: string;
  diagnostic?: string;
}

const isReport = (mail: ParsedMail) => {
  const ct = headerValues(mail.headerLines, 'content-type')[0] ?? '';
  return /multipart\/report/i.test(ct) && /report-type\s*=\s*"?delivery-status/i.test(ct);
};

const fromDaemon = (mail: ParsedMail) =>
  (mail.from?.value ?? []).some((a) => /^(mailer-daemon|postmaster)@/i.test(a.address ?? '')) ||
  /^(mailer-daemon|postmaster)\b/i.test(mail.from?.text ?? '');

/** "Name: value" fields of a delivery-status body, last one of each name wins per block. */
function dsnFields(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  // Header-style folding: continuation lines start with white space.
  for (const line of text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) out[m[1].toLowerCase()] = m[2].trim();
  }
  return out;
}

function originalIdFrom(att: Attachment | undefined): string | undefined {
  if (!att) return undefined;
  const text = att.content.toString('utf8');
  const head = text.split(/\r?\n\r?\n/)[0] ?? '';
  const m = /^message-id:\s*(.+(?:\r?\n[ \t].*)*)/im.exec(head);
  return m?.[1] ? messageIds(m[1])[0] : undefined;
}

/**
 * A delivery-status notification (RFC 3464) or a MAILER-DAEMON bounce: which of our messages
 * failed and why. Null for ordinary mail, and for reports that say the mail was delivered.
 */
export function parseDeliveryFailure(mail: ParsedMail): DeliveryFailure | null {
  const report = isReport(mail);
  if (!report && !fromDaemon(mail)) return null;
  const statusPart = mail.attachments.find((a) => /^message\/(global-)?delivery-status$/i.test(a.contentType));
  const fields = statusPart ? dsnFields(statusPart.content.toString('utf8')) : {};
  if (fields.action && !/failed/i.test(fields.action)) return null;
  const original =
    originalIdFrom(
      mail.attachments.find((a) => /^(message\/rfc822|text\/rfc822-headers|message\/global)$/i.test(a.contentType)),
    ) ??
    messageIds(fields['original-message-id'])[0] ??
    // Plain-text bounces quote the original headers in the body.
    messageIds(/^message-id:\s*(\S+)/im.exec(mail.text ?? '')?.[1])[0] ??
    messageIds(mail.inReplyTo)[0];
  if (!original) return null;
  return {
    originalMessageId: original,
    ...(fields['final-recipient'] && { recipient: fields['final-recipient'].replace(/^rfc822;\s*/i, '') }),
    ...(fields.status && { status: fields.status }),
    ...(fields['diagnostic-code'] && { diagnostic: fields['diagnostic-code'].replace(/^smtp;\s*/i, '') }),
  };
}
