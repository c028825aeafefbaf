import { Secret, TOTP } from 'otpauth';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

const codeFor = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

describe('accounts in the web inbox (Chromium)', () => {
  let kontakt: TestKontakt;
  let browser: Browser;
  const dist = builtInbox();

  beforeAll(async () => {
    kontakt = await startTestKontakt('pglite', { WEB_INBOX_DIR: dist, LOGIN_RATE_LIMIT: '1000' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
  });

  it('an admin invites, the invitee sets a password from the link, turns on TOTP and signs in with a code', async () => {
    const adminPage = await (await browser.newContext()).newPage();
    const adminProblems = watchProblems(adminPage);
    await signIn(adminPage, kontakt.url, kontakt.admin.email, kontakt.admin.password);
    await adminPage.getByRole('link', { name: 'Korisnici' }).click();
    const dialog = adminPage.locator('dialog.users-admin');
    await dialog.locator('tr[data-user="admin@test.kontakt"]').waitFor();
    await dialog.getByLabel('E-pošta').fill('jelena@test.kontakt');
    await dialog.getByLabel('Ime i prezime').fill('Jelena <b>Savetnica</b>');
    await dialog.getByRole('button', { name: 'Dodaj korisnika' }).click();
    const linkInput = dialog.locator('.one-time-link input');
    await linkInput.waitFor();
    const link = await linkInput.inputValue();
    expect(link).toMatch(new RegExp(`^${kontakt.url}/#set-password=[A-Za-z0-9_-]{43}$`));
    const row = dialog.locator('tr[data-user="jelena@test.kontakt"]');
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('pozvan');
    // The name is shown as text, never as markup.
    expect(await row.locator('td').first().textContent()).toBe('Jelena <b>Savetnica</b>');
    expect(await row.locator('b').count()).toBe(0);

    const page = await (await browser.newContext()).newPage();
    const problems = watchProblems(page);
    await page.goto(link);
    await page.getByText('Dobro došli, Jelena <b>Savetnica</b>.', { exact: false }).waitFor();
    // The token left the address bar at once.
    expect(page.url()).toBe(`${kontakt.url}/`);
    await page.getByLabel('Nova lozinka').fill('jelenina nova lozinka');
    await page.getByLabel('Ponovite lozinku').fill('jelenina nova lozinka');
    await page.getByRole('button', { name: 'Sačuvaj lozinku' }).click();
    await page.getByText('Lozinka je sačuvana').waitFor();
    await page.getByRole('button', { name: 'Na prijavu' }).click();
    await page.getByLabel('E-pošta').fill('jelena@test.kontakt');
    await page.getByLabel('Lozinka').fill('jelenina nova lozinka');
    await page.getByRole('button', { name: 'Prijavi se' }).click();
    await page.locator('#app[data-live="up"]').waitFor();

    await page.getByRole('link', { name: 'Moj nalog' }).click();
    const security = page.locator('dialog.account-security');
    // Her own password: the current one first; this browser stays signed in and live.
    await security.getByLabel('Trenutna lozinka').fill('nije njena lozinka');
    await security.getByLabel('Nova lozinka').fill('jelenina druga lozinka');
    await security.getByLabel('Ponovite lozinku').fill('jelenina druga lozinka');
    await security.getByRole('button', { name: 'Promeni lozinku' }).click();
    await security.getByText('Pogrešna lozinka.').waitFor();
    await security.getByLabel('Trenutna lozinka').fill('jelenina nova lozinka');
    await security.getByRole('button', { name: 'Promeni lozinku' }).click();
    await security.getByText('Lozinka je promenjena. Sve druge sesije su završene.').waitFor();
    expect(await security.getByLabel('Trenutna lozinka').inputValue()).toBe('');
    await page.locator('#app[data-live="up"]').waitFor();
    expect(await page.evaluate(() => fetch('/api/me').then((r) => r.status))).toBe(200);

    await security.getByLabel('Potvrdite trenutnom lozinkom.').fill('jelenina druga lozinka');
    await security.getByRole('button', { name: 'Uključi dvostepenu prijavu' }).click();
    const secret = (await security.locator('.totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(
      await security.locator('img.totp-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);
    // Near the end of a 30-second step the code made here could be checked on the next one.
    const left = TOTP.remaining({ period: 30 });
    if (left < 5_000) await new Promise((r) => setTimeout(r, left + 50));
    await security.getByLabel('Kod iz aplikacije').fill(codeFor(secret));
    await security.getByRole('button', { name: 'Potvrdi i uključi' }).click();
    await security.getByText('Dvostepena prijava je uključena.').first().waitFor();
    await security.locator('button.close').click();
    await page.getByRole('button', { name: 'Odjava' }).click();

    await page.getByLabel('E-pošta').fill('jelena@test.kontakt');
    await page.getByLabel('Lozinka').fill('jelenina druga lozinka');
    await page.getByRole('button', { name: 'Prijavi se' }).click();
    await page.getByRole('heading', { name: 'Kod za prijavu' }).waitFor();
    await page.getByLabel('Kod iz aplikacije').fill('000000');
    await page.getByRole('button', { name: 'Potvrdi' }).click();
    await page.getByText('Pogrešan ili već iskorišćen kod.').waitFor();
    // The enrolment used this step's code already: the next step's is still accepted, and fresh.
    await page.getByLabel('Kod iz aplikacije').fill(codeFor(secret, 1));
    await page.getByRole('button', { name: 'Potvrdi' }).click();
    await page.locator('#app[data-live="up"]').waitFor();

    // The used link now tells nothing but that it is not valid.
    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await again.getByText('Ovaj link nije važeći.', { exact: false }).waitFor();

    // Nothing broke the strict CSP or threw on the way.
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors.filter((e) => !/status of 40[014]/.test(e))).toEqual([]);
    expect(adminProblems.pageErrors).toEqual([]);
    expect(adminProblems.consoleErrors).toEqual([]);
  }, 180_000);

  it('an admin sees a delayed sign-in in the users list and unlocks it', async () => {
    const admin = await kontakt.login();
    const email = 'zaboravna@test.kontakt';
    const password = 'zaboravna lozinka 1';
    const made = await kontakt.api('/api/users', {
      method: 'POST',
      cookie: admin,
      json: { email, name: 'Zaboravna', role: 'counselor', password },
    });
    expect(made.status).toBe(201);
    const signInAs = (pw: string) => kontakt.api('/api/auth/login', { method: 'POST', json: { email, password: pw } });
    for (let i = 0; i < 5; i++) expect((await signInAs('pogresna')).status).toBe(401);
    expect((await signInAs(password)).status).toBe(429);

    const page = await (await browser.newContext()).newPage();
    // The unlock asks to confirm; this page says yes (watchProblems would say no to every dialog).
    const confirms: string[] = [];
    const pageErrors: string[] = [];
    page.on('dialog', (d) => {
      confirms.push(d.message());
      void d.accept();
    });
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await signIn(page, kontakt.url, kontakt.admin.email, kontakt.admin.password);
    await page.getByRole('link', { name: 'Korisnici' }).click();
    const row = page.locator(`dialog.users-admin tr[data-user="${email}"]`);
    await row.locator('.sign-in-lock').getByText('prijava usporena', { exact: false }).waitFor();
    await row.getByRole('button', { name: 'Otključaj prijavu' }).click();
    await page.locator('dialog.users-admin').getByText('Prijava je otključana.').waitFor();
    await expect.poll(() => row.locator('.sign-in-lock').count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Otključaj prijavu' }).count()).toBe(0);
    expect((await signInAs(password)).status).toBe(200);
    expect(confirms).toEqual([expect.stringContaining('Zaboravna')]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
  it('an admin adds a partner with their institution and makes a counselor an educator', async () => {
    const admin = await kontakt.login();
    const made = await kontakt.api('/api/users', {
      method: 'POST',
      cookie: admin,
      json: {
        email: 'edukatorka@test.kontakt',
        name: 'Edukatorka',
        role: 'counselor',
        password: 'edukatorka lozinka 1',
      },
    });
    expect(made.status).toBe(201);

    const page = await (await browser.newContext()).newPage();
    const problems = watchProblems(page);
    await signIn(page, kontakt.url, kontakt.admin.email, kontakt.admin.password);
    await page.getByRole('link', { name: 'Korisnici' }).click();
    const dialog = page.locator('dialog.users-admin');
    await dialog.locator('tr[data-user="edukatorka@test.kontakt"]').waitFor();

    // A partner: the institution field appears with the role and goes with the invitation.
    const form = dialog.locator('form.invite-form');
    await form.getByLabel('E-pošta').fill('dz.vracar@test.kontakt');
    await form.getByLabel('Ime i prezime').fill('Milica iz doma zdravlja');
    expect(await form.getByLabel('Ustanova').isVisible()).toBe(false);
    await form.getByLabel('Uloga').selectOption('partner');
    await form.getByLabel('Ustanova').fill('Dom zdravlja Vračar');
    await form.getByRole('button', { name: 'Dodaj korisnika' }).click();
    const partnerRow = dialog.locator('tr[data-user="dz.vracar@test.kontakt"]');
    await partnerRow.waitFor();

    // A counselor becomes an educator from the list.
    const row = dialog.locator('tr[data-user="edukatorka@test.kontakt"]');
    await row.getByRole('combobox').selectOption('educator');
    await dialog.getByText('Sačuvano', { exact: false }).first().waitFor();

    type Listed = { items: { email: string; role: string; institution: string | null }[] };
    const accounts = async () => ((await (await kontakt.api('/api/users', { cookie: admin })).json()) as Listed).items;
    expect((await accounts()).find((u) => u.email === 'dz.vracar@test.kontakt')).toMatchObject({
      role: 'partner',
      institution: 'Dom zdravlja Vračar',
    });
    await expect
      .poll(async () => (await accounts()).find((u) => u.email === 'edukatorka@test.kontakt')?.role)
      .toBe('educator');
    expect(problems.pageErrors).toEqual([]);
  }, 120_000);
});
