import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import { messages } from '../../src/store/schema/index.ts';
import { deliveryReport, encode, encodedWord, mail } from '../fixtures/email/mime.ts';
import { type Dovecot, startDovecot } from '../helpers/dovecot.ts';
import { eventually, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';

const BOX = 'centar@test.rs';

describe('e-mail channel against a real Dovecot and a real SMTP server', () => {
  let dovecot: Dovecot;
  let smtp: SmtpSink;
  let t: TestKontakt;
  let cookie: string;

  beforeAll(async () => {
    dovecot = await startDovecot();
    dovecot.addUser(BOX);
    smtp = await startSmtpSink();
    // The backlog is there before the server first starts: it is imported in batches.
    for (let i = 0; i < 23; i++) {
      await dovecot.append(
        BOX,
        mail({
          from: `backlog${i}@example.rs`,
          subject: `Stara poruka ${i}`,
          messageId: `<backlog-${i}@example.rs>`,
          body: `backlog ${i}`,
        }),
      );
    }
    t = await startTestKontakt('postgres', {
      IMAP_URL: dovecot.imapUrl(BOX),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Kontakt centar <centar@test.rs>',
      EMAIL_AUTO_ACK: 'true',
      EMAIL_BATCH_SIZE: '10',
      // IDLE must carry new mail; the periodic resync is kept out of the way.
      EMAIL_RESYNC_SEC: '3600',
      EMAIL_RECONNECT_MS: '100',
    });
    cookie = await t.login();
  });
  afterAll(async () => {
    await t?.cleanup();
    await smtp?.close();
    await dovecot?.stop();
  });

  const casesFor = async (q: string) =>
    (
      (await (await t.api(`/api/cases?q=${encodeURIComponent(q)}&limit=200`, { cookie })).json()) as {
        items: CaseSummary[];
      }
    ).items;
  const detail = async (id: string) => (await (await t.api(`/api/cases/${id}`, { cookie })).json()) as CaseDetail;
  const countByExternalId = async (id: string) =>
    (await t.k.store.db.select().from(messages).where(eq(messages.externalId, id))).length;

  it('imports a backlog once, in batches, and marks each mail \\Seen only after it is stored', async () => {
    await eventually(async () => (await casesFor('backlog')).length === 23, 20_000);
    const status = await eventually(async () => {
      const s = await dovecot.status(BOX);
      return s.seen.length === 23 ? s : undefined;
    });
    expect(status.all).toHaveLength(23);
    for (let i = 0; i < 23; i++) expect(await countByExternalId(`<backlog-${i}@example.rs>`)).toBe(1);
  });

  it('APPENDed mail appears live as a case with a case:created event, decoded and with its sender', async () => {
    const socket = await t.socket(cookie);
    const created = nextEvent<{ case: CaseSummary }>(socket, 'case:created', (e) => e.case.channel === 'email');
    await dovecot.append(
      BOX,
      mail({
        from: `${encodedWord('Мајка Ђорђа', 'windows-1251')} <majka@example.rs>`,
        subject: encodedWord('Претње на мрежи', 'windows-1251'),
        charset: 'windows-1251',
        cte: '8bit',
        body: 'Мој син добија претеће поруке.',
        messageId: '<live-1@example.rs>',
      }),
    );
    const { case: c } = await created;
    const d = await detail(c.id);
    expect(d.subject).toBe('Претње на мрежи');
    expect(d.contact?.identities).toEqual([{ kind: 'email', value: 'majka@example.rs' }]);
    expect(d.contact?.displayName).toBe('Мајка Ђорђа');
    expect(d.messages[0]?.text.trim()).toBe('Мој син добија претеће поруке.');
    expect(encode('Ђ', 'windows-1251')).toEqual(Buffer.from([0x80]));
    socket.disconnect();
  });

  it('acknowledges a new e-mail case once, automatically and marked as such', async () => {
    const ack = await smtp.next((m) => m.envelope.to.includes('majka@example.rs'));
    expect(ack.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.parsed.subject).toMatch(/\[KC-\d{4}-\d{6}\]$/);
    expect(ack.parsed.text).toContain('192');
    expect(ack.parsed.inReplyTo).toBe('<live-1@example.rs>');
  });

  it('a reply from the inbox reaches the SMTP side with threading headers, and the answer lands in the same case', async () => {
    const [c] = await casesFor('live-1');
    const caseId = (c ?? (await casesFor('Мој син'))[0])?.id as string;
    const socket = await t.socket(cookie);
    const sent = nextEvent<{ caseId: string; message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.caseId === caseId && e.message.deliveryStatus === 'sent' && e.message.authorId !== null,
    );
    const res = await t.api(`/api/cases/${caseId}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'reply', text: 'Poštovana, razgovarajmo. Pozovite nas.' },
    });
    expect(res.status).toBe(201);
    const ours = (await sent).message;
    expect(ours.channel).toBe('email');
    const got = await smtp.next((m) => m.parsed.text?.includes('razgovarajmo') ?? false);
    expect(got.envelope.to).toEqual(['majka@example.rs']);
    expect(got.parsed.inReplyTo).toBe('<live-1@example.rs>');
    expect(got.parsed.references).toContain('<live-1@example.rs>');
    const reference = (await detail(caseId)).reference;
    expect(got.parsed.subject).toBe(`Re: Претње на мрежи [${reference}]`);
    expect(got.parsed.messageId).toBe(ours.externalId ?? undefined);

    const answered = nextEvent<{ caseId: string; message: MessageView }>(socket, 'message:created', (e) =>
      e.message.text.includes('Hvala'),
    );
    await dovecot.append(
      BOX,
      mail({
        from: 'majka@example.rs',
        subject: `Re: ${got.parsed.subject}`,
        inReplyTo: ours.externalId ?? '',
        references: `<live-1@example.rs> ${ours.externalId}`,
        body: 'Hvala, zvaću sutra.',
        messageId: '<answer-1@example.rs>',
      }),
    );
    expect((await answered).caseId).toBe(caseId);
    socket.disconnect();
  });

  it('a bounce marks our reply failed and is attached to its case instead of opening one', async () => {
    const [c] = await casesFor('backlog 3');
    const caseId = c?.id as string;
    const socket = await t.socket(cookie);
    const res = await t.api(`/api/cases/${caseId}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'reply', text: 'Odgovor koji će se vratiti' },
    });
    const reply = (await res.json()) as MessageView;
    const ourId = await eventually(
      async () => (await detail(caseId)).messages.find((m) => m.id === reply.id && m.externalId)?.externalId,
    );
    const failed = nextEvent<{ message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.message.id === reply.id && e.message.deliveryStatus === 'failed',
    );
    const before = (await casesFor('')).length;
    await dovecot.append(
      BOX,
      deliveryReport({
        to: BOX,
        messageId: '<bounce-1@mx.example.rs>',
        failedRecipient: 'backlog3@example.rs',
        original: ourId,
        diagnostic: 'smtp; 550 5.1.1 user unknown',
      }),
    );
    expect((await failed).message.deliveryError).toContain('5.1.1');
    const d = await detail(caseId);
    expect(d.messages.find((m) => m.flags.includes('bounce'))).toBeDefined();
    expect((await casesFor('')).length).toBe(before);
    socket.disconnect();
  });

  it('a reply the SMTP server refuses for good shows as failed with the reason, and is dead-lettered', async () => {
    const [c] = await casesFor('backlog 5');
    const socket = await t.socket(cookie);
    smtp.refuseNext(1);
    const res = await t.api(`/api/cases/${c?.id}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'reply', text: 'Ovo će biti odbijeno' },
    });
    const reply = (await res.json()) as MessageView;
    const failed = await nextEvent<{ message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.message.id === reply.id && e.message.deliveryStatus === 'failed',
    );
    expect(failed.message.deliveryError).toContain('550');
    const dl = (await (await t.api('/api/admin/dead-letters', { cookie })).json()) as {
      items: { queue: string; caseId: string | null; size: number }[];
    };
    // Listed without its payload (that is one audited request away), with the reply's case.
    const letter = dl.items.find((d) => d.queue === 'outbound' && d.caseId === reply.caseId);
    expect(letter?.size).toBeGreaterThan(0);
    expect(letter).not.toHaveProperty('payload');
    socket.disconnect();
  });

  it('stores an auto-reply flagged and never answers it', async () => {
    const sentBefore = smtp.received.length;
    await dovecot.append(
      BOX,
      mail({
        from: 'odmor@example.rs',
        subject: 'Automatski odgovor: van kancelarije',
        headers: ['Auto-Submitted: auto-replied'],
        messageId: '<ooo-1@example.rs>',
        body: 'Na odmoru sam.',
      }),
    );
    const c = await eventually(async () => (await casesFor('Na odmoru'))[0]);
    const d = await detail(c.id);
    expect(d.messages[0]?.flags).toEqual(['auto_reply']);
    // The next mail's acknowledgement proves the worker moved on; none went to the auto-replier.
    await dovecot.append(
      BOX,
      mail({ from: 'drugi@example.rs', messageId: '<after-ooo@example.rs>', body: 'posle odmora' }),
    );
    await smtp.next((m) => m.envelope.to.includes('drugi@example.rs'));
    expect(smtp.received.slice(sentBefore).some((m) => m.envelope.to.includes('odmor@example.rs'))).toBe(false);
  });

  it('survives a cut IMAP connection mid-IDLE: new mail still arrives, once', async () => {
    dovecot.kick(BOX);
    await dovecot.append(
      BOX,
      mail({ from: 'posle-prekida@example.rs', messageId: '<after-kick@example.rs>', body: 'posle prekida veze' }),
    );
    await eventually(async () => (await casesFor('posle prekida veze')).length === 1, 15_000);
    expect(await countByExternalId('<after-kick@example.rs>')).toBe(1);
  });

  it('a changed UIDVALIDITY resyncs everything and duplicates nothing', async () => {
    const before = await t.k.store.db.select().from(messages);
    dovecot.changeUidValidity(BOX);
    dovecot.kick(BOX);
    await dovecot.append(
      BOX,
      mail({ from: 'uidv@example.rs', messageId: '<after-uidv@example.rs>', body: 'posle promene' }),
    );
    await eventually(async () => (await casesFor('posle promene')).length === 1, 15_000);
    const after = await t.k.store.db.select().from(messages);
    const inboundBefore = before.filter((m) => m.direction === 'inbound').length;
    expect(after.filter((m) => m.direction === 'inbound').length).toBe(inboundBefore + 1);
    for (const id of ['<live-1@example.rs>', '<backlog-0@example.rs>', '<after-kick@example.rs>'])
      expect(await countByExternalId(id)).toBe(1);
  });

  it('a restarted server neither re-imports nor skips', async () => {
    const count = (await t.k.store.db.select().from(messages)).length;
    t = await t.restart();
    cookie = await t.login();
    await dovecot.append(
      BOX,
      mail({ from: 'restart@example.rs', messageId: '<after-restart@example.rs>', body: 'posle restarta' }),
    );
    await eventually(async () => (await casesFor('posle restarta')).length === 1, 15_000);
    const inbound = (await t.k.store.db.select().from(messages)).filter((m) => m.direction === 'inbound');
    expect(new Set(inbound.map((m) => m.externalId)).size).toBe(inbound.length);
    expect((await t.k.store.db.select().from(messages)).length).toBeGreaterThan(count);
  });

  it('answers a web-form reporter who left an e-mail by e-mail, and their answer threads back', async () => {
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Prijava sa forme', anonymous: false, email: 'forma@example.rs', consent: true },
    });
    const { reference } = (await res.json()) as { reference: string };
    const c = await eventually(async () => (await casesFor(reference))[0]);
    await t.api(`/api/cases/${c.id}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'reply', text: 'Odgovor na prijavu sa forme' },
    });
    const got = await smtp.next((m) => m.envelope.to.includes('forma@example.rs'));
    expect(got.parsed.subject).toBe(`[${reference}]`);
    await dovecot.append(
      BOX,
      mail({
        from: 'forma@example.rs',
        subject: `Re: [${reference}]`,
        inReplyTo: got.parsed.messageId ?? '',
        body: 'Hvala na odgovoru sa forme',
        messageId: '<form-answer@example.rs>',
      }),
    );
    await eventually(
      async () => (await detail(c.id)).messages.some((m) => m.text.includes('Hvala na odgovoru sa forme')),
      15_000,
    );
  });
});
