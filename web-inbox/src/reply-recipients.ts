import { addressesSeen, replyRecipient } from '../../src/domain/reply-recipient.ts';
import type { CaseDetail } from '../../src/inbox/contract.ts';

/**
 * The addresses the composer offers for a reply: first where it goes by itself (the contact's own
 * address, by the server's rule), then the other addresses seen on the case's mail, which the
 * server accepts for one reply. One entry, or none: there is nothing to choose.
 */
export function replyRecipientChoices(d: CaseDetail): string[] {
  const identities = d.contact?.identities ?? [];
  const mail = d.messages.filter((m) => m.direction === 'inbound' && m.channel === 'email');
  const last = mail[mail.length - 1];
  const own = replyRecipient({ kind: 'email', identities, lastInbound: last?.fields ?? null, override: null });
  const seen = addressesSeen(
    identities,
    mail.map((m) => m.fields),
  );
  return [...new Set([...(own ? [own] : []), ...seen])];
}
