import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/store/db.ts';
import {
  attachments,
  cases,
  caseTags,
  contactIdentities,
  contacts,
  institutions,
  knownHashMatches,
  messages,
  referrals,
} from '../../src/store/schema/index.ts';

export interface SeedCase {
  reference: string;
  channel?: string;
  status?: 'new' | 'open' | 'waiting' | 'referred' | 'closed';
  priority?: 'urgent' | 'high' | 'normal' | 'low';
  category?: string | null;
  assigneeId?: string | null;
  reporterRole?: string | null;
  ageGroup?: string | null;
  subject?: string | null;
  createdAt?: Date;
  /** Minutes after createdAt of the last activity (orders "newest"). */
  activeAfterMin?: number;
  contact?: { name: string | null; identities?: { kind: string; value: string; displayName?: string }[] };
  messages?: {
    text: string;
    direction?: 'inbound' | 'outbound' | 'note';
    subject?: string;
    fields?: Record<string, unknown>;
    /** A file; `known`: on the known-hash list (abuse material). */
    file?: { name: string; known?: boolean };
  }[];
  tags?: string[];
  referredTo?: string;
}

let counter = 0;

/** Cases written straight into the store, as ingest would leave them (the search columns are PostgreSQL's). */
export async function seedCase(db: Db, c: SeedCase): Promise<string> {
  counter++;
  const created = c.createdAt ?? new Date('2026-03-01T10:00:00Z');
  const channel = c.channel ?? 'email';
  let contactId: string | null = null;
  if (c.contact) {
    const [row] = await db
      .insert(contacts)
      .values({ displayName: c.contact.name, createdAt: created, updatedAt: created })
      .returning({ id: contacts.id });
    contactId = row?.id ?? null;
    for (const i of c.contact.identities ?? [])
      await db.insert(contactIdentities).values({
        contactId: contactId as string,
        kind: i.kind,
        value: i.value,
        displayName: i.displayName ?? null,
        createdAt: created,
      });
  }
  const [kase] = await db
    .insert(cases)
    .values({
      reference: c.reference,
      kind: 'conversation',
      status: c.status ?? 'open',
      priority: c.priority ?? 'normal',
      category: c.category ?? null,
      assigneeId: c.assigneeId ?? null,
      channel,
      contactId,
      anonymous: contactId === null,
      consent: true,
      reporterRole: c.reporterRole ?? null,
      ageGroup: c.ageGroup ?? null,
      subject: c.subject ?? null,
      preview: c.messages?.[0]?.text.slice(0, 160) ?? '',
      messageCount: c.messages?.length ?? 0,
      createdAt: created,
      updatedAt: created,
      lastActivityAt: new Date(created.getTime() + (c.activeAfterMin ?? 0) * 60_000),
    })
    .returning({ id: cases.id });
  const caseId = kase?.id as string;
  let i = 0;
  for (const m of c.messages ?? []) {
    i++;
    const direction = m.direction ?? 'inbound';
    const [msg] = await db
      .insert(messages)
      .values({
        caseId,
        direction,
        channel: direction === 'note' ? 'internal' : channel,
        externalId: direction === 'note' ? null : `seed-${counter}-${i}-${randomUUID()}`,
        text: m.text,
        subject: m.subject ?? null,
        fields: m.fields ?? null,
        createdAt: new Date(created.getTime() + i * 1000),
        receivedAt: new Date(created.getTime() + i * 1000),
      })
      .returning({ id: messages.id });
    if (m.file) {
      const sha256 = randomUUID().replace(/-/g, '').padEnd(64, '0');
      const [a] = await db
        .insert(attachments)
        .values({
          messageId: msg?.id as string,
          fileName: m.file.name,
          contentType: 'image/png',
          size: 10,
          sha256,
          createdAt: created,
        })
        .returning({ id: attachments.id });
      if (m.file.known)
        await db
          .insert(knownHashMatches)
          .values({ attachmentId: a?.id as string, caseId, sha256, listEntry: 'test:1', matchedAt: created });
    }
  }
  for (const tag of c.tags ?? []) await db.insert(caseTags).values({ caseId, tag, createdAt: created });
  if (c.referredTo) {
    await db
      .insert(institutions)
      .values({
        code: c.referredTo,
        nameSrLatn: c.referredTo,
        nameSrCyrl: c.referredTo,
        nameEn: c.referredTo,
        email: `${c.referredTo}@test.kontakt`,
        createdAt: created,
        updatedAt: created,
      })
      .onConflictDoNothing();
    await db.insert(referrals).values({
      caseId,
      institution: c.referredTo,
      status: 'sent',
      summary: 'upućeno',
      createdAt: created,
      updatedAt: created,
    });
  }
  return caseId;
}
