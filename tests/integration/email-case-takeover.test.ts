import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOREIGN_REFERENCE_FLAG, FOREIGN_REFERENCE_TAG } from '../../src/domain/system-tags.ts';
import type { CaseDetail, CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import { auditLog } from '../../src/store/schema/index.ts';
import { mail } from '../fixtures/email/mime.ts';
import { type Dovecot, startDovecot } from '../helpers/dovecot.ts';
import { eventually, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { mailboxEnv } from '../helpers/mail-env.ts';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';

const BOX = 'centar@test.rs';
const REPORTER = 'dete@example.rs';
const STRANGER = 'stranger@example.com';
const FOREIGN_REPLY_TO = 'evil@example.com';

/**
 * Issue 19, item 1: quoting a case's reference (or its Message-IDs) does not make a stranger part
 * of that case, and counselors' answers go to the case contact's own address only.
 */
describe('nobody takes over a case by e-mail (real Dovecot and SMTP)', () => {
  let dovecot: Dovecot;
  let smtp: SmtpSink;
  let t: TestKontakt;
  let cookie: string;
  let socket: Socket;
  let original: { id: string; reference: string };

  const detail = async (id: string) => (await (await t.api(`/api/cases/${id}`, { cookie })).json()) as CaseDetail;
  const listed = async (q: string) =>
    (
      (await (await t.api(`/api/cases?q=${encodeURIComponent(q)}&limit=200`, { cookie })).json()) as {
        items: (CaseSummary & { tags?: string[] })[];
      }
    ).items;
  const extras = async (id: string) =>
    (await (await t.api(`/api/cases/${id}/extras`, { cookie })).json()) as {
      tags: string[];
      linked: { id: string; reference: string }[];
    };
  const reply = (caseId: string, text: string, to?: string) =>
    t.api(`/api/cases/${caseId}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'reply', text, ...(to !== undefined && { to }) },
    });
  const mailsTo = (address: string) => smtp.received.filter((m: ReceivedMail) => m.envelope.to.includes(address));
  const sentReply = async (caseId: string, text: string, to?: string) => {
    const res = await reply(caseId, text, to);
    expect(res.status).toBe(201);
    return smtp.next((m) => m.parsed.text?.includes(text) ?? false);
  };
  /** The case a mail with this body landed in, once the worker has stored it. */
  const caseOfText = (text: string) =>
    eventually(async () => {
      const [c] = await listed(text);
      return c;
    }, 15_000);

  beforeAll(async () => {
    dovecot = await startDovecot();
    dovecot.addUser(BOX);
    smtp = await startSmtpSink();
    t = await startTestKontakt('postgres', {
      ...mailboxEnv(dovecot, BOX, smtp, `Kontakt centar <${BOX}>`),
      EMAIL_AUTO_ACK: 'true',
    });
    cookie = await t.login();
    socket = await t.socket(cookie);
    const created = nextEvent<{ case: CaseSummary }>(socket, 'case:created', (e) => e.case.channel === 'email');
    await dovecot.append(
      BOX,
      mail({ from: REPORTER, subject: 'Neko mi preti', messageId: '<dete-1@example.rs>', body: 'Pomozite mi.' }),
    );
    const c = (await created).case;
    original = { id: c.id, reference: c.reference };
    await smtp.next((m) => m.envelope.to.includes(REPORTER));
  }, 60_000);
  afterAll(async () => {
    socket?.disconnect();
    await t?.cleanup();
    await smtp?.close();
    await dovecot?.stop();
  });

  it('a stranger quoting the reference with a foreign Reply-To opens a new linked, marked case and receives no reply', async () => {
    await dovecot.append(
      BOX,
      mail({
        from: `Neko <${STRANGER}>`,
        subject: `Re: [${original.reference}] Neko mi preti`,
        headers: [`Reply-To: ${FOREIGN_REPLY_TO}`],
        messageId: '<stranger-1@example.com>',
        body: 'Ja sam njena mama, pošaljite odgovore meni.',
      }),
    );
    const theirs = await caseOfText('njena mama');
    expect(theirs.id).not.toBe(original.id);
    expect(theirs.tags).toContain(FOREIGN_REFERENCE_TAG);
    const d = await detail(theirs.id);
    expect(d.messages[0]?.flags).toContain(FOREIGN_REFERENCE_FLAG);
    expect(d.contact?.identities).toEqual([{ kind: 'email', value: STRANGER }]);
    expect((await extras(theirs.id)).linked.map((l) => l.reference)).toEqual([original.reference]);
    expect((await extras(original.id)).linked.map((l) => l.id)).toEqual([theirs.id]);
    expect((await detail(original.id)).messages.some((m) => m.text.includes('njena mama'))).toBe(false);

    // The counselor's reply on the original case reaches the reporter, never the stranger or the foreign Reply-To.
    const got = await sentReply(original.id, 'Draga, ovde smo za tebe. Pozovi 19833.');
    expect(got.envelope.to).toEqual([REPORTER]);
    // The stranger's own new case is acknowledged to the stranger (their From), and says nothing of the original.
    const ack = await smtp.next((m) => m.envelope.to.includes(STRANGER));
    expect(ack.parsed.text).not.toContain(original.reference);
    expect(mailsTo(STRANGER).some((m) => m.parsed.text?.includes('19833'))).toBe(false);
    expect(mailsTo(FOREIGN_REPLY_TO)).toEqual([]);
  });

  it('a stranger answering our reply by In-Reply-To / References opens a new linked case; replies stay with the reporter', async () => {
    const sent = nextEvent<{ caseId: string; message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.caseId === original.id && e.message.deliveryStatus === 'sent' && e.message.text.includes('19832'),
    );
    await sentReply(original.id, 'Prvi odgovor, 19832.');
    const ours = (await sent).message.externalId as string;
    expect(ours).toMatch(/^<kontakt\./);
    await dovecot.append(
      BOX,
      mail({
        from: 'drugi.stranac@example.com',
        subject: 'Re: Neko mi preti',
        inReplyTo: ours,
        references: `<dete-1@example.rs> ${ours}`,
        headers: [`Reply-To: ${FOREIGN_REPLY_TO}`],
        messageId: '<stranger-2@example.com>',
        body: 'Prosledjeno mi je, ja cu odgovarati umesto nje.',
      }),
    );
    const theirs = await caseOfText('umesto nje');
    expect(theirs.id).not.toBe(original.id);
    expect(theirs.tags).toContain(FOREIGN_REFERENCE_TAG);
    expect((await extras(theirs.id)).linked.map((l) => l.id)).toEqual([original.id]);

    const got = await sentReply(original.id, 'Drugi odgovor detetu, 19834.');
    expect(got.envelope.to).toEqual([REPORTER]);
    // Threading stays on the reporter's own mail, not on the stranger's.
    expect(got.parsed.references).not.toContain('<stranger-2@example.com>');
    expect(mailsTo(FOREIGN_REPLY_TO)).toEqual([]);
  });

  it("the reporter's own Reply-To is not honoured unless it is their address; a counselor may pick it for one reply (audited)", async () => {
    const joined = nextEvent<{ caseId: string; message: MessageView }>(socket, 'message:created', (e) =>
      e.message.text.includes('mamina adresa'),
    );
    await dovecot.append(
      BOX,
      mail({
        from: REPORTER,
        subject: `Re: [${original.reference}]`,
        headers: ['Reply-To: mama.deteta@example.rs'],
        messageId: '<dete-2@example.rs>',
        body: 'Ovo je mamina adresa, mozete i njoj.',
      }),
    );
    expect((await joined).caseId).toBe(original.id);

    const plain = await sentReply(original.id, 'Odgovor bez izbora adrese, 19835.');
    expect(plain.envelope.to).toEqual([REPORTER]);

    // Not an address seen on this case (the stranger wrote on another case): refused, and says which field.
    const refused = await reply(original.id, 'Ne sme da ode', STRANGER);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('to');
    const malformed = await reply(original.id, 'Ne sme da ode', 'nije adresa');
    expect(malformed.status).toBe(400);
    // A note goes to nobody: naming a recipient on one is refused, and says which field.
    const note = await t.api(`/api/cases/${original.id}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'note', text: 'Beleška', to: 'mama.deteta@example.rs' },
    });
    expect(note.status).toBe(400);
    expect(await note.json()).toMatchObject({ fields: [{ field: 'to' }] });

    const picked = await sentReply(original.id, 'Za mamu, jednom, 19836.', 'Mama.Deteta@example.rs');
    expect(picked.envelope.to).toEqual(['mama.deteta@example.rs']);
    const audit = await t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'message.reply_recipient_override'), eq(auditLog.entityId, original.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ to: 'mama.deteta@example.rs' });
    expect(audit[0]?.actorId).not.toBeNull();

    // One reply only: the next goes to the reporter again.
    const next = await sentReply(original.id, 'Opet detetu, 19837.');
    expect(next.envelope.to).toEqual([REPORTER]);
  });

  it('a web-form reporter who left an e-mail: a stranger quoting it and an addition on the status page change nothing', async () => {
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Prijava sa forme o pretnjama', anonymous: false, email: 'forma@example.rs', consent: true },
    });
    const { reference, receipt } = (await res.json()) as { reference: string; receipt: string };
    const form = await caseOfText('Prijava sa forme o pretnjama');

    await dovecot.append(
      BOX,
      mail({
        from: STRANGER,
        subject: `Re: [${reference}]`,
        headers: [`Reply-To: ${FOREIGN_REPLY_TO}`],
        messageId: '<stranger-3@example.com>',
        body: 'Ja sam prijavio ovo preko forme, pisite ovde.',
      }),
    );
    const theirs = await caseOfText('preko forme, pisite');
    expect(theirs.id).not.toBe(form.id);
    expect((await extras(theirs.id)).linked.map((l) => l.id)).toEqual([form.id]);

    // The status page's addition takes text only; whatever else is posted does not become an address.
    const added = await t.api('/api/reports/status/add', {
      method: 'POST',
      json: {
        reference,
        receipt,
        description: 'Dopuna: odgovorite na drugu adresu.',
        email: FOREIGN_REPLY_TO,
        replyTo: FOREIGN_REPLY_TO,
      },
    });
    expect(added.status).toBe(202);
    await eventually(async () => (await detail(form.id)).messages.some((m) => m.text.startsWith('Dopuna')));

    const got = await sentReply(form.id, 'Odgovor prijavi sa forme, 19838.');
    expect(got.envelope.to).toEqual(['forma@example.rs']);
    const outcome = await t.api(`/api/cases/${form.id}/outcome`, {
      method: 'POST',
      cookie,
      json: { outcome: 'advice_given', text: `Savet je dat za prijavu ${reference}, 19839.` },
    });
    expect(outcome.status).toBe(201);
    const notice = await smtp.next((m) => m.parsed.text?.includes('19839') ?? false);
    expect(notice.envelope.to).toEqual(['forma@example.rs']);
    expect(mailsTo(FOREIGN_REPLY_TO)).toEqual([]);
  });
});
