import type { Db } from '../../src/store/db.ts';
import { cases, contactIdentities, contacts, messages } from '../../src/store/schema/index.ts';

/*
 * Contacts, cases and messages written straight into the store, as they would stand after their
 * channels delivered them (the tests of people and merges are about what comes after).
 */

let seq = 0;
/** A reference of a year the sequence never reaches in these tests, unique per call. */
const nextReference = () => `KC-2019-${String(900_000 + ++seq).padStart(6, '0')}`;

export async function seedContact(
  db: Db,
  displayName: string | null,
  identities: { kind: string; value: string; displayName?: string }[],
): Promise<{ id: string; identityIds: string[] }> {
  const now = new Date();
  const [c] = await db.insert(contacts).values({ displayName, createdAt: now, updatedAt: now }).returning();
  if (!c) throw new Error('no contact');
  const ids: string[] = [];
  for (const i of identities) {
    const [row] = await db
      .insert(contactIdentities)
      .values({ contactId: c.id, kind: i.kind, value: i.value, displayName: i.displayName ?? null, createdAt: now })
      .returning({ id: contactIdentities.id });
    if (row) ids.push(row.id);
  }
  return { id: c.id, identityIds: ids };
}

export async function seedCase(
  db: Db,
  opts: {
    contactId: string | null;
    channel: string;
    texts?: string[];
    status?: 'new' | 'open' | 'waiting' | 'referred' | 'closed';
    priority?: 'urgent' | 'high' | 'normal' | 'low';
    category?: string | null;
    at?: Date;
  },
): Promise<{ id: string; reference: string; messageIds: string[] }> {
  const at = opts.at ?? new Date();
  const reference = nextReference();
  const texts = opts.texts ?? [];
  const [c] = await db
    .insert(cases)
    .values({
      reference,
      kind: 'conversation',
      status: opts.status ?? 'open',
      priority: opts.priority ?? 'normal',
      category: opts.category ?? null,
      channel: opts.channel,
      contactId: opts.contactId,
      anonymous: false,
      consent: true,
      preview: texts.at(-1) ?? '',
      messageCount: texts.length,
      createdAt: at,
      updatedAt: at,
      lastActivityAt: at,
      closedAt: opts.status === 'closed' ? at : null,
    })
    .returning({ id: cases.id });
  if (!c) throw new Error('no case');
  const messageIds: string[] = [];
  for (const [i, text] of texts.entries()) {
    const [m] = await db
      .insert(messages)
      .values({
        caseId: c.id,
        direction: 'inbound',
        channel: opts.channel,
        externalId: `seed-${reference}-${i}`,
        text,
        createdAt: new Date(at.getTime() + i * 1000),
        receivedAt: new Date(at.getTime() + i * 1000),
      })
      .returning({ id: messages.id });
    if (m) messageIds.push(m.id);
  }
  return { id: c.id, reference, messageIds };
}
