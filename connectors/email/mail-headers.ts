import { createHash } from 'node:crypto';
import type { AddressObject, HeaderLines, ParsedMail } from 'mailparser';
import type { NewCaseHints, SenderIdentity } from '../contract.ts';

/** The raw header value(s) by name, as sent (mailparser's decoded map loses some of them). */
export function headerValues(lines: HeaderLines, name: string): string[] {
  const key = name.toLowerCase();
  return lines.filter((l) => l.key === key).map((l) => l.line.slice(l.line.indexOf(':') + 1).trim());
}

/**
 * Mail a machine sent: never to be answered automatically (RFC 3834 and common practice).
 * Returns the reasons found, empty for a person's mail.
 */
function autoReplySignals(lines: HeaderLines): string[] {
  const reasons: string[] = [];
  const first = (n: string) => headerValues(lines, n)[0]?.toLowerCase();
  const autoSubmitted = first('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') reasons.push(`auto-submitted:${autoSubmitted}`);
  if (headerValues(lines, 'x-autoreply').length) reasons.push('x-autoreply');
  if (headerValues(lines, 'x-autorespond').length) reasons.push('x-autorespond');
  if (
    headerValues(lines, 'x-auto-response-suppress').some((v) => /all|autoreply/i.test(v)) &&
    first('x-ms-exchange-generated-message-source')
  ) {
    reasons.push('exchange-generated');
  }
  const precedence = first('precedence');
  if (precedence && /^(bulk|junk|list|auto_reply)$/.test(precedence)) reasons.push(`precedence:${precedence}`);
  if (headerValues(lines, 'x-loop').length) reasons.push('x-loop');
  if (headerValues(lines, 'list-id').length) reasons.push('list-id');
  if (headerValues(lines, 'list-unsubscribe').length) reasons.push('list-unsubscribe');
  return reasons;
}

/** Message-IDs in a header value: "<a@b> <c@d>" or a bare "a@b". */
export function messageIds(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const ids = text.match(/<[^<>\s]+>/g);
  if (ids) return ids;
  const bare = text.trim();
  return bare.includes('@') && !/\s/.test(bare) ? [`<${bare}>`] : [];
}

/** Every address in a header, groups opened. */
const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value).flatMap((v) => (v.group ? v.group : [v]));

/** The header's plain addresses, lower case. */
const plainAddresses = (a: AddressObject | AddressObject[] | undefined) =>
  addresses(a)
    .map((v) => v.address?.toLowerCase())
    .filter((x): x is string => !!x);

/** A date header in the future or before e-mail existed is noise: fall back to reception time. */
export function sensibleDate(d: Date | undefined, receivedAt: Date): Date {
  if (!d || Number.isNaN(d.getTime())) return receivedAt;
  if (d.getTime() > receivedAt.getTime() + 24 * 3_600_000 || d.getUTCFullYear() < 1990) return receivedAt;
  return d;
}

/**
 * Mail without a Message-ID gets an id derived from its bytes: the same message fetched again
 * (reconnect, resync, restart) gets the same id and so stays one message.
 */
export const syntheticMessageId = (bytes: Buffer) =>
  `<sha256.${createHash('sha256').update(bytes).digest('hex').slice(0, 40)}@kontakt.invalid>`;

/** What a mail's header section says, the same whether the mail was read whole or withheld. */
export interface MailHead {
  messageId: string;
  /** The From address as an identity; absent when From names no address. */
  sender?: SenderIdentity;
  /** Why a machine sent it (see autoReplySignals); empty for a person's mail. */
  autoReply: string[];
  /** In-Reply-To, then References. */
  references: string[];
  newCase: NewCaseHints;
  /** The message fields both kinds of mail keep: mailbox, From, To, Cc, Reply-To, Message-ID, auto-reply. */
  fields: Record<string, unknown>;
}

/** `bytes`: what the mail was parsed from, for the id of a mail that has no Message-ID. */
export function mailHead(mail: ParsedMail, mailbox: string, bytes: Buffer): MailHead {
  const messageId = messageIds(mail.messageId)[0] ?? syntheticMessageId(bytes);
  const from = addresses(mail.from).find((v) => v.address);
  const address = from?.address?.toLowerCase();
  const replyTo = plainAddresses(mail.replyTo)[0];
  const autoReply = autoReplySignals(mail.headerLines);
  return {
    messageId,
    ...(address && {
      sender: { kind: 'email' as const, value: address, ...(from?.name && { displayName: from.name }) },
    }),
    autoReply,
    references: [...messageIds(mail.inReplyTo), ...messageIds(mail.references)],
    newCase: { kind: 'conversation', anonymous: !address, consent: !!address && !autoReply.length },
    fields: {
      mailbox,
      from: address ?? null,
      fromName: from?.name || null,
      to: plainAddresses(mail.to),
      cc: plainAddresses(mail.cc),
      ...(replyTo && { replyTo }),
      messageId,
      ...(autoReply.length && { autoReply }),
    },
  };
}
