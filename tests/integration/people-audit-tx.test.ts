import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/case.service.ts';
import { createCaseMergeService } from '../../src/domain/case-merge.service.ts';
import { createPeopleService } from '../../src/domain/people.service.ts';
import type { DomainEvent } from '../../src/domain/views.ts';
import { createAuditRepository } from '../../src/store/audit.repository.ts';
import { createCaseMergeRepository } from '../../src/store/case-merge.repository.ts';
import type { Store } from '../../src/store/db.ts';
import { createPeopleRepository } from '../../src/store/people.repository.ts';
import { auditLog, cases, contacts, messages, personNotes } from '../../src/store/schema/index.ts';
import { createUserRepository } from '../../src/store/user.repository.ts';
import { seedCase, seedContact } from '../helpers/people-seed.ts';
import { openTestStore } from '../helpers/services.ts';

/*
 * A link, a note, a merge and a move commit with their audit entries or not at all: an entry the
 * store refuses (an address with a NUL byte, which PostgreSQL text cannot hold) takes the change
 * down with it, and nothing is announced.
 */
describe.each(['pglite', 'postgres'] as const)('people and merges audited in their transaction (%s)', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let counselor: Actor;
  const published: DomainEvent[] = [];
  const publisher = { publish: async (events: DomainEvent[]) => void published.push(...events) };
  const unrecordable = (): Actor => ({ ...counselor, ip: 'bad\u0000ip' });
  const people = () =>
    createPeopleService({ store: createPeopleRepository(store.db), audit: createAuditRepository(store.db), publisher });
  const merges = () =>
    createCaseMergeService({
      store: createCaseMergeRepository(store.db),
      audit: createAuditRepository(store.db),
      publisher,
    });
  const actions = async () => (await store.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(engine));
    const user = await createUserRepository(store.db).create({
      email: 'savetnica@test.rs',
      name: 'Savetnica',
      role: 'counselor',
      passwordHash: 'x',
      now: new Date(),
    });
    counselor = { id: user.id, role: 'counselor', ip: '192.0.2.7' };
  });
  afterAll(async () => dispose());

  it('a link or a note whose audit entry fails is not made', async () => {
    const a = await seedContact(store.db, 'A', [{ kind: 'email', value: 'a@example.rs' }]);
    const b = await seedContact(store.db, 'B', [{ kind: 'phone', value: '+381641112222' }]);
    await expect(people().link(unrecordable(), a.id, b.id, 'isti')).rejects.toThrow();
    await expect(people().addNote(unrecordable(), a.id, 'beleška')).rejects.toThrow();
    const rows = await store.db
      .select({ personId: contacts.personId })
      .from(contacts)
      .where(inArray(contacts.id, [a.id, b.id]));
    expect(rows).toEqual([{ personId: null }, { personId: null }]);
    expect(await store.db.select().from(personNotes)).toEqual([]);
    expect(await actions()).toEqual([]);
    expect(published).toEqual([]);

    await people().link(counselor, a.id, b.id, 'isti');
    expect((await actions()).sort()).toEqual(['contact.link', 'contact.link']);
  });

  it('a merge or a move whose audit entry fails changes nothing', async () => {
    published.length = 0;
    const from = await seedCase(store.db, { contactId: null, channel: 'email', texts: ['jedna', 'druga'] });
    const into = await seedCase(store.db, { contactId: null, channel: 'email', texts: ['treća'] });
    await expect(merges().merge(unrecordable(), from.id, into.id)).rejects.toThrow();
    await expect(merges().moveMessage(unrecordable(), from.messageIds[0] as string, into.id)).rejects.toThrow();
    const left = await store.db.select({ id: messages.id }).from(messages).where(eq(messages.caseId, from.id));
    expect(left).toHaveLength(2);
    const [c] = await store.db.select({ mergedIntoId: cases.mergedIntoId }).from(cases).where(eq(cases.id, from.id));
    expect(c?.mergedIntoId).toBeNull();
    expect(published).toEqual([]);

    await merges().merge(counselor, from.id, into.id);
    expect(await actions()).toEqual(expect.arrayContaining(['case.merge', 'case.absorb']));
    expect(published.map((e) => e.type)).toContain('case:merged');
  });
});
