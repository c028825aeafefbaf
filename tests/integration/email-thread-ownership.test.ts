import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailToEnvelope } from '../../connectors/email/mail-to-envelope.ts';
import { applyEnvelope, DEFAULT_INGEST_OPTIONS } from '../../src/domain/ingest.service.ts';
import { FOREIGN_REFERENCE_FLAG, FOREIGN_REFERENCE_TAG } from '../../src/domain/system-tags.ts';
import { parseEnvelope } from '../../src/pipeline/envelope.schema.ts';
import type { Store } from '../../src/store/db.ts';
import { createInboundEventRepository } from '../../src/store/inbound-event.repository.ts';
import { createIngestUnitOfWork } from '../../src/store/ingest.repository.ts';
import { cases, caseTags, messages } from '../../src/store/schema/index.ts';
import { deliveryReport, mail } from '../fixtures/email/mime.ts';
import { openTestStore } from '../helpers/services.ts';

/**
 * Who may join a case by e-mail: a quoted reference or In-Reply-To/References joins a case only
 * when the sender is that case's contact; anyone else opens a new case, linked and marked.
 */
describe.each(['pglite', 'postgres'] as const)('joining a case by e-mail on %s', (engine) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let original: { caseId: string; reference: string };
  const reporter = `dete-${engine}@example.rs`;

  beforeAll(async () => {
    const opened = await openTestStore(engine);
    store = opened.store;
    cleanup = opened.dispose;
    const first = await ingest(
      mail({ from: reporter, subject: 'Neko mi preti', messageId: `<first-${engine}@example.rs>`, body: 'Pomoć' }),
    );
    original = { caseId: first.caseId, reference: (await caseRow(first.caseId)).reference };
  });
  afterAll(async () => {
    await cleanup();
  });

  const ingest = async (raw: Buffer) => {
    const env = await mailToEnvelope(raw, {
      mailbox: 'INBOX',
      maxAttachmentBytes: 1_000_000,
      maxRawBytes: 1_000_000,
      store: async () => 'x'.repeat(64),
      receivedAt: new Date(),
    });
    const { id } = await createInboundEventRepository(store.db).record(env, new Date());
    const result = await applyEnvelope(createIngestUnitOfWork(store.db), id, env, new Date(), DEFAULT_INGEST_OPTIONS);
    if (result.outcome !== 'applied') throw new Error(`not applied: ${result.outcome}`);
    return result;
  };
  const caseRow = async (id: string) => {
    const [c] = await store.db.select().from(cases).where(eq(cases.id, id));
    if (!c) throw new Error('no case');
    return c;
  };
  const tagsOf = async (id: string) =>
    (await store.db.select().from(caseTags).where(eq(caseTags.caseId, id))).map((t) => t.tag);
  const flagsOf = async (id: string) =>
    (await store.db.select().from(messages).where(eq(messages.id, id)))[0]?.flags ?? null;

  it("a stranger quoting the case's reference opens a new case, linked to it and marked", async () => {
    const before = (await caseRow(original.caseId)).messageCount;
    const r = await ingest(
      mail({
        from: `stranger-${engine}@example.com`,
        subject: `Re: [${original.reference}] Neko mi preti`,
        headers: [`Reply-To: evil-${engine}@example.com`],
        body: 'Pošaljite mi sve što imate o ovome.',
      }),
    );
    expect(r.createdCase).toBe(true);
    expect(r.caseId).not.toBe(original.caseId);
    expect((await caseRow(r.caseId)).linkedCaseId).toBe(original.caseId);
    expect(await flagsOf(r.messageId)).toContain(FOREIGN_REFERENCE_FLAG);
    expect(await tagsOf(r.caseId)).toEqual([FOREIGN_REFERENCE_TAG]);
    expect(r.events.some((e) => e.type === 'case:tags' && e.tags.includes(FOREIGN_REFERENCE_TAG))).toBe(true);
    expect((await caseRow(original.caseId)).messageCount).toBe(before);
  });

  it('a stranger answering by In-Reply-To / References opens a new linked, marked case too', async () => {
    for (const header of ['inReplyTo', 'references'] as const) {
      const r = await ingest(
        mail({
          from: `other-${header}-${engine}@example.com`,
          subject: 'Re: Neko mi preti',
          [header]: `<first-${engine}@example.rs>`,
          body: 'I ja imam nešto da kažem.',
        }),
      );
      expect(r.caseId).not.toBe(original.caseId);
      expect((await caseRow(r.caseId)).linkedCaseId).toBe(original.caseId);
      expect(await flagsOf(r.messageId)).toContain(FOREIGN_REFERENCE_FLAG);
    }
  });

  it('the reporter themselves joins their case by reference and by In-Reply-To, unmarked', async () => {
    const byRef = await ingest(mail({ from: reporter, subject: `Re: [${original.reference}]`, body: 'Još nešto' }));
    const byHeader = await ingest(
      mail({ from: reporter.toUpperCase(), inReplyTo: `<first-${engine}@example.rs>`, body: 'I još' }),
    );
    for (const r of [byRef, byHeader]) {
      expect(r.caseId).toBe(original.caseId);
      expect(r.createdCase).toBe(false);
      expect(await flagsOf(r.messageId)).toBeNull();
    }
    expect(await tagsOf(original.caseId)).toEqual([]);
  });

  it('a reference to a case that does not exist opens an ordinary, unmarked case', async () => {
    const r = await ingest(
      mail({ from: `stranger2-${engine}@example.com`, subject: '[KC-1999-999999] Pitanje', body: 'Zdravo' }),
    );
    expect((await caseRow(r.caseId)).linkedCaseId).toBeNull();
    expect(await flagsOf(r.messageId)).toBeNull();
    expect(await tagsOf(r.caseId)).toEqual([]);
  });

  it('a bounce (no sender) for one of our replies is still filed in the original case', async () => {
    const ours = `<kontakt.reply-${engine}@test.rs>`;
    await store.db.insert(messages).values({
      caseId: original.caseId,
      direction: 'outbound',
      channel: 'email',
      externalId: ours,
      text: 'Naš odgovor',
      deliveryStatus: 'sent',
      createdAt: new Date(),
      receivedAt: new Date(),
    });
    const bounce = deliveryReport({
      to: 'centar@test.rs',
      messageId: `<bounce-${engine}@mx.example.rs>`,
      failedRecipient: reporter,
      original: ours,
    });
    const r = await ingest(Buffer.from(bounce));
    expect(r.caseId).toBe(original.caseId);
    expect(await flagsOf(r.messageId)).toEqual(['bounce']);
    const [reply] = await store.db.select().from(messages).where(eq(messages.externalId, ours));
    expect(reply?.deliveryStatus).toBe('failed');
  });

  it("a forged bounce naming the child's own message neither joins the case nor marks that message failed", async () => {
    const before = (await caseRow(original.caseId)).messageCount;
    const r = await ingest(
      mail({
        from: `postmaster@evil-${engine}.example`,
        inReplyTo: `<first-${engine}@example.rs>`,
        body: 'Undelivered',
      }),
    );
    expect(r.caseId).not.toBe(original.caseId);
    expect((await caseRow(original.caseId)).messageCount).toBe(before);
    const [childs] = await store.db
      .select()
      .from(messages)
      .where(eq(messages.externalId, `<first-${engine}@example.rs>`));
    expect(childs?.direction).toBe('inbound');
    expect(childs?.deliveryStatus).toBeNull();
  });

  it('an e-mail envelope stored without the flag (older code, a dead-letter replay) is read as sender-asserted', async () => {
    const env = await mailToEnvelope(
      mail({ from: `old-${engine}@example.com`, subject: `Re: [${original.reference}]`, body: 'Staro' }),
      {
        mailbox: 'INBOX',
        maxAttachmentBytes: 1,
        maxRawBytes: 1,
        store: async () => 'x'.repeat(64),
        receivedAt: new Date(),
      },
    );
    const { senderAsserted: _dropped, ...thread } = env.thread;
    const parsed = parseEnvelope(JSON.parse(JSON.stringify({ ...env, thread })));
    if (!parsed.success || parsed.data.type === 'update') throw new Error('not a message envelope');
    const { id } = await createInboundEventRepository(store.db).record(parsed.data, new Date());
    const r = await applyEnvelope(
      createIngestUnitOfWork(store.db),
      id,
      parsed.data,
      new Date(),
      DEFAULT_INGEST_OPTIONS,
    );
    if (r.outcome !== 'applied') throw new Error(`not applied: ${r.outcome}`);
    expect(r.caseId).not.toBe(original.caseId);
    expect((await caseRow(r.caseId)).linkedCaseId).toBe(original.caseId);
  });

  it('a mail with no sender at all that quotes the reference does not join the case', async () => {
    const raw = Buffer.from(
      [
        'To: centar@test.rs',
        `Subject: Re: [${original.reference}]`,
        `Message-ID: <nofrom-${engine}@example.com>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'bez pošiljaoca',
        '',
      ].join('\r\n'),
    );
    const r = await ingest(raw);
    expect(r.caseId).not.toBe(original.caseId);
    expect((await caseRow(r.caseId)).linkedCaseId).toBe(original.caseId);
    expect(await flagsOf(r.messageId)).toContain(FOREIGN_REFERENCE_FLAG);
  });
});
