import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../src/inbox/contract.ts';
import { nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

/** Every POST to the status page counts against this limit, right or wrong. */
const LIMIT = 8;

describe('reporters check their report with the receipt code (postgres)', () => {
  let t: TestKontakt;
  let admin: string;
  let report: { reference: string; receipt: string; caseId: string };
  let attempts = 0;

  const checkApi = (reference: string, receipt: string) => {
    attempts++;
    return t.api('/api/reports/status', { method: 'POST', json: { reference, receipt } });
  };
  const checkForm = (fields: Record<string, string>) => {
    attempts++;
    return t.api('/report/status', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  };

  beforeAll(async () => {
    t = await startTestKontakt('postgres', { STATUS_RATE_LIMIT: String(LIMIT), STATUS_RATE_WINDOW_SEC: '600' });
    admin = await t.login();
    const socket = await t.socket(admin);
    const created = nextEvent<{ case: CaseSummary }>(socket, 'case:created');
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: {
        description: 'Neko deli moje slike bez dozvole. Moj telefon je 064 111 2222.',
        category: 'integrity',
        kind: 'help',
        language: 'sr-Latn',
      },
    });
    const body = (await res.json()) as { reference: string; receipt: string };
    report = { ...body, caseId: (await created).case.id };
    socket.disconnect();
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('shows the form in the three languages', async () => {
    for (const [lang, word] of [
      ['sr-Latn', 'Kod potvrde'],
      ['sr-Cyrl', 'Код потврде'],
      ['en', 'Receipt code'],
    ] as const) {
      const res = await t.api(`/report/status?lang=${lang}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`lang="${lang}"`);
      expect(html).toContain(word);
      expect(html).toContain('action="/report/status"');
    }
  });

  it('serves every stylesheet the page links, as CSS', async () => {
    const html = await (await t.api('/report/status')).text();
    const hrefs = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1] ?? '');
    expect(hrefs.length).toBeGreaterThan(1);
    for (const href of hrefs) {
      const res = await t.api(href);
      expect(res.status, href).toBe(200);
      expect(res.headers.get('content-type'), href).toMatch(/^text\/css/);
      expect((await res.text()).length, href).toBeGreaterThan(0);
    }
  });

  it('the right code shows the public status and what the centre wrote to the reporter, nothing else', async () => {
    const first = await checkApi(report.reference.toLowerCase(), report.receipt.toLowerCase().replace(/-/g, ' '));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ reference: report.reference, status: 'received', messages: [] });

    const note = 'Interna beleška: savetnik Marko, proveriti broj 064 111 2222';
    await t.api(`/api/cases/${report.caseId}/messages`, {
      method: 'POST',
      cookie: admin,
      json: { kind: 'note', text: note },
    });
    const outcome = 'Vaša prijava je obrađena; sadržaj je uklonjen sa platforme.';
    await t.api(`/api/cases/${report.caseId}/messages`, {
      method: 'POST',
      cookie: admin,
      json: { kind: 'reply', text: outcome },
    });
    const closed = await t.api(`/api/cases/${report.caseId}`, {
      method: 'PATCH',
      cookie: admin,
      json: { status: 'closed' },
    });
    expect(closed.status).toBe(200);

    const res = await checkApi(report.reference, report.receipt);
    const body = (await res.json()) as { status: string; messages: { text: string }[] };
    expect(body.status).toBe('closed');
    expect(body.messages.map((m) => m.text)).toEqual([outcome]);
    const raw = JSON.stringify(body);
    expect(raw).not.toContain('Marko');
    // The phone number from the report and the note, not any "064" (a timestamp's milliseconds can be 064).
    expect(raw).not.toContain('064 111 2222');
    expect(raw).not.toContain('Neko deli');
    expect(raw).not.toContain(report.caseId);

    const page = await checkForm({ reference: report.reference, receipt: report.receipt, language: 'en' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Closed');
    expect(html).toContain('sadržaj je uklonjen');
    expect(html).not.toContain('Marko');
  });

  it('a wrong code answers exactly like an unknown reference', async () => {
    const wrong = await checkApi(report.reference, 'AAAA-BBBB-CCCC-DDDD');
    const unknown = await checkApi('KC-1999-000001', report.receipt);
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await wrong.text()).toBe(await unknown.text());

    const wrongPage = await checkForm({ reference: report.reference, receipt: 'nope', language: 'sr-Cyrl' });
    const unknownPage = await checkForm({ reference: 'KC-1999-000001', receipt: 'nope', language: 'sr-Cyrl' });
    expect(wrongPage.status).toBe(404);
    const html = await wrongPage.text();
    expect(html).toContain('Нисмо пронашли пријаву');
    // Identical but for the reference echoed back into the form.
    expect(html.replaceAll(report.reference, 'REF')).toBe(
      (await unknownPage.text()).replaceAll('KC-1999-000001', 'REF'),
    );
  });

  it('limits checks per address; past the limit even the right code is refused', async () => {
    expect(attempts).toBeLessThan(LIMIT);
    while (attempts < LIMIT) expect((await checkApi(report.reference, 'WRONG')).status).toBe(404);
    const limited = await checkApi(report.reference, report.receipt);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    // The form itself still opens: only checks are counted.
    expect((await t.api('/report/status')).status).toBe(200);
  });
});
