import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import { auditLog, messages } from '../../src/store/schema/index.ts';
import { mail } from '../fixtures/email/mime.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { type Dovecot, startDovecot } from '../helpers/dovecot.ts';
import { type GraphStandIn, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import { nextEvent, seedUser, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { mailboxEnv } from '../helpers/mail-env.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';

const BOX = 'centar@test.rs';
/** A page without the HUMAN_AGENT permission: Meta's 24-hour window is the whole window. */
const PAGE_B = '204912345678902';
const TOKEN_B = 'EAAGsecondpagetoken';
const HOUR = 3_600_000;

interface Template {
  outcome: string;
  language: string;
  body: string;
  updatedByName: string | null;
}
interface Recorded {
  id: string;
  outcome: string;
  language: string;
  text: string;
  messageId: string | null;
  deliveryStatus: string | null;
  deliveryError: string | null;
  deliveryChannel: string | null;
  sentAt: string | null;
}
interface ForCase {
  reference: string;
  language: string;
  reachable: boolean;
  channel: string | null;
  recorded: Recorded[];
}

describe('telling the reporter what was done (postgres, real SMTP and IMAP, Graph stand-in)', () => {
  let dovecot: Dovecot;
  let smtp: SmtpSink;
  let graph: GraphStandIn;
  let t: TestKontakt;
  let admin: string;
  let supervisor: string;
  let counselor: string;
  let socket: Socket;

  const addUser = async (role: 'counselor' | 'supervisor', email: string) => {
    const password = 'a long enough password';
    await seedUser(t, email, role, password, `${role} ${email}`);
    return t.login(email, password);
  };

  beforeAll(async () => {
    dovecot = await startDovecot();
    dovecot.addUser(BOX);
    smtp = await startSmtpSink();
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    t = await startTestKontakt(
      'postgres',
      {
        ...mailboxEnv(dovecot, BOX, smtp),
        META_APP_SECRET: P.APP_SECRET,
        META_VERIFY_TOKEN: P.VERIFY_TOKEN,
        META_GRAPH_URL: graph.url,
      },
      { channels: { meta: [{ pageId: PAGE_B, accessToken: TOKEN_B }] } },
    );
    admin = await t.login();
    supervisor = await addUser('supervisor', 'supervizor@test.kontakt');
    counselor = await addUser('counselor', 'savetnik@test.kontakt');
    socket = await t.socket(admin);
  });
  afterAll(async () => {
    await t?.cleanup();
    await smtp?.close();
    await graph?.close();
    await dovecot?.stop();
  });

  const templates = async (cookie = counselor) =>
    (await (await t.api('/api/outcome-templates', { cookie })).json()) as { outcomes: string[]; items: Template[] };
  const forCase = async (caseId: string) =>
    (await (await t.api(`/api/cases/${caseId}/outcome`, { cookie: counselor })).json()) as ForCase;
  const tell = (caseId: string, body: Record<string, unknown>, cookie = counselor) =>
    t.api(`/api/cases/${caseId}/outcome`, { method: 'POST', cookie, json: body });
  const templateFor = async (outcome: string, language: string) => {
    const found = (await templates()).items.find((x) => x.outcome === outcome && x.language === language);
    if (!found) throw new Error(`no template ${outcome} ${language}`);
    return found.body;
  };
  const audited = async (action: string, entityId: string) =>
    t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));

  /** A web-form report; resolves with the case and the receipt. */
  async function report(body: Record<string, unknown>) {
    const created = nextEvent<{ case: CaseSummary }>(socket, 'case:created', (e) => e.case.channel === 'web_form');
    const res = await t.api('/api/reports', { method: 'POST', json: body });
    expect(res.status).toBe(202);
    const { reference, receipt } = (await res.json()) as { reference: string; receipt: string };
    const c = (await created).case;
    expect(c.reference).toBe(reference);
    return { caseId: c.id, reference, receipt };
  }

  /** Resolves with the outcome message once its delivery is settled. */
  const settled = (messageId: string) =>
    nextEvent<{ message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.message.id === messageId && ['sent', 'failed'].includes(e.message.deliveryStatus ?? ''),
      20_000,
    );

  it('seeds one template per outcome and language, written in each script; counselors read them', async () => {
    expect((await t.api('/api/outcome-templates')).status).toBe(401);
    const { outcomes, items } = await templates();
    expect(outcomes).toContain('referred_police');
    expect(outcomes).toContain('closed_no_action');
    expect(items).toHaveLength(outcomes.length * 3);
    for (const item of items) expect(item.body).toContain('{reference}');
    const cyr = items.find((x) => x.outcome === 'referred_police' && x.language === 'sr-Cyrl');
    expect(cyr?.body).toMatch(/^Поштовани/);
    expect(cyr?.body.replace('{reference}', '')).not.toMatch(/[a-z]/i);
    const en = items.find((x) => x.outcome === 'content_reported_to_platform' && x.language === 'en');
    expect(en?.body).toContain('platform');
  });

  it('supervisors and admins edit templates (audited); counselors cannot; a bad edit names the field', async () => {
    const url = '/api/outcome-templates/advice_given/sr-Latn';
    const text = 'Hvala vam (prijava {reference}). Nadamo se da su saveti pomogli; javite nam se kad god želite.';
    expect((await t.api(url, { method: 'PUT', cookie: counselor, json: { body: text } })).status).toBe(403);
    expect((await t.api(url, { method: 'PUT', cookie: supervisor, json: { body: text } })).status).toBe(204);
    const saved = (await templates()).items.find((x) => x.outcome === 'advice_given' && x.language === 'sr-Latn');
    expect(saved).toMatchObject({ body: text, updatedByName: 'supervisor supervizor@test.kontakt' });
    expect(await audited('outcome_template.update', 'advice_given:sr-Latn')).toHaveLength(1);

    const empty = await t.api(url, { method: 'PUT', cookie: admin, json: { body: '  ' } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('body');
    const unknown = await t.api('/api/outcome-templates/sent_to_moon/en', {
      method: 'PUT',
      cookie: admin,
      json: { body: 'x' },
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('outcome');
  });

  it('advice for parents is seeded as canned responses per language; supervisors edit them, counselors cannot', async () => {
    const list = async () =>
      (
        (await (await t.api('/api/canned-responses', { cookie: counselor })).json()) as {
          items: { id: string; title: string; body: string; language: string }[];
        }
      ).items;
    const items = await list();
    for (const language of ['sr-Latn', 'sr-Cyrl', 'en'])
      expect(items.filter((c) => c.language === language)).toHaveLength(3);
    const evidence = items.find((c) => c.language === 'en' && c.title.includes('evidence'));
    expect(evidence?.body).toContain('screenshots');
    expect(items.find((c) => c.language === 'sr-Cyrl' && c.title.startsWith('Савет'))).toBeTruthy();
    if (!evidence) throw new Error('no evidence advice');

    const change = { title: 'Advice: keeping evidence', body: 'Take screenshots first.', language: 'en' };
    const url = `/api/canned-responses/${evidence.id}`;
    expect((await t.api(url, { method: 'PUT', cookie: counselor, json: change })).status).toBe(403);
    expect((await t.api(url, { method: 'PUT', cookie: supervisor, json: change })).status).toBe(204);
    expect((await list()).find((c) => c.id === evidence.id)).toMatchObject(change);
    expect(await audited('canned.update', evidence.id)).toHaveLength(1);
    const bad = await t.api(url, { method: 'PUT', cookie: supervisor, json: { ...change, language: 'de' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('language');
    const missing = await t.api('/api/canned-responses/00000000-0000-4000-8000-000000000000', {
      method: 'PUT',
      cookie: admin,
      json: change,
    });
    expect(missing.status).toBe(404);
  });

  it('an e-mail reporter gets the outcome by e-mail; it is recorded with its sent time and audited', async () => {
    const created = nextEvent<{ case: CaseSummary }>(socket, 'case:created', (e) => e.case.channel === 'email');
    await dovecot.append(
      BOX,
      mail({
        from: 'Roditelj <roditelj.ishod@example.rs>',
        subject: 'Uznemiravanje na mreži',
        messageId: '<ishod-1@example.rs>',
        body: 'Mom detetu neko šalje pretnje.',
      }),
    );
    const caseId = (await created).case.id;
    const info = await forCase(caseId);
    expect(info).toMatchObject({ language: 'sr-Latn', reachable: true, channel: 'email', recorded: [] });

    const text = (await templateFor('referred_police', 'sr-Latn')).replace('{reference}', info.reference);
    const res = await tell(caseId, { outcome: 'referred_police', text });
    expect(res.status).toBe(201);
    const told = (await res.json()) as { delivery: string; message: MessageView; outcome: Recorded };
    expect(told.delivery).toBe('queued');
    expect(told.outcome).toMatchObject({ outcome: 'referred_police', text, messageId: told.message.id });
    expect((await settled(told.message.id)).message.deliveryStatus).toBe('sent');

    const sent = await smtp.next((m) => m.envelope.to.includes('roditelj.ishod@example.rs'));
    expect(sent.parsed.text).toContain('prosledili smo policiji');
    expect(sent.parsed.text).toContain(info.reference);
    const after = await forCase(caseId);
    expect(after.recorded).toHaveLength(1);
    expect(after.recorded[0]).toMatchObject({
      deliveryStatus: 'sent',
      deliveryChannel: 'email',
      outcome: 'referred_police',
    });
    expect(Date.parse(after.recorded[0]?.sentAt ?? '')).toBeGreaterThan(0);
    const [entry] = await audited('case.outcome', caseId);
    expect(entry?.details).toMatchObject({ outcome: 'referred_police', channel: 'email', messageId: told.message.id });
  });

  async function personWrites(at: number, psid: string, text: string): Promise<string> {
    const stored = nextEvent<{ caseId: string; message: MessageView }>(
      socket,
      'message:created',
      (e) => e.message.text === text,
    );
    const event = P.textMessage(psid, `m_${psid}`, text, at, PAGE_B);
    const res = await P.postWebhook(t.url, {
      object: 'page',
      entry: [{ id: PAGE_B, time: Date.now(), messaging: [event] }],
    });
    expect(res.status).toBe(200);
    return (await stored).caseId;
  }

  it('on Messenger, inside the 24-hour window, the outcome goes out through the Send API', async () => {
    const caseId = await personWrites(Date.now() - HOUR, '7200000000000001', 'neko mi preti');
    expect(await forCase(caseId)).toMatchObject({ reachable: true, channel: 'facebook' });
    const text = 'Prijavili smo nalog platformi. Hvala vam što ste nam pisali.';
    const before = graph.sends.length;
    const res = await tell(caseId, { outcome: 'content_reported_to_platform', text });
    expect(res.status).toBe(201);
    const { message } = (await res.json()) as { message: MessageView };
    expect((await settled(message.id)).message.deliveryStatus).toBe('sent');
    expect(graph.sends[before]).toMatchObject({
      pageId: PAGE_B,
      body: { recipient: { id: '7200000000000001' }, messaging_type: 'RESPONSE', message: { text } },
    });
    expect((await forCase(caseId)).recorded[0]).toMatchObject({ deliveryStatus: 'sent', deliveryChannel: 'facebook' });
  });

  it('outside the window Meta refuses: nothing is sent, the refusal is on the outcome, the outcome stays recorded', async () => {
    const caseId = await personWrites(Date.now() - 25 * HOUR, '7200000000000002', 'stara poruka');
    const before = graph.sends.length;
    const res = await tell(caseId, { outcome: 'advice_given', text: 'Nadamo se da su saveti pomogli.' });
    expect(res.status).toBe(201);
    const { message } = (await res.json()) as { message: MessageView };
    const failed = (await settled(message.id)).message;
    expect(failed.deliveryStatus).toBe('failed');
    expect(failed.deliveryError).toContain('outside_messaging_window');
    expect(graph.sends.length).toBe(before);
    const [rec] = (await forCase(caseId)).recorded;
    expect(rec).toMatchObject({ outcome: 'advice_given', deliveryStatus: 'failed', sentAt: null });
    expect(rec?.deliveryError).toContain('outside_messaging_window');
  });

  it('a web-form reporter who left an e-mail gets it by e-mail, in the language of their report; the status page shows it once', async () => {
    const r = await report({
      description: 'Someone keeps sending my son messages asking for photos.',
      category: 'integrity',
      reporterRole: 'parent',
      anonymous: false,
      email: 'Mama.Outcome@example.rs',
      consent: true,
      language: 'en',
    });
    const info = await forCase(r.caseId);
    expect(info).toMatchObject({ language: 'en', reachable: true, channel: 'email' });
    const text = (await templateFor('referred_prosecutor', 'en')).replace('{reference}', r.reference);
    const res = await tell(r.caseId, { outcome: 'referred_prosecutor', text });
    const { message } = (await res.json()) as { message: MessageView };
    expect((await settled(message.id)).message.deliveryStatus).toBe('sent');
    const sent = await smtp.next((m) => m.envelope.to.includes('mama.outcome@example.rs'));
    expect(sent.parsed.text).toContain('High-Tech Crime');

    const status = await t.api('/api/reports/status', {
      method: 'POST',
      json: { reference: r.reference, receipt: r.receipt },
    });
    const body = (await status.json()) as { outcome: { text: string } | null; messages: { text: string }[] };
    expect(body.outcome?.text).toBe(text);
    expect(body.messages.map((m) => m.text)).not.toContain(text);
  });

  it('an anonymous reporter: the outcome is only recorded, and their status page shows it', async () => {
    const r = await report({
      description: 'Video sam uznemirujući snimak deteta.',
      kind: 'report',
      language: 'sr-Cyrl',
    });
    const info = await forCase(r.caseId);
    expect(info).toMatchObject({ language: 'sr-Cyrl', reachable: false, channel: null });
    const text = (await templateFor('content_reported_to_platform', 'sr-Cyrl')).replace('{reference}', r.reference);
    const res = await tell(r.caseId, { outcome: 'content_reported_to_platform', text }, supervisor);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ delivery: 'recorded_only', message: null, outcome: { messageId: null } });
    expect(
      await t.k.store.db
        .select()
        .from(messages)
        .where(and(eq(messages.caseId, r.caseId), eq(messages.direction, 'outbound'))),
    ).toHaveLength(0);

    const page = await t.api('/report/status?lang=sr-Cyrl', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ reference: r.reference, receipt: r.receipt, language: 'sr-Cyrl' }).toString(),
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Шта је урађено');
    expect(html).toContain(text.slice(0, 40));
  });

  it('bad outcome requests name the field; unknown cases are 404; signing in is required', async () => {
    const r = await report({ description: 'Pitanje za savet.', kind: 'help' });
    const bad = await tell(r.caseId, { outcome: 'nonsense', text: 'x' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('outcome');
    const empty = await tell(r.caseId, { outcome: 'advice_given', text: '   ' });
    expect(((await empty.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('text');
    expect((await tell('00000000-0000-4000-8000-000000000000', { outcome: 'advice_given', text: 'x' })).status).toBe(
      404,
    );
    expect(
      (await t.api(`/api/cases/${r.caseId}/outcome`, { method: 'POST', json: { outcome: 'advice_given', text: 'x' } }))
        .status,
    ).toBe(401);
  });
});
