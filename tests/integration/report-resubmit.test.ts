import { randomUUID } from 'node:crypto';
import { count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/channels/web-form/report-page/escape.ts';
import { t as msgT } from '../../src/i18n/messages.ts';
import { st } from '../../src/i18n/report-status.messages.ts';
import { cases, inboundEvents } from '../../src/store/schema/index.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

/** A reporter whose answer was lost posts again: one report, the same number and receipt. */
describe('a repeated web-form post is one report', () => {
  let t: TestKontakt;
  beforeAll(async () => {
    t = await startTestKontakt('postgres', { REPORT_RATE_LIMIT: '1000', STATUS_RATE_LIMIT: '1000' });
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  const webFormCases = async () => {
    const [c] = await t.k.store.db.select({ n: count() }).from(cases).where(eq(cases.channel, 'web_form'));
    return c?.n ?? 0;
  };

  it('the API with the same Idempotency-Key answers the same reference and receipt, stored once', async () => {
    const key = randomUUID();
    const post = () =>
      t.api('/api/reports', {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        json: { description: 'Neko mi preti na Instagramu.', language: 'sr-Latn' },
      });
    const first = await post();
    expect(first.status).toBe(202);
    const a = (await first.json()) as { reference: string; receipt: string };
    // Concurrent repeats as well as a later one.
    const again = await Promise.all([post(), post(), post()]);
    for (const res of again) {
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual(a);
    }
    const events = await t.k.store.db
      .select({ id: inboundEvents.id })
      .from(inboundEvents)
      .where(eq(inboundEvents.externalId, `form:${key}`));
    expect(events).toHaveLength(1);
    await eventually(async () => ((await webFormCases()) === 1 ? true : undefined), 30_000);

    // The receipt answered to the repeat opens the status page of that one report.
    const status = await t.api('/api/reports/status', {
      method: 'POST',
      json: { reference: a.reference, receipt: a.receipt },
    });
    expect(status.status).toBe(200);

    // A different key is a different report.
    const other = await t.api('/api/reports', {
      method: 'POST',
      headers: { 'Idempotency-Key': randomUUID() },
      json: { description: 'Neko mi preti na Instagramu.', language: 'sr-Latn' },
    });
    const b = (await other.json()) as { reference: string; receipt: string };
    expect(b.reference).not.toBe(a.reference);
    expect(b.receipt).not.toBe(a.receipt);
    await eventually(async () => ((await webFormCases()) === 2 ? true : undefined), 30_000);
  });

  it('the HTML form carries a submission key; posting it twice shows the same number', async () => {
    const page = await (await fetch(`${t.url}/report`)).text();
    const key = /name="submission" value="([0-9a-f-]{36})"/.exec(page)?.[1];
    expect(key).toBeDefined();
    const form = new URLSearchParams({
      description: 'Dobijam pretnje.',
      language: 'sr-Latn',
      kind: 'report',
      submission: key as string,
    });
    const post = () =>
      fetch(`${t.url}/report`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
    const one = await (await post()).text();
    const two = await (await post()).text();
    const ref = (html: string) => /KC-\d{4}-\d{6}/.exec(html)?.[0];
    expect(ref(one)).toBeDefined();
    expect(ref(two)).toBe(ref(one));
    const events = await t.k.store.db
      .select({ id: inboundEvents.id })
      .from(inboundEvents)
      .where(eq(inboundEvents.externalId, `form:${key}`));
    expect(events).toHaveLength(1);

    // A form shown again with errors keeps its key.
    const bad = await fetch(`${t.url}/report`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ description: '', submission: key as string }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(`value="${key}"`);
  });

  it('a malformed key is a 400 naming the field', async () => {
    const res = await t.api('/api/reports', {
      method: 'POST',
      headers: { 'Idempotency-Key': 'not-a-uuid' },
      json: { description: 'x', language: 'en' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fields: { field: string }[] };
    expect(body.fields.map((f) => f.field)).toContain('submission');
  });
  it('the same Idempotency-Key with other content is a 409 naming the key, and reveals nothing of the first report', async () => {
    const key = randomUUID();
    const post = (json: Record<string, unknown>) =>
      t.api('/api/reports', { method: 'POST', headers: { 'Idempotency-Key': key }, json });
    const original = { description: 'Prva prijava: preti mi neko.', language: 'sr-Latn' };
    const first = await post(original);
    expect(first.status).toBe(202);
    const a = (await first.json()) as { reference: string; receipt: string };
    const others: Record<string, unknown>[] = [
      { ...original, description: 'Sasvim druga prijava.' },
      { ...original, urls: ['https://example.com/profil'] },
      { ...original, anonymous: false, email: 'druga.osoba@example.com', consent: true },
      { ...original, category: 'integrity' },
      { ...original, kind: 'help' },
      { ...original, ageGroup: '13_15' },
    ];
    for (const other of others) {
      const res = await post(other);
      expect(res.status).toBe(409);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: 'idempotency_key_reused',
        field: 'submission',
        message: expect.stringMatching(/\S/),
      });
      expect(text).not.toContain(a.reference);
      expect(text).not.toContain(a.receipt);
    }
    // The same content again (the language written another way is the same language) is the same report.
    const same = await post({ ...original, language: 'sr-latn' });
    expect(same.status).toBe(202);
    expect(await same.json()).toEqual(a);
    const events = await t.k.store.db
      .select()
      .from(inboundEvents)
      .where(eq(inboundEvents.externalId, `form:${key}`));
    expect(events).toHaveLength(1);
    expect(events[0]?.envelope).toMatchObject({ message: { text: original.description } });
  });

  it('the HTML form posted again with other content gets a 409 page in its language, with a fresh key', async () => {
    const key = randomUUID();
    const post = (description: string, lang: string) =>
      fetch(`${t.url}/report?lang=${lang}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ description, language: lang, kind: 'report', submission: key }),
      });
    expect((await post('Prvi tekst.', 'sr-Latn')).status).toBe(200);
    for (const lang of ['sr-Latn', 'sr-Cyrl', 'en'] as const) {
      const res = await post(`Drugi tekst ${lang}.`, lang);
      expect(res.status).toBe(409);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain(escapeHtml(msgT(lang, 'errors.keyReused')));
      expect(html).not.toMatch(/KC-\d{4}-\d{6}/);
      // The text is kept for sending as a new report, under a new key.
      expect(html).toContain(`Drugi tekst ${lang}.`);
      const fresh = /name="submission" value="([0-9a-f-]{36})"/.exec(html)?.[1];
      expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
      expect(fresh).not.toBe(key);
    }
  });

  it('a key stored before content hashes existed still answers its first report (no false 409 after upgrade)', async () => {
    const key = randomUUID();
    const post = (description: string) =>
      t.api('/api/reports', {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        json: { description, language: 'en' },
      });
    const first = await post('Stored before the upgrade.');
    const a = await first.json();
    await t.k.store.db
      .update(inboundEvents)
      .set({ contentHash: null })
      .where(eq(inboundEvents.externalId, `form:${key}`));
    const later = await post('Written a little differently.');
    expect(later.status).toBe(202);
    expect(await later.json()).toEqual(a);
  });

  it('adding information: the same key with other text is a 409 (API and page); the same text is one addition', async () => {
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Osnovna prijava.', language: 'en' },
    });
    const report = (await res.json()) as { reference: string; receipt: string };
    // Information can be added once the worker has opened the case.
    await eventually(
      async () =>
        (await t.api('/api/reports/status', { method: 'POST', json: report })).status === 200 ? true : undefined,
      30_000,
    );
    const key = randomUUID();
    const add = (description: string) =>
      t.api('/api/reports/status/add', { method: 'POST', json: { ...report, description, key } });
    expect((await add('Dodatak jedan.')).status).toBe(202);
    const again = await add('Dodatak jedan.');
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ duplicate: true });
    const other = await add('Nešto sasvim drugo.');
    expect(other.status).toBe(409);
    expect(await other.json()).toEqual({
      error: 'idempotency_key_reused',
      field: 'key',
      message: expect.stringMatching(/\S/),
    });
    const page = await fetch(`${t.url}/report/status/add?lang=en`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...report, description: 'Treći tekst.', key }),
    });
    expect(page.status).toBe(409);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain(escapeHtml(st('en', 'addKeyReused')));
    expect(html).toContain('Treći tekst.');
    // The page offers a fresh key for the new text, never the one that was refused.
    const offered = /name="key" value="([^"]*)"/.exec(html)?.[1];
    expect(offered).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(offered).not.toBe(key);
    const [c] = await t.k.store.db.select({ id: cases.id }).from(cases).where(eq(cases.reference, report.reference));
    const events = await t.k.store.db
      .select()
      .from(inboundEvents)
      .where(like(inboundEvents.externalId, `status-add:${c?.id}:%`));
    expect(events).toHaveLength(1);
  });

  it('every page that embeds a key is sent with Cache-Control: no-store', async () => {
    for (const path of ['/report', '/report?kind=help', '/report?lang=en', '/report/status']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('the API takes language tags as clients send them', async () => {
    for (const language of ['en-GB', 'sr-RS', 'sr-Cyrl-RS', 'sr_Latn_RS']) {
      const res = await t.api('/api/reports', { method: 'POST', json: { description: 'Test.', language } });
      expect(res.status).toBe(202);
    }
    const bad = await t.api('/api/reports', { method: 'POST', json: { description: 'Test.', language: 'de-DE' } });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { fields: { field: string }[] };
    expect(body.fields.map((f) => f.field)).toEqual(['language']);
  });
});
