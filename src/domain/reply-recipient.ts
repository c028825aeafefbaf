/**
 * Who a reply goes to. Always one of the case contact's own stored identities: never a From or a
 * Reply-To of a message from another address. A Reply-To (or From) on the contact's latest message
 * picks among the contact's own addresses only. A counselor may name another address seen on the
 * case for one reply (`override`, checked and audited when the reply was written).
 */
export function replyRecipient(input: {
  kind: string;
  /** The case contact's identities, oldest first. */
  identities: { kind: string; value: string }[];
  /** Fields of the contact's latest inbound message on the delivery channel (from, replyTo). */
  lastInbound: Record<string, unknown> | null;
  override: string | null;
}): string | null {
  if (input.override && input.kind === 'email') return input.override;
  const own = input.identities.filter((i) => i.kind === input.kind).map((i) => i.value);
  const said = [input.lastInbound?.replyTo, input.lastInbound?.from]
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.toLowerCase());
  return said.find((v) => own.includes(v)) ?? own[0] ?? null;
}

/** One spelling of an e-mail address, so a counselor's chosen `to` compares with addressesSeen. */
export const normaliseAddress = (a: string) => a.trim().toLowerCase();

/**
 * The e-mail addresses seen on a case, normalised, each once: the contact's own first (oldest
 * first), then From and Reply-To of the case's inbound mail in the order given. The only addresses
 * a counselor may pick for one reply: the server checks a chosen `to` against them, the composer
 * offers them.
 */
export function addressesSeen(
  identities: { kind: string; value: string }[],
  mailFields: (Record<string, unknown> | null | undefined)[],
): string[] {
  const all = [
    ...identities.filter((i) => i.kind === 'email').map((i) => i.value),
    ...mailFields.flatMap((f) => [f?.from, f?.replyTo]),
  ];
  const addresses = all.filter((a): a is string => typeof a === 'string' && a.includes('@')).map(normaliseAddress);
  return [...new Set(addresses)];
}
