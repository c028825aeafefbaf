import { describe, expect, it } from 'vitest';
import { addressesSeen, replyRecipient } from '../../src/domain/reply-recipient.ts';
import type { CaseDetail, MessageView } from '../../src/inbox/contract.ts';
import { replyRecipientChoices } from '../../web-inbox/src/reply-recipients.ts';

const own = [
  { kind: 'email', value: 'dete@example.rs' },
  { kind: 'phone', value: '+381641234567' },
  { kind: 'email', value: 'dete.drugo@example.rs' },
];

describe('who a reply goes to', () => {
  it("is the contact's first address when their last mail names no other of theirs", () => {
    expect(replyRecipient({ kind: 'email', identities: own, lastInbound: null, override: null })).toBe(
      'dete@example.rs',
    );
  });

  it('follows Reply-To or From only when it is one of the contact’s own addresses', () => {
    const pick = (fields: Record<string, unknown>) =>
      replyRecipient({ kind: 'email', identities: own, lastInbound: fields, override: null });
    expect(pick({ from: 'dete@example.rs', replyTo: 'Dete.Drugo@example.rs' })).toBe('dete.drugo@example.rs');
    expect(pick({ from: 'dete.drugo@example.rs', replyTo: 'evil@example.com' })).toBe('dete.drugo@example.rs');
    expect(pick({ from: 'stranger@example.com', replyTo: 'evil@example.com' })).toBe('dete@example.rs');
  });

  it('takes a counselor’s one-reply choice for e-mail only, and has nobody to write to without an identity', () => {
    expect(replyRecipient({ kind: 'email', identities: own, lastInbound: null, override: 'mama@example.rs' })).toBe(
      'mama@example.rs',
    );
    expect(replyRecipient({ kind: 'phone', identities: own, lastInbound: null, override: 'mama@example.rs' })).toBe(
      '+381641234567',
    );
    expect(
      replyRecipient({ kind: 'email', identities: [], lastInbound: { from: 'x@example.rs' }, override: null }),
    ).toBe(null);
  });
});

describe("the composer's address choice", () => {
  const message = (fields: Record<string, unknown>): MessageView =>
    ({ direction: 'inbound', channel: 'email', fields }) as unknown as MessageView;

  it("offers the contact's own address first, then the other addresses seen on the case's mail", () => {
    const d = {
      contact: { id: 'c', displayName: null, identities: own },
      messages: [
        message({ from: 'dete@example.rs' }),
        message({ from: 'dete.drugo@example.rs', replyTo: 'Mama@example.rs' }),
      ],
    } as unknown as CaseDetail;
    expect(replyRecipientChoices(d)).toEqual(['dete.drugo@example.rs', 'dete@example.rs', 'mama@example.rs']);
  });

  it('offers nothing to choose on a case with no e-mail', () => {
    const d = { contact: null, messages: [] } as unknown as CaseDetail;
    expect(replyRecipientChoices(d)).toEqual([]);
  });
});

describe('the addresses seen on a case (the server checks a chosen `to` against them, the composer offers them)', () => {
  it("are the contact's e-mail addresses, then From and Reply-To of its mail, normalised, each once", () => {
    const fields = [
      { from: ' Dete@Example.rs ', replyTo: 'Mama@example.rs' },
      { from: 'undisclosed-recipients' },
      null,
    ];
    expect(addressesSeen(own, [...fields, { replyTo: 42 }])).toEqual([
      'dete@example.rs',
      'dete.drugo@example.rs',
      'mama@example.rs',
    ]);
    expect(addressesSeen([], [])).toEqual([]);
  });
});
