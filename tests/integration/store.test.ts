import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEnvelope } from '../../connectors/contract.ts';
import { applyEnvelope } from '../../src/domain/ingest.service.ts';
import { createCaseRepository } from '../../src/store/case.repository.ts';
import type { Store } from '../../src/store/db.ts';
import { createInboundEventRepository } from '../../src/store/inbound-event.repository.ts';
import { createBatchIngest, createIngestUnitOfWork } from '../../src/store/ingest.repository.ts';
import { prefetchBatch } from '../../src/store/ingest-prefetch.ts';
import { cases as casesTable, contactIdentities, contacts, messages } from '../../src/store/schema/index.ts';
import { openTestStore } from '../helpers/services.ts';

const SERBIAN = 'Ćao, đače! Шта се дешава — Љубав, Његош, џеп, ђак. Č Ć Ž Š Đ č ć ž š đ 👍 e\u0301';

function envelope(externalId: string, over: Partial<InboundEnvelope> = {}): InboundEnvelope {
  return {
    channel: 'email',
    externalId,
    receivedAt: new Date().toISOString(),
    sender: { kind: 'email', value: 'roditelj@example.rs', displayName: 'Roditelj' },
    thread: { senderAsserted: false, newCase: { kind: 'conversation', anonymous: false, consent: true } },
    message: { text: SERBIAN, subject: 'Pitanje' },
    ...over,
  };
}

/** A message from this e-mail sender that joins the sender's open case, if any. */
function joining(externalId: string, value: string, over: Partial<InboundEnvelope> = {}): InboundEnvelope {
  return envelope(externalId, {
    sender: { kind: 'email', value },
    thread: {
      senderAsserted: false,
      newCase: { kind: 'conversation', anonymous: false, consent: true },
      joinOpenCase: true,
    },
    ...over,
  });
}

describe.each(['pglite', 'postgres'] as const)('case store on %s', (engine) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openTestStore(engine);
    store = opened.store;
    cleanup = opened.dispose;
  });
  afterAll(async () => {
    await cleanup();
  });

  const apply = async (env: InboundEnvelope) => {
    const events = createInboundEventRepository(store.db);
    const { id } = await events.record(env, new Date());
    const result = await applyEnvelope(createIngestUnitOfWork(store.db), id, env);
    if (result.outcome === 'updated') throw new Error('a message envelope applied as an update');
    return {
      eventId: id,
      result: { ...result, caseId: result.caseId as string, messageId: result.messageId as string },
    };
  };

  it('applies an envelope once: a replay yields the same single message', async () => {
    const env = envelope('<once@example.rs>');
    const first = await apply(env);
    const again = await apply(env);
    expect(first.result.outcome).toBe('applied');
    expect(again.result.outcome).toBe('duplicate');
    expect(again.result.messageId).toBe(first.result.messageId);
    expect(again.eventId).toBe(first.eventId);
    const rows = await store.db.select().from(messages).where(eq(messages.externalId, '<once@example.rs>'));
    expect(rows).toHaveLength(1);
    expect(first.result.outcome === 'applied' && first.result.events.map((e) => e.type)).toEqual([
      'case:created',
      'message:created',
    ]);
  });

  it('keeps Serbian Latin and Cyrillic text byte for byte', async () => {
    const { result } = await apply(envelope('<bytes@example.rs>'));
    const [row] = await store.db.select().from(messages).where(eq(messages.id, result.messageId));
    expect(Buffer.from(row?.text ?? '', 'utf8').equals(Buffer.from(SERBIAN, 'utf8'))).toBe(true);
  });

  it('applies concurrent deliveries of one envelope as one message', async () => {
    const env = envelope('<race@example.rs>', { sender: { kind: 'email', value: 'race@example.rs' } });
    const events = createInboundEventRepository(store.db);
    const { id } = await events.record(env, new Date());
    const uow = createIngestUnitOfWork(store.db);
    const results = await Promise.all([1, 2, 3, 4].map(() => applyEnvelope(uow, id, env)));
    expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
    expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
    const idents = await store.db
      .select()
      .from(contactIdentities)
      .where(eq(contactIdentities.value, 'race@example.rs'));
    expect(idents).toHaveLength(1);
  });

  it('stores a new sender once, with every identity, when several of its messages arrive at once', async () => {
    const uow = createIngestUnitOfWork(store.db);
    const events = createInboundEventRepository(store.db);
    const sender = { kind: 'email' as const, value: `new-${engine}@example.rs`, displayName: 'Nova Osoba' };
    const phone = { kind: 'phone' as const, value: engine === 'postgres' ? '+381641110001' : '+381641110002' };
    // Four different messages, each its own transaction; the same identity twice in the list.
    const results = await Promise.all(
      [1, 2, 3, 4].map(async (n) => {
        const env = envelope(`<new-${n}@example.rs>`, { sender, extraIdentities: [phone, sender] });
        const { id } = await events.record(env, new Date());
        return applyEnvelope(uow, id, env);
      }),
    );
    expect(results.every((r) => r.outcome === 'applied')).toBe(true);
    const stored = await store.db
      .select()
      .from(contactIdentities)
      .where(inArray(contactIdentities.value, [sender.value, phone.value]));
    expect(stored).toHaveLength(2);
    expect(new Set(stored.map((i) => i.contactId)).size).toBe(1);
    expect(stored.find((i) => i.kind === 'email')?.displayName).toBe('Nova Osoba');
    // Every message's case belongs to that one contact, whichever transaction stored it.
    const own = await store.db
      .select({ contactId: casesTable.contactId })
      .from(casesTable)
      .where(
        inArray(
          casesTable.id,
          results.map((r) => r.caseId as string),
        ),
      );
    expect(own.map((c) => c.contactId)).toEqual(own.map(() => stored[0]?.contactId));
  });

  it('threads a reply into the case of the message it answers, and by quoted reference', async () => {
    const first = await apply(envelope('<t1@example.rs>'));
    const reply = await apply(
      envelope('<t2@example.rs>', {
        thread: {
          senderAsserted: false,
          newCase: { kind: 'conversation', anonymous: false, consent: true },
          replyTo: ['<t1@example.rs>'],
        },
      }),
    );
    expect(reply.result.caseId).toBe(first.result.caseId);
    const cases = createCaseRepository(store.db);
    const { reference } = await cases.summary(first.result.caseId);
    const quoted = await apply(
      envelope('<t3@example.rs>', { message: { text: 'again', subject: `Re: [${reference}] Pitanje` } }),
    );
    expect(quoted.result.caseId).toBe(first.result.caseId);
    const detail = await cases.detail(first.result.caseId);
    expect(detail.messages.map((m) => m.text)).toEqual([SERBIAN, SERBIAN, 'again']);
    expect(detail.messageCount).toBe(3);
  });

  it('links a returning sender to the same contact and a new matter to a new case', async () => {
    const a = await apply(envelope('<c1@example.rs>', { sender: { kind: 'email', value: 'same@example.rs' } }));
    const b = await apply(envelope('<c2@example.rs>', { sender: { kind: 'email', value: 'same@example.rs' } }));
    const cases = createCaseRepository(store.db);
    const [ca, cb] = [await cases.summary(a.result.caseId), await cases.summary(b.result.caseId)];
    expect(ca.id).not.toBe(cb.id);
    expect(ca.contactId).toBe(cb.contactId);
    expect(ca.reference).toMatch(/^KC-\d{4}-\d{6}$/);
    expect(ca.reference).not.toBe(cb.reference);
  });

  it('reopens a closed case on a reply, but opens a new linked case when it was closed long ago', async () => {
    const cases = createCaseRepository(store.db);
    const first = await apply(
      envelope('<reopen-1@example.rs>', { sender: { kind: 'email', value: 'reopen@example.rs' } }),
    );
    await cases.update(first.result.caseId, { status: 'closed', category: 'advice' }, new Date(), () => []);
    const reply = await apply(
      envelope('<reopen-2@example.rs>', {
        thread: {
          senderAsserted: false,
          newCase: { kind: 'conversation', anonymous: false, consent: true },
          replyTo: ['<reopen-1@example.rs>'],
        },
      }),
    );
    expect(reply.result.caseId).toBe(first.result.caseId);
    expect((await cases.summary(first.result.caseId)).status).toBe('open');

    await cases.update(first.result.caseId, { status: 'closed' }, new Date(), () => []);
    await store.db
      .update(casesTable)
      .set({ closedAt: new Date(Date.now() - 90 * 86_400_000) })
      .where(eq(casesTable.id, first.result.caseId));
    const late = await apply(
      envelope('<reopen-3@example.rs>', {
        thread: {
          senderAsserted: false,
          newCase: { kind: 'conversation', anonymous: false, consent: true },
          replyTo: ['<reopen-2@example.rs>'],
        },
      }),
    );
    expect(late.result.caseId).not.toBe(first.result.caseId);
    expect((await cases.summary(first.result.caseId)).status).toBe('closed');
    const [row] = await store.db.select().from(casesTable).where(eq(casesTable.id, late.result.caseId));
    expect(row?.linkedCaseId).toBe(first.result.caseId);
  });

  it('answers the first reads of a message the same with one prefetch as with three statements', async () => {
    const sender = { kind: 'email' as const, value: 'prefetch@example.rs' };
    const joining = (id: string) =>
      envelope(id, {
        sender,
        thread: {
          senderAsserted: false,
          newCase: { kind: 'conversation', anonymous: false, consent: true },
          joinOpenCase: true,
        },
      });
    const first = await apply(joining('<pf-1@example.rs>'));
    const second = await apply(joining('<pf-2@example.rs>'));
    // Prefetched and joined the open case, as the three reads would have.
    expect(second.result.caseId).toBe(first.result.caseId);
    const other = await apply(
      envelope('<pf-other@example.rs>', { sender: { kind: 'email', value: 'pf-b@example.rs' } }),
    );
    const contactOf = async (caseId: string) => (await createCaseRepository(store.db).summary(caseId)).contactId;
    const [contactA, contactB] = [await contactOf(first.result.caseId), await contactOf(other.result.caseId)];

    const uow = createIngestUnitOfWork(store.db);
    // The second identity's contact is first in the list: the contact of the first given identity wins.
    const identities = [
      { kind: 'email' as const, value: 'pf-b@example.rs' },
      sender,
      { kind: 'email' as const, value: 'pf-new@example.rs' },
    ];
    const read = (prefetch: boolean) =>
      uow
        .run(async (tx) => {
          if (prefetch) await tx.prefetch?.('email', '<pf-1@example.rs>', identities);
          const message = await tx.findMessage('email', '<pf-1@example.rs>');
          const missing = await tx.findMessage('email', '<pf-absent@example.rs>');
          const openB = await tx.findOpenCaseOfContact(contactB as string, 'email');
          const openA = await tx.findOpenCaseOfContact(contactA as string, 'email');
          const openOnPhone = await tx.findOpenCaseOfContact(contactA as string, 'phone');
          throw Object.assign(new Error('roll back'), { answers: { message, missing, openB, openA, openOnPhone } });
        })
        .catch((err: { answers?: unknown }) => err.answers);
    const plain = await read(false);
    expect(plain).toEqual(await read(true));
    expect(plain).toMatchObject({
      message: { id: first.result.messageId, caseId: first.result.caseId },
      missing: null,
      openB: { id: other.result.caseId, status: 'new', closedAt: null },
      openA: { id: first.result.caseId },
      openOnPhone: null,
    });

    const resolved = (prefetch: boolean) =>
      uow.run(async (tx) => {
        if (prefetch) await tx.prefetch?.('email', '<pf-x@example.rs>', identities);
        return tx.resolveContact(identities, new Date());
      });
    expect(await resolved(true)).toBe(contactB);
    expect(await resolved(false)).toBe(contactB);
    // Unknown identities resolve to a new contact, also after a prefetch that found none.
    const fresh = [{ kind: 'email' as const, value: `pf-fresh-${engine}@example.rs` }];
    const made = await uow.run(async (tx) => {
      await tx.prefetch?.('email', '<pf-y@example.rs>', fresh);
      return tx.resolveContact(fresh, new Date());
    });
    expect(made).not.toBeNull();
    expect([contactA, contactB]).not.toContain(made);
  });

  it("reads a batch's first reads in one round trip, leaving to a fresh read what an earlier message may change", async () => {
    const a = await apply(joining('<bp-a@example.rs>', 'bp-a@example.rs'));
    const b = await apply(
      joining('<bp-b@example.rs>', 'bp-b1@example.rs', {
        extraIdentities: [{ kind: 'email', value: 'bp-b2@example.rs' }],
      }),
    );
    await createCaseRepository(store.db).update(b.result.caseId, { status: 'closed' }, new Date(), () => []);
    const cases = createCaseRepository(store.db);
    const [contactA, contactB] = [
      (await cases.summary(a.result.caseId)).contactId,
      (await cases.summary(b.result.caseId)).contactId,
    ];
    const id = (value: string) => [{ kind: 'email' as const, value }];
    const keys = [
      { channel: 'email', externalId: '<bp-a@example.rs>', identities: id('bp-a@example.rs') },
      { channel: 'email', externalId: '<bp-n1@example.rs>', identities: id('bp-new@example.rs') },
      { channel: 'email', externalId: '<bp-n2@example.rs>', identities: id('bp-new@example.rs') },
      { channel: 'email', externalId: '<bp-b1@example.rs>', identities: id('bp-b1@example.rs') },
      { channel: 'email', externalId: '<bp-b2@example.rs>', identities: id('bp-b2@example.rs') },
      { channel: 'email', externalId: '<bp-a@example.rs>', identities: id('bp-z@example.rs') },
      { channel: 'web_form', externalId: 'bp-anon', identities: [] },
    ];
    const pre = await prefetchBatch(store.db, keys);
    const take = (i: number) => {
      const k = keys[i] as (typeof keys)[number];
      return pre.take(k.channel, k.externalId, JSON.stringify(k.identities));
    };
    // Stored message, known sender, its open case: as PREFETCH reads them for this message alone.
    expect(take(0)).toMatchObject({
      messageId: a.result.messageId,
      messageCaseId: a.result.caseId,
      contactId: contactA,
      known: [{ contactId: contactA, kind: 'email', value: 'bp-a@example.rs' }],
      openId: a.result.caseId,
    });
    expect(take(1)).toMatchObject({ messageId: null, contactId: null, known: [], openId: null });
    // The same new sender again: the first may create its contact, so it reads afresh.
    expect(take(2)).toBeUndefined();
    expect(take(3)).toMatchObject({ messageId: null, contactId: contactB, openId: null });
    // Another identity of the same contact: the first may open a case for it.
    expect(take(4)).toBeUndefined();
    // The same message again: the first stores it.
    expect(take(5)).toBeUndefined();
    expect(take(6)).toMatchObject({ messageId: null, contactId: null, known: [], openId: null });
    // Each answer serves once.
    expect(take(0)).toBeUndefined();
  });

  it('applies a batch with one prefetch as message by message: one contact and one case per conversation', async () => {
    const b = await apply(
      joining('<bq-b@example.rs>', 'bq-b1@example.rs', {
        extraIdentities: [{ kind: 'email', value: 'bq-b2@example.rs' }],
      }),
    );
    await createCaseRepository(store.db).update(b.result.caseId, { status: 'closed' }, new Date(), () => []);
    const batch = [
      joining('<bq-n1@example.rs>', 'bq-new@example.rs'),
      joining('<bq-n2@example.rs>', 'bq-new@example.rs'),
      joining('<bq-b1@example.rs>', 'bq-b1@example.rs'),
      joining('<bq-b2@example.rs>', 'bq-b2@example.rs'),
      joining('<bq-n1@example.rs>', 'bq-new@example.rs'),
    ];
    const events = createInboundEventRepository(store.db);
    const ids: string[] = [];
    for (const env of batch) ids.push((await events.record(env, new Date())).id);
    const contactsBefore = (await store.db.select({ id: contacts.id }).from(contacts)).length;
    const results = await createBatchIngest(store.db).batch(
      async (uow) => {
        const out = [];
        for (const [i, env] of batch.entries()) out.push(await applyEnvelope(uow, ids[i] as string, env));
        return out;
      },
      {
        savepoints: false,
        prefetch: batch.map((env) => ({
          channel: env.channel,
          externalId: env.externalId,
          identities: [env.sender as { kind: 'email'; value: string }],
        })),
      },
    );
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied', 'applied', 'duplicate']);
    const [n1, n2, b1, b2, again] = results;
    // One new contact for the new sender, its two messages in one case.
    expect((await store.db.select({ id: contacts.id }).from(contacts)).length).toBe(contactsBefore + 1);
    expect(n2?.caseId).toBe(n1?.caseId);
    expect(again?.messageId).toBe(n1?.messageId);
    // The known contact's case was closed: its first message opens a new case, and the second joins it.
    expect(b1?.caseId).not.toBe(b.result.caseId);
    expect(b2?.caseId).toBe(b1?.caseId);
  });

  it('opens an anonymous case with no contact', async () => {
    const { sender: _omit, ...anon } = envelope('form-1', { channel: 'web_form' });
    const r = await apply({
      ...anon,
      thread: {
        senderAsserted: false,
        newCase: { kind: 'report', anonymous: true, consent: false, reference: 'KC-2026-900001' },
      },
    });
    const s = await createCaseRepository(store.db).summary(r.result.caseId);
    expect(s).toMatchObject({
      reference: 'KC-2026-900001',
      anonymous: true,
      contactId: null,
      status: 'new',
      channel: 'web_form',
    });
  });

  it('pages the case list by cursor without gaps or repeats and searches message text', async () => {
    const cases = createCaseRepository(store.db);
    for (let i = 0; i < 7; i++)
      await apply(
        envelope(`<page-${i}@example.rs>`, {
          sender: { kind: 'email', value: `p${i}@example.rs` },
          message: { text: `page marker ${i} žaba` },
        }),
      );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await cases.list({ q: 'page marker', limit: 3, ...(cursor && { cursor }) });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect((await cases.list({ q: 'ŽABA', limit: 50 })).items.length).toBe(7);
    expect((await cases.list({ q: '100%_', limit: 50 })).items).toEqual([]);
  });
});
