import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'web-inbox/dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Build the web inbox into outDir (web-inbox/dist when not given). */
export function buildInbox(outDir = DIST): void {
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web-inbox/vite.config.ts',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
}

/** The inbox the e2e global setup built once for this run (tests/e2e/build-inbox.setup.ts). */
export const builtInbox = (): string => inject('inboxDist');

export interface Problems {
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
}

/** Console errors, uncaught errors, dialogs; a network cut made on purpose is not a problem. */
export function watchProblems(page: Page): Problems {
  const p: Problems = { consoleErrors: [], pageErrors: [], dialogs: [] };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const where = msg.location().url;
    if (where.endsWith('/api/me') && text.includes('401')) return;
    if (/ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed/.test(text)) return;
    p.consoleErrors.push(`${text} @ ${where}`);
  });
  page.on('pageerror', (err) => p.pageErrors.push(String(err)));
  page.on('dialog', (d) => {
    p.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return p;
}

export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('E-pošta').fill(email);
  await page.getByLabel('Lozinka').fill(password);
  await page.getByRole('button', { name: 'Prijavi se' }).click();
  await page.locator('#app[data-live="up"]').waitFor();
}

/**
 * Chromium on a fresh profile directory (Playwright takes the profile here rather than as
 * --user-data-dir), desktop-sized, in Serbian Latin; close() also removes the profile.
 */
export async function freshProfile(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'sr-Latn-RS',
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
