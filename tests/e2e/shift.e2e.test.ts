import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { ARTIFACTS, builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

const VESNA = { email: 'vesna@shift.test', password: 'nocna smena lozinka 2026', name: 'Vesna Savetnica' };
const SANJA = { email: 'sanja@shift.test', password: 'supervizorka lozinka 2026', name: 'Sanja Supervizorka' };

/** Every `new Notification(...)` the page makes, kept for the test; the browser's permission still decides. */
const CAPTURE_NOTIFICATIONS = `
  (() => {
    const Real = window.Notification;
    const seen = [];
    window.__notifications = seen;
    class Captured {
      constructor(title, opts) { seen.push({ title, body: (opts && opts.body) || null }); }
      close() {}
      static get permission() { return Real.permission; }
      static requestPermission() { return Real.requestPermission(); }
    }
    window.Notification = Captured;
  })();
`;

describe('the night shift in Chromium: a background tab notices, the board shows it', () => {
  let kontakt: TestKontakt;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    kontakt = await startTestKontakt('pglite', { WEB_INBOX_DIR: builtInbox(), REPORT_RATE_LIMIT: '100' });
    await seedUser(kontakt, VESNA.email, 'counselor', VESNA.password, VESNA.name);
    await seedUser(kontakt, SANJA.email, 'supervisor', SANJA.password, SANJA.name);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  it('raises a notification and the tab count in the background; the board shows the case until it is taken and who is busy', async () => {
    const opts = { viewport: { width: 1280, height: 900 }, locale: 'sr-Latn-RS' };
    const counselor = await browser.newContext(opts);
    await counselor.grantPermissions(['notifications'], { origin: kontakt.url });
    await counselor.addInitScript(CAPTURE_NOTIFICATIONS);
    const inbox = await counselor.newPage();
    const problems = watchProblems(inbox);
    await signIn(inbox, kontakt.url, VESNA.email, VESNA.password);
    const title = await inbox.title();

    const wall = await (await browser.newContext({ ...opts, viewport: { width: 1920, height: 1080 } })).newPage();
    await signIn(wall, kontakt.url, SANJA.email, SANJA.password);
    await wall.goto(`${kontakt.url}/board`);
    await wall.locator('.board').waitFor();

    // Another tab in front: the inbox is in the background. Playwright makes every page think it has
    // the focus; without that emulation the tab in front has it and the inbox does not.
    const cdp = await counselor.newCDPSession(inbox);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const other = await counselor.newPage();
    await other.goto('about:blank');
    await other.bringToFront();
    await inbox.waitForFunction(() => document.hidden || !document.hasFocus());

    const res = await kontakt.api('/api/reports', {
      method: 'POST',
      json: { description: 'Ne mogu više. Ubiću se večeras ako ovo ne prestane.', language: 'sr-Latn' },
    });
    expect(res.status).toBe(202);
    const { reference } = (await res.json()) as { reference: string };

    await inbox.waitForFunction(() => (window as unknown as { __notifications: unknown[] }).__notifications.length > 0);
    const shown = await inbox.evaluate(
      () => (window as unknown as { __notifications: { title: string; body: string | null }[] }).__notifications,
    );
    // Reference only: showing the words is off by default.
    expect(shown).toEqual([{ title: `Novi hitan predmet ${reference}`, body: null }]);
    expect(await inbox.title()).toBe(`(1) ${title}`);

    // The board, live: urgent and unassigned.
    const urgentRow = wall.locator(`.board-urgent .board-case[data-reference="${reference}"]`);
    await urgentRow.waitFor();
    expect(await urgentRow.getAttribute('data-assigned')).toBe('no');
    await wall.locator(`.board-unassigned .board-case[data-reference="${reference}"]`).waitFor();
    await wall.screenshot({ path: path.join(ARTIFACTS, 'shift-board.png') });

    // Back to the inbox: the count goes; she takes the case; the board follows without a reload.
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
    await inbox.bringToFront();
    await inbox.evaluate(() => window.dispatchEvent(new FocusEvent('focus')));
    await inbox.waitForFunction((t) => document.title === t, title);
    await inbox.locator(`button.case-row[data-reference="${reference}"]`).click();
    await inbox.locator('.case-view').getByRole('button', { name: 'Preuzmi predmet' }).click();
    await wall.locator(`.board-urgent .board-case[data-reference="${reference}"][data-assigned="yes"]`).waitFor();
    await wall.locator(`.board-unassigned .board-case[data-reference="${reference}"]`).waitFor({ state: 'detached' });
    expect(await wall.locator(`.board-on-duty li[data-state="available"]`).count()).toBeGreaterThanOrEqual(2);

    // She goes on a call: busy, on the board at once; and in the rail's list of who is on duty.
    await inbox.locator('select.availability-state').selectOption('busy');
    await wall.locator('.board-on-duty li[data-state="busy"]').filter({ hasText: VESNA.name }).waitFor();
    await inbox.locator('details.on-duty summary').click();
    await inbox.locator('details.on-duty li[data-state="busy"]').filter({ hasText: VESNA.name }).waitFor();

    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await counselor.close();
  });
});
