import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpRelay, type TcpRelay } from '../faults/fault-kit.ts';
import { type Dovecot, startDovecot } from '../helpers/dovecot.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

const BOX = 'centar@test.rs';

describe('channel health banner in the web inbox (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  let dovecot: Dovecot;
  let relay: TcpRelay;
  let smtp: SmtpSink;
  const dist = builtInbox();

  beforeAll(async () => {
    dovecot = await startDovecot();
    dovecot.addUser(BOX);
    relay = await startTcpRelay(dovecot.port);
    smtp = await startSmtpSink();
    kontakt = await startTestKontakt('postgres', {
      WEB_INBOX_DIR: dist,
      IMAP_URL: dovecot.imapUrl(BOX).replace(`:${dovecot.port}/`, `:${relay.port}/`),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Kontakt centar <centar@test.rs>',
      EMAIL_RESYNC_SEC: '3600',
      EMAIL_RECONNECT_MS: '100',
      CHANNEL_HEALTH_POLL_MS: '200',
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
    await smtp?.close();
    await relay?.close();
    await dovecot?.stop();
  });

  it('names a failing mailbox in a banner while IMAP is cut, in the chosen language, and drops it on recovery', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sr-Latn-RS' });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await signIn(page, kontakt.url, kontakt.admin.email, kontakt.admin.password);
    const banner = page.locator('.channel-health');
    // Healthy at first (the mailbox connects right after start): no banner.
    await page.locator('.channel-health[hidden]').waitFor({ state: 'attached', timeout: 30_000 });

    await relay.cut();
    await banner.filter({ hasText: 'E-pošta (prijem)' }).waitFor({ timeout: 30_000 });
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('Kanali koji ne rade:');
    expect(text).toContain('sanduče nije povezano');
    expect(await banner.getAttribute('data-failing')).toBe('email');

    // The language switch re-renders it.
    await page.locator('.lang-select').selectOption('en');
    await banner.filter({ hasText: 'E-mail (receiving) — mailbox not connected' }).waitFor();
    await page.locator('.lang-select').selectOption('sr-Cyrl');
    await banner.filter({ hasText: 'Е-пошта (пријем)' }).waitFor();

    await relay.restore();
    await page.locator('.channel-health[hidden]').waitFor({ state: 'attached', timeout: 60_000 });
    expect(await banner.isVisible()).toBe(false);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
  }, 180_000);
});
