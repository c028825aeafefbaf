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

/** Where a counselor may send one reply instead: addresses seen on the case, normalised. */
export const normaliseAddress = (a: string) => a.trim().toLowerCase();
