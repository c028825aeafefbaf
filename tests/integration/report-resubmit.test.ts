import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, inboundEvents } from '../../src/store/schema/index.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

/** A reporter whose answer was lost posts again: one report, the same number and receipt. */
describe('a repeated web-form post is one report', () => {
  let t: TestKontakt;
  beforeAll(async () => {
    t = await startTestKontakt('postgres', { REPORT_RATE_LIMIT: '1000' });
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
});
