import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/domain/password.ts';
import type { Role } from '../../src/domain/taxonomy.ts';
import { messages } from '../../src/store/schema/index.ts';
import { createUserRepository } from '../../src/store/user.repository.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { ARTIFACTS, builtInbox, CHROMIUM, CHROMIUM_ARGS, type Problems, signIn, watchProblems } from './e2e-helpers.ts';

const TOKEN = 'pbx-e2e-token-0123456789abcdef';
const PASSWORD = 'telefonska linija 19833 test';
const COUNSELOR = { email: 'savetnica@test.kontakt', name: 'Milica Savetnica', role: 'counselor' as Role };
const SUPERVISOR = { email: 'supervizor@test.kontakt', name: 'Dragan Supervizor', role: 'supervisor' as Role };

/** A small generic call log; line 3 has a direction nobody knows. */
const CSV = [
  'callId;line;from;to;direction;startedAt;answeredAt;endedAt;durationSec;outcome;agent',
  'e2e-g-1;19833;064 111 2201;19833;inbound;2026-03-03 09:00:00;2026-03-03 09:00:04;2026-03-03 09:05:04;300;answered;savetnica@test.kontakt',
  'e2e-g-2;19833;064 111 2202;19833;sideways;2026-03-03 09:10:00;;2026-03-03 09:10:30;0;missed;',
  'e2e-g-3;19833;064 111 2203;19833;inbound;2026-03-03 09:20:00;2026-03-03 09:20:02;2026-03-03 09:22:02;120;answered;savetnica@test.kontakt',
].join('\n');

describe('the phone line in the inbox, in Chromium', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  let ctxC: BrowserContext;
  let ctxS: BrowserContext;
  let c: Page;
  let s: Page;
  const problems: Problems[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    kontakt = await startTestKontakt('postgres', { WEB_INBOX_DIR: builtInbox(), CALLS_API_TOKEN: TOKEN });
    const users = createUserRepository(kontakt.k.store.db);
    for (const u of [COUNSELOR, SUPERVISOR])
      await users.create({ ...u, passwordHash: await hashPassword(PASSWORD), now: new Date() });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const opts = { viewport: { width: 1280, height: 900 }, locale: 'sr-Latn-RS' };
    ctxC = await browser.newContext(opts);
    ctxS = await browser.newContext(opts);
    c = await ctxC.newPage();
    s = await ctxS.newPage();
    problems.push(watchProblems(c), watchProblems(s));
    await signIn(c, kontakt.url, COUNSELOR.email, PASSWORD);
    await signIn(s, kontakt.url, SUPERVISOR.email, PASSWORD);
    // The phone parts appear once the inbox has found the phone line's routes.
    await c.getByRole('link', { name: 'Zabeleži poziv', exact: true }).waitFor();
    await s.getByRole('link', { name: 'Zabeleži poziv', exact: true }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  const phoneMessages = () =>
    kontakt.k.store.db
      .select({ id: messages.id, caseId: messages.caseId })
      .from(messages)
      .where(and(eq(messages.channel, 'phone')));

  it('a counselor logs a call with the form (a double click logs it once), the case opens with it, and finishes a call logged in progress', async () => {
    const keys: string[] = [];
    c.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/calls/manual'))
        keys.push(r.headers()['idempotency-key'] ?? '');
    });
    const before = (await phoneMessages()).length;

    await c.getByRole('link', { name: 'Zabeleži poziv', exact: true }).click();
    const form = c.locator('dialog.call-log');
    await form.getByLabel('Broj telefona').fill('064 555 0101');
    await form.getByLabel('Trajanje (min ili min:s)').fill('7:30');
    await form.getByLabel('Kategorija').selectOption('integrity');
    await form.getByLabel('Beleška o razgovoru').fill('Devojčica (14) prijavljuje ucenu; upućena na policiju.');
    await form.getByRole('button', { name: 'Sačuvaj' }).dblclick();

    const view = c.locator('.case-view');
    await view.locator('.call-fields', { hasText: 'Devojčica (14) prijavljuje ucenu' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => c.locator('dialog').count()).toBe(0);
    const fields = view.locator('.call-fields');
    expect(await fields.textContent()).toContain('7 min 30 s');
    expect(await fields.textContent()).toContain('Dolazni');
    expect(await view.getByLabel('Kategorija', { exact: true }).inputValue()).toBe('integrity');
    await view.locator('.caller-panel .caller-number', { hasText: '+381645550101' }).waitFor();

    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    const after = await phoneMessages();
    expect(after.length).toBe(before + 1);

    // The same counselor logs a second call on this case, still going on, then finishes it.
    await view.getByRole('button', { name: 'Zabeleži poziv na ovom predmetu' }).click();
    const onCase = c.locator('dialog.call-log');
    await onCase.getByLabel('Broj telefona').fill('064 555 0101');
    await onCase.getByLabel('Beleška o razgovoru').fill('Drugi poziv, razgovor traje.');
    await onCase.getByRole('button', { name: 'Sačuvaj' }).click();
    const running = view.locator('.message', { hasText: 'Drugi poziv, razgovor traje.' });
    await running.locator('.call-fields', { hasText: 'u toku' }).waitFor({ timeout: 20_000 });
    await running.getByRole('button', { name: 'Završi poziv' }).click();
    await running.getByLabel('Trajanje (min ili min:s)').fill('3');
    await running.getByRole('button', { name: 'Sačuvaj' }).click();
    await view
      .locator('.message', { hasText: 'Drugi poziv, razgovor traje.' })
      .locator('.call-fields', { hasText: '3 min 0 s' })
      .waitFor({ timeout: 20_000 });
    const rows = await phoneMessages();
    expect(rows.length).toBe(before + 2);
    expect(new Set(rows.slice(-2).map((r) => r.caseId)).size).toBe(1);

    // Counselors cannot import call logs: the button is not there.
    expect(await c.getByRole('link', { name: 'Uvoz evidencije poziva' }).count()).toBe(0);
    await c.screenshot({ path: path.join(ARTIFACTS, 'phone-logged-call.png'), fullPage: true });
  });

  it('a supervisor imports a generic CSV and sees the report, with the rejected row and its reason', async () => {
    await s.getByRole('link', { name: 'Uvoz evidencije poziva' }).click();
    const dialog = s.locator('dialog.call-import');
    await dialog.getByLabel('CSV datoteka').setInputFiles({
      name: 'pozivi.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await dialog.getByLabel('Opšti CSV (sa zaglavljem)').check();
    await dialog.getByRole('button', { name: 'Uvezi' }).click();
    await dialog.getByRole('heading', { name: 'Izveštaj o uvozu' }).waitFor({ timeout: 20_000 });
    const count = (name: string) => dialog.locator('.import-counts tr', { hasText: name }).locator('td').textContent();
    expect(await count('Redova')).toBe('3');
    expect(await count('Uvezeno')).toBe('2');
    expect(await count('Odbijeno')).toBe('1');
    const rejected = dialog.locator('.import-rejected tbody tr');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.getAttribute('data-line')).toBe('3');
    expect(await rejected.textContent()).toMatch(/direction/);
    await s.screenshot({ path: path.join(ARTIFACTS, 'phone-import-report.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Zatvori' }).first().click();
    await expect.poll(() => s.locator('dialog').count()).toBe(0);
  });

  it('a missed call from the PBX appears in the callbacks view live; a supervisor marks the number "do not call back" and the task goes', async () => {
    await c.locator('.tab[data-view="callbacks"]').click();
    await c.getByText('Nema povratnih poziva.').waitFor();

    const startedAt = new Date(Date.now() - 2 * 60_000).toISOString();
    const res = await fetch(`${kontakt.url}/api/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        callId: `e2e-missed-${Date.now()}`,
        line: '19833',
        from: '065 777 8888',
        to: '19833',
        direction: 'inbound',
        startedAt,
        endedAt: new Date(Date.now() - 60_000).toISOString(),
        durationSec: 0,
        outcome: 'missed',
      }),
    });
    expect(res.status).toBe(202);
    const row = c.locator('.callback-row', { hasText: '+381657778888' });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('Propušten poziv');

    // The supervisor opens the caller's case from the callbacks view.
    await s.locator('.tab[data-view="callbacks"]').click();
    const sRow = s.locator('.callback-row[data-case-id]', { hasText: '+381657778888' });
    await sRow.waitFor({ timeout: 20_000 });
    const caseId = await sRow.getAttribute('data-case-id');
    await sRow.click();
    const panel = s.locator('.case-view .caller-panel');
    await panel.locator('.caller-number', { hasText: '+381657778888' }).waitFor();
    await panel.locator('.caller-callback', { hasText: 'otvoren' }).waitFor();
    await panel.getByLabel('Ne zvati nazad').check();
    await panel.getByLabel('Razlog (nije obavezan)').fill('Roditelj je zamolio da ne zovemo.');
    await panel.getByRole('button', { name: 'Sačuvaj oznaku' }).click();

    // Gone from the open callbacks, live, for the counselor; the panel says why.
    await row.waitFor({ state: 'detached', timeout: 20_000 });
    await c.getByText('Nema povratnih poziva.').waitFor();
    await panel.locator('.caller-callback', { hasText: 'Nema otvorenog povratnog poziva.' }).waitFor();
    await panel.locator('form.do-not-call.on').waitFor();
    expect(await panel.getByLabel('Ne zvati nazad').isChecked()).toBe(true);

    // A counselor sees the mark but cannot change it.
    await c.goto(`${kontakt.url}/?again=1#case=${caseId}`);
    await c.locator('#app[data-live="up"]').waitFor();
    await c.locator('.caller-panel .do-not-call.on', { hasText: 'ne zvati nazad' }).waitFor();
    expect(await c.locator('.caller-panel input[type="checkbox"]').count()).toBe(0);

    // The phone parts follow the counselor's language.
    await c.getByLabel('Jezik').selectOption('sr-Cyrl');
    await c.getByRole('link', { name: 'Забележи позив', exact: true }).waitFor();
    await c.locator('.caller-panel .do-not-call.on', { hasText: 'не звати назад' }).waitFor();
    await c.getByLabel('Језик').selectOption('en');
    await c.getByRole('button', { name: 'Log a call on this case' }).waitFor();
  });

  it('a case opened while its call ends and a note is added shows both, though its fetch answered with the older state', async () => {
    const callId = `e2e-race-${Date.now()}`;
    const call = (more: Record<string, unknown>) =>
      fetch(`${kontakt.url}/api/calls`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          callId,
          line: '19833',
          from: '066 123 4567',
          to: '19833',
          direction: 'inbound',
          startedAt: new Date(Date.now() - 60_000).toISOString(),
          answeredAt: new Date(Date.now() - 55_000).toISOString(),
          ...more,
        }),
      });
    expect((await call({})).status).toBe(202);
    const caseOfCall = async () =>
      (
        await kontakt.k.store.db
          .select({ caseId: messages.caseId })
          .from(messages)
          .where(and(eq(messages.channel, 'phone'), eq(messages.externalId, callId)))
      )[0]?.caseId;
    await expect.poll(caseOfCall, { timeout: 20_000 }).toBeTruthy();
    const caseId = (await caseOfCall()) as string;

    // The case's fetch is read at once but answered only after the live events have arrived: the
    // snapshot it carries predates the note and the call's end.
    const frames: string[] = [];
    c.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    let snapshotRead: () => void = () => {};
    const read = new Promise<void>((r) => {
      snapshotRead = r;
    });
    let answer: () => void = () => {};
    const answered = new Promise<void>((r) => {
      answer = r;
    });
    await c.route(`**/api/cases/${caseId}`, async (route) => {
      const response = await route.fetch();
      snapshotRead();
      await answered;
      await route.fulfill({ response });
    });
    await c.goto(`${kontakt.url}/?race=1#case=${caseId}`);
    await c.locator('#app[data-live="up"]').waitFor();
    await read;

    const cookie = await kontakt.login();
    const note = 'Beleška dodata dok se predmet učitavao.';
    const added = await kontakt.api(`/api/cases/${caseId}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'note', text: note },
    });
    expect(added.status).toBe(201);
    expect((await call({ endedAt: new Date().toISOString(), durationSec: 180 })).status).toBe(200);
    await expect
      .poll(
        () =>
          frames.some((f) => f.includes('"message:created"') && f.includes(note)) &&
          frames.some((f) => f.includes('"message:updated"') && f.includes(callId)),
        { timeout: 20_000 },
      )
      .toBe(true);
    answer();

    const view = c.locator('.case-view');
    await view.locator('.message', { hasText: note }).waitFor({ timeout: 10_000 });
    await view.locator('.call-fields', { hasText: '3 min 0 s' }).waitFor({ timeout: 10_000 });
    await c.unroute(`**/api/cases/${caseId}`);

    for (const p of problems) {
      expect(p.dialogs).toEqual([]);
      expect(p.pageErrors).toEqual([]);
      expect(p.consoleErrors).toEqual([]);
    }
  });
});
