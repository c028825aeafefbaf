import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { ROOT } from './e2e-helpers.ts';

/**
 * A page that opens one inbox screen on its own, as the router would, with the inbox's styles:
 * built by Vite into a folder that Kontakt serves as its WEB_INBOX_DIR. `entry` is the script's body
 * after `import { <name> } from '<screen module>'`.
 */
export async function buildScreenPage(screen: { module: string; name: string; call: string }): Promise<string> {
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-screen-src-'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-screen-dist-'));
  const inbox = path.join(ROOT, 'web-inbox/src');
  fs.writeFileSync(
    path.join(src, 'index.html'),
    '<!doctype html><html lang="sr-Latn"><head><meta charset="utf-8"><title>Kontakt</title>' +
      '<link rel="icon" href="data:,"></head><body><div id="app"></div>' +
      '<script type="module" src="./entry.ts"></script></body></html>',
  );
  fs.writeFileSync(
    path.join(src, 'entry.ts'),
    `import ${JSON.stringify(path.join(inbox, 'styles.css'))};\n` +
      `import { ${screen.name} } from ${JSON.stringify(path.join(inbox, screen.module))};\n` +
      `${screen.call};\n`,
  );
  try {
    await build({
      root: src,
      configFile: false,
      logLevel: 'warn',
      oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
      build: { outDir: out, emptyOutDir: true, target: 'es2022', modulePreload: { polyfill: false } },
    });
  } finally {
    fs.rmSync(src, { recursive: true, force: true });
  }
  return out;
}

/** A signed-in session (its cookie header value) and the inbox language, in a fresh browser context. */
export async function withSession(ctx: BrowserContext, url: string, cookie: string, lang: string): Promise<void> {
  const [name, value] = cookie.split('=') as [string, string];
  await ctx.addCookies([{ name, value, url }]);
  await ctx.addInitScript((l) => localStorage.setItem('kontakt.inbox.lang', l), lang);
}
