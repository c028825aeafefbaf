import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobRepository } from '../../src/store/blob.repository.ts';
import { attachments, auditLog, messages } from '../../src/store/schema/index.ts';
import { eventually, seedUser, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { ARTIFACTS, builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';
const MARKUP = `Preti mi ${HOSTILE} <script>window.__pwned=1</script> <b>jako</b> <a href="javascript:alert(2)">klik</a>`;
const BOJANA = { email: 'bojana@test.kontakt', password: 'druga lozinka za test 2026', name: 'Bojana Savetnica' };
/** A 1×1 PNG: if it were ever shown inline, an <img> would appear in the page. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('two counselors working together in Chromium', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  let ctxA: BrowserContext;
  let ctxB: BrowserContext;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    kontakt = await startTestKontakt('pglite', { WEB_INBOX_DIR: builtInbox(), REPORT_RATE_LIMIT: '100' });
    await seedUser(kontakt, BOJANA.email, 'counselor', BOJANA.password, BOJANA.name);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const opts = { viewport: { width: 1280, height: 900 }, locale: 'sr-Latn-RS', acceptDownloads: true };
    ctxA = await browser.newContext(opts);
    ctxB = await browser.newContext(opts);
  });

  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  const report = async (description: string, extra: Record<string, unknown> = {}) => {
    const res = await kontakt.api('/api/reports', { method: 'POST', json: { description, kind: 'help', ...extra } });
    expect(res.status).toBe(202);
    return ((await res.json()) as { reference: string }).reference;
  };
  const rowOf = (page: Page, reference: string) => page.locator(`button.case-row[data-reference="${reference}"]`);

  it('shares one live inbox: report, claim, viewing, note, category, reconnect, reveal, hostile text, language', async () => {
    const a = await ctxA.newPage();
    const b = await ctxB.newPage();
    const problemsA = watchProblems(a);
    const problemsB = watchProblems(b);
    await signIn(a, kontakt.url, kontakt.admin.email, kontakt.admin.password);
    await signIn(b, kontakt.url, BOJANA.email, BOJANA.password);

    // A report from the public form shows up in both lists, live.
    const reference = await report(MARKUP, { anonymous: false, email: 'roditelj@example.rs', consent: true });
    await rowOf(a, reference).waitFor({ timeout: 20_000 });
    await rowOf(b, reference).waitFor({ timeout: 20_000 });
    expect(await rowOf(b, reference).textContent()).toContain(HOSTILE);

    // A quarantined image on that report: listed, never shown.
    const [inbound] = await kontakt.k.store.db.select().from(messages).where(eq(messages.direction, 'inbound'));
    if (!inbound) throw new Error('no inbound message');
    const blob = await createBlobRepository(kontakt.k.store.db).put(PNG, 'image/png');
    await kontakt.k.store.db.insert(attachments).values({
      messageId: inbound.id,
      fileName: 'snimak-ekrana.png',
      contentType: 'image/png',
      size: blob.size,
      sha256: blob.sha256,
      storageKey: blob.sha256,
      createdAt: new Date(),
    });

    // A opens and claims it: B's list shows the claim and that A is viewing it.
    await rowOf(a, reference).click();
    const viewA = a.locator('.case-view');
    await viewA.getByRole('heading', { name: reference }).waitFor();
    await viewA.getByRole('button', { name: 'Preuzmi predmet' }).click();
    await rowOf(b, reference).locator('.badge.assignee', { hasText: 'Administrator' }).waitFor();
    await rowOf(b, reference).locator('.badge.viewing', { hasText: 'Administrator' }).waitFor();

    // Hostile markup in the reporter's words is text: no element, no script, no dialog.
    expect(await viewA.locator('.message-inbound .message-text').textContent()).toBe(MARKUP);
    expect(await a.locator('img, script:not([src]), .thread a').count()).toBe(0);
    expect(await a.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // The attachment is listed by name, type and size, and hidden.
    const file = viewA.locator('.attachment', { hasText: 'snimak-ekrana.png' });
    await file.getByText('Skriveno dok ga ne otvorite namerno').waitFor();
    expect(await file.textContent()).toContain('image/png');

    // B opens the same case: each sees the other.
    await rowOf(b, reference).click();
    const viewB = b.locator('.case-view');
    await viewB.getByRole('heading', { name: reference }).waitFor();
    await viewB.locator('.presence', { hasText: 'Administrator' }).waitFor();
    await viewA.locator('.presence', { hasText: BOJANA.name }).waitFor();

    // A writes a note; B sees it arrive.
    const note = `Razgovarati sa roditeljem ${Date.now()}`;
    await viewA.getByLabel('Tekst poruke').fill(note);
    await viewA.getByRole('button', { name: 'Pošalji' }).click();
    await viewB.locator('.message-note .message-text', { hasText: note }).waitFor();

    // A changes the category; B's list and open case follow.
    await viewA.getByLabel('Kategorija', { exact: true }).selectOption('integrity');
    await rowOf(b, reference).locator('.badge.category', { hasText: 'Ugrožavanje integriteta deteta' }).waitFor();
    expect(await viewB.getByLabel('Kategorija', { exact: true }).inputValue()).toBe('integrity');

    // A tags it; B's list shows the tag.
    await viewA.getByLabel('Oznake').fill('škola');
    await viewA.getByLabel('Oznake').press('Enter');
    await rowOf(b, reference).locator('.badge.tag', { hasText: '#škola' }).waitFor();
    await viewB.locator('.tags .tag', { hasText: 'škola' }).waitFor();

    // A starts a reply; B, about to reply too, sees A typing and is warned before sending.
    await viewA.getByRole('radio', { name: 'Odgovor podnosiocu' }).check();
    await viewA.getByLabel('Tekst poruke').pressSequentially('Poštovani, ');
    await viewB.locator('.presence .typing', { hasText: 'Administrator' }).waitFor();
    await viewB.getByRole('radio', { name: 'Odgovor podnosiocu' }).check();
    await viewB.getByLabel('Tekst poruke').fill('Hvala na prijavi.');
    await viewB.getByRole('button', { name: 'Pošalji' }).click();
    await viewB.locator('.collision', { hasText: 'Administrator upravo piše odgovor' }).waitFor();
    expect(await viewB.locator('.message-outbound').count()).toBe(0);
    await viewB.getByRole('button', { name: 'Ipak pošalji' }).click();
    await viewA.locator('.message-outbound .message-text', { hasText: 'Hvala na prijavi.' }).waitFor();
    // No e-mail channel here: the reply waits, and the reason is said in words, not as a code.
    await viewA.locator('.message-outbound .delivery', { hasText: 'nema kanala kojim se može odgovoriti' }).waitFor();

    // B's draft survives a reload.
    await viewB.getByRole('radio', { name: 'Interna beleška' }).check();
    await viewB.getByLabel('Tekst poruke').fill('nacrt koji ostaje');
    await b.reload();
    await b.locator('#app[data-live="up"]').waitFor();
    await expect.poll(() => b.locator('.case-view').getByLabel('Tekst poruke').inputValue()).toBe('nacrt koji ostaje');

    // B's connection drops; meanwhile a new report arrives and A raises the priority.
    await b.locator('.case-view .case-title-row .close').click();
    await ctxB.setOffline(true);
    await b.locator('#app[data-live="down"]').waitFor();
    await b.getByText('Veza je prekinuta, ponovno povezivanje…').waitFor();
    const missed = await report('Stigla dok je Bojana bila van mreže');
    await rowOf(a, missed).waitFor();
    await viewA.getByLabel('Prioritet').selectOption('urgent');
    await rowOf(a, reference).locator('.badge.priority-urgent').waitFor();
    expect(await rowOf(b, missed).count()).toBe(0);
    await ctxB.setOffline(false);
    await b.locator('#app[data-live="up"]').waitFor({ timeout: 20_000 });
    await rowOf(b, missed).waitFor();
    await rowOf(b, reference).locator('.badge.priority-urgent', { hasText: 'Hitno' }).waitFor();
    await b.locator('.tab[data-view="urgent"] .count', { hasText: '1' }).waitFor();
    await b.screenshot({ path: path.join(ARTIFACTS, 'inbox-together-list.png'), fullPage: true });

    // Keyboard: j moves through the list, Enter opens, n starts a note.
    await b.locator('body').click({ position: { x: 5, y: 880 } });
    await b.keyboard.press('j');
    await b.keyboard.press('Enter');
    await b.locator('.case-view h2').waitFor();
    await b.keyboard.press('n');
    await expect.poll(() => b.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');

    // Reveal: a deliberate second click, audited, delivered as a download (never inline).
    const revealBtn = file.getByRole('button', { name: 'Prikaži (beleži se)' });
    await revealBtn.click();
    expect(await auditRows(kontakt, 'attachment.reveal')).toBe(0);
    const answer = a.waitForResponse((r) => r.url().includes('/api/attachments/') && r.request().method() === 'POST');
    await file.getByRole('button', { name: 'Potvrdi otvaranje' }).click();
    const res = await answer;
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    await file.locator('.revealed').waitFor();
    expect(await a.locator('img').count()).toBe(0);
    await eventually(async () => (await auditRows(kontakt, 'attachment.reveal')) === 1);
    await a.screenshot({ path: path.join(ARTIFACTS, 'inbox-together-case.png'), fullPage: true });

    // The callbacks view exists only where the phone channel answers /api/callbacks.
    const callbacks = (await kontakt.api('/api/callbacks', { cookie: await kontakt.login() })).status === 200;
    await expect.poll(() => b.locator('.tab[data-view="callbacks"]').count()).toBe(callbacks ? 1 : 0);
    if (callbacks) {
      await b.locator('.tab[data-view="callbacks"]').click();
      await b.getByText('Nema povratnih poziva.').waitFor();
      await b.locator('.tab[data-view="open"]').click();
      await rowOf(b, reference).waitFor();
    }

    // Language: B switches to Cyrillic, A to English; the interface follows.
    await b.getByLabel('Jezik').selectOption('sr-Cyrl');
    await b.getByRole('button', { name: 'Одјава' }).waitFor();
    await b.locator('.tab[data-view="mine"]', { hasText: 'Моји' }).waitFor();
    await a.getByLabel('Jezik').selectOption('en');
    await a.getByRole('button', { name: 'Sign out' }).waitFor();
    await a.locator('.tab[data-view="unassigned"]', { hasText: 'Unassigned' }).waitFor();

    for (const p of [problemsA, problemsB]) {
      expect(p.dialogs).toEqual([]);
      expect(p.pageErrors).toEqual([]);
      expect(p.consoleErrors).toEqual([]);
    }
  });
});

async function auditRows(k: TestKontakt, action: string): Promise<number> {
  const rows = await k.k.store.db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityType, 'attachment')));
  return rows.length;
}
