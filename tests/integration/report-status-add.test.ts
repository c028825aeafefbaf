import { and, eq, like } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import { cases, inboundEvents, messages } from '../../src/store/schema/index.ts';
import { nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

/** Every POST to the status routes counts against this limit, right or wrong. */
const LIMIT = 15;

describe('reporters add information to their report with the receipt code (postgres)', () => {
  let t: TestKontakt;
  let admin: string;
  let socket: Socket;
  let report: { reference: string; receipt: string; caseId: string };
  let attempts = 0;

  const addApi = (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    attempts++;
    return t.api('/api/reports/status/add', { method: 'POST', json: body, headers });
  };
  const postForm = (pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) => {
    attempts++;
    return t.api(pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  };
  const inCase = async (text: string) =>
    t.k.store.db
      .select({ id: messages.id, caseId: messages.caseId, direction: messages.direction })
      .from(messages)
      .where(eq(messages.text, text));

  beforeAll(async () => {
    t = await startTestKontakt('postgres', { STATUS_RATE_LIMIT: String(LIMIT), STATUS_RATE_WINDOW_SEC: '600' });
    admin = await t.login();
    socket = await t.socket(admin);
    const created = nextEvent<{ case: CaseSummary }>(socket, 'case:created');
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Neko mi šalje ružne poruke na Instagramu.', category: 'integrity', language: 'sr-Latn' },
    });
    const body = (await res.json()) as { reference: string; receipt: string };
    report = { ...body, caseId: (await created).case.id };
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('arrives in that case live, through the intake queue, exactly once however often it is sent', async () => {
    const text = 'Setila sam se: nalog se zove @ruzne_poruke_123.';
    const key = '3f1c2b9e-8a47-4d2f-9c1e-5b6a7d8e9f01';
    const live = nextEvent<{ caseId: string; message: MessageView; case: CaseSummary }>(
      socket,
      'message:created',
      (e) => e.message.text === text,
    );
    const first = await addApi({
      reference: report.reference.toLowerCase(),
      receipt: report.receipt,
      description: text,
      key,
    });
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ reference: report.reference, added: true, duplicate: false });
    const event = await live;
    expect(event.caseId).toBe(report.caseId);
    expect(event.message).toMatchObject({ direction: 'inbound', channel: 'web_form' });

    const again = await addApi({ reference: report.reference, receipt: report.receipt, description: text, key });
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ added: true, duplicate: true });
    // The resubmission is the same inbound event: nothing new was recorded, so nothing can be applied twice.
    const events = await t.k.store.db
      .select()
      .from(inboundEvents)
      .where(like(inboundEvents.externalId, `status-add:${report.caseId}:%`));
    expect(events).toHaveLength(1);
    expect(events[0]?.status).toBe('applied');
    expect(await inCase(text)).toEqual([expect.objectContaining({ caseId: report.caseId, direction: 'inbound' })]);
  });

  it('the status page offers the form; a reload of the post adds nothing twice; a closed case takes it and reopens', async () => {
    await t.api(`/api/cases/${report.caseId}`, { method: 'PATCH', cookie: admin, json: { status: 'closed' } });
    const [closed] = await t.k.store.db.select({ status: cases.status }).from(cases).where(eq(cases.id, report.caseId));
    expect(closed?.status).toBe('closed');

    const page = await postForm('/report/status', {
      reference: report.reference,
      receipt: report.receipt,
      language: 'en',
    });
    const html = await page.text();
    expect(html).toContain('action="/report/status/add"');
    expect(html).toContain('Add information to your report');
    const key = /name="key" value="([0-9a-f-]{36})"/.exec(html)?.[1];
    expect(key).toBeDefined();

    const text = 'He wrote again today and said he knows my school.';
    const live = nextEvent<{ caseId: string; message: MessageView }>(
      socket,
      'message:created',
      (e) => e.message.text === text,
    );
    const fields = {
      reference: report.reference,
      receipt: report.receipt,
      language: 'en',
      key: key ?? '',
      description: text,
    };
    const sent = await postForm('/report/status/add', fields, { origin: t.url });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('We have added this to your report');
    expect((await live).caseId).toBe(report.caseId);
    const reload = await postForm('/report/status/add', fields, { origin: t.url });
    expect(reload.status).toBe(200);
    expect(await inCase(text)).toHaveLength(1);
    const [reopened] = await t.k.store.db
      .select({ status: cases.status })
      .from(cases)
      .where(eq(cases.id, report.caseId));
    expect(reopened).toEqual({ status: expect.any(String) });
    expect(reopened?.status).not.toBe('closed');
  });

  it('a wrong code and an unknown number get the same answer, and nothing is added', async () => {
    const text = 'Ovo ne sme nigde da stigne.';
    const wrong = await addApi({ reference: report.reference, receipt: 'AAAA-BBBB-CCCC-DDDD', description: text });
    const unknown = await addApi({ reference: 'KC-2026-999999', receipt: report.receipt, description: text });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await wrong.json()).toEqual(await unknown.json());
    const html = await postForm('/report/status/add', {
      reference: report.reference,
      receipt: 'AAAA-BBBB-CCCC-DDDD',
      description: text,
      language: 'sr-Latn',
    });
    expect(html.status).toBe(404);
    expect(await html.text()).toContain('Nismo pronašli prijavu');
    expect(await inCase(text)).toHaveLength(0);
  });

  it('invalid input is a 400 naming the field, in the reporter’s language, like the report form', async () => {
    const empty = await addApi({
      reference: report.reference,
      receipt: report.receipt,
      description: '  ',
      language: 'sr-Cyrl',
    });
    expect(empty.status).toBe(400);
    const body = (await empty.json()) as { error: string; fields: { field: string; code: string; message: string }[] };
    expect(body.error).toBe('validation');
    expect(body.fields).toEqual([
      { field: 'description', code: 'required', message: expect.stringMatching(/^Напишите/) },
    ]);

    const long = await addApi({
      reference: report.reference,
      receipt: report.receipt,
      description: 'x'.repeat(20_001),
    });
    expect(((await long.json()) as { fields: { field: string; code: string }[] }).fields[0]).toMatchObject({
      field: 'description',
      code: 'too_long',
    });
    const noCode = await addApi({ reference: report.reference, description: 'tekst', language: 'en' });
    expect(((await noCode.json()) as { fields: { field: string; message: string }[] }).fields[0]).toEqual({
      field: 'receipt',
      code: 'required',
      message: 'Please fill in “Receipt code”.',
    });

    const form = await postForm('/report/status/add', {
      reference: report.reference,
      receipt: report.receipt,
      description: '',
      language: 'en',
    });
    expect(form.status).toBe(400);
    const html = await form.text();
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('Please tell us briefly what you saw or what happened.');
  });

  it('a post from another site is refused', async () => {
    const text = 'Poslato sa tuđeg sajta.';
    const fields = { reference: report.reference, receipt: report.receipt, description: text, language: 'en' };
    const form = await postForm('/report/status/add', fields, { origin: 'https://evil.example' });
    expect(form.status).toBe(403);
    const api = await addApi(fields, { 'sec-fetch-site': 'cross-site' });
    expect(api.status).toBe(403);
    // Without TRUST_PROXY a forwarded host is anyone's to write: it cannot vouch for the other site.
    const forwarded = await postForm('/report/status/add', fields, {
      origin: 'https://evil.example',
      'x-forwarded-host': 'evil.example',
    });
    expect(forwarded.status).toBe(403);
    expect(await inCase(text)).toHaveLength(0);
  });

  it('adding counts against the status page limit, right or wrong', async () => {
    let last: Response | undefined;
    while (attempts < LIMIT) {
      last = await addApi({ reference: report.reference, receipt: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', description: 'x' });
      expect(last.status).toBe(404);
    }
    const over = await addApi({
      reference: report.reference,
      receipt: report.receipt,
      description: 'x',
      language: 'en',
    });
    expect(over.status).toBe(429);
    expect(await over.json()).toMatchObject({ error: 'rate_limited' });
    expect(
      await t.k.store.db
        .select()
        .from(messages)
        .where(and(eq(messages.caseId, report.caseId), eq(messages.text, 'x'))),
    ).toHaveLength(0);
  });
});
