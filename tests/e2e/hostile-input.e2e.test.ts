/**
 * The hostile strings (tests/fixtures/hostile-strings.ts) in the web inbox, in Chromium: Meta
 * conversations holding every one of them as a message, and web-form reports whose descriptions
 * are among them. Nothing may execute (no dialog, no injected element, no CSP violation, the
 * window-level canary untouched) and every message's visible text equals the string as stored.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseSummary } from '../../src/inbox/contract.ts';
import { HOSTILE_STRINGS, storedForm } from '../fixtures/hostile-strings.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { type GraphStandIn, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

/** Conversations the strings are spread over (one case each, about a hundred messages per case). */
const CONVERSATIONS = 4;
const FORM_REPORTS = HOSTILE_STRINGS.filter((s) => s.trim() !== '').slice(0, 24);

interface Canary {
  hostile: unknown;
  title: string;
  injected: number;
  csp: string[];
}

describe('hostile input shown inert in the web inbox (Chromium)', () => {
  let kontakt: TestKontakt;
  let graph: GraphStandIn;
  let browser: Browser;
  const dist = builtInbox();
  const expected = new Map<string, string[]>();

  beforeAll(async () => {
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    kontakt = await startTestKontakt('postgres', {
      ...P.metaEnv(graph.url),
      WEB_INBOX_DIR: dist,
      REPORT_RATE_LIMIT: '100000',
      INBOUND_CONCURRENCY: '1',
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

    // Meta: each string a message of one of a few conversations, in a known order.
    const base = Date.now() - 3_600_000;
    for (const [i, s] of HOSTILE_STRINGS.entries()) {
      const psid = `7300000000000${i % CONVERSATIONS}`;
      const payload = P.webhook('page', P.pageEntry(P.textMessage(psid, `m_e2e_hostile_${i}`, s, base + i * 1000)));
      const body = JSON.stringify(payload);
      const res = await fetch(`${kontakt.url}/webhooks/meta`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': P.sign(body) },
        body,
      });
      expect(res.status).toBe(200);
      expected.set(psid, [...(expected.get(psid) ?? []), storedForm(s)]);
    }
    // The web form: each string a report of its own.
    for (const s of FORM_REPORTS) {
      const res = await kontakt.api('/api/reports', { method: 'POST', json: { description: s } });
      expect(res.status).toBe(202);
      expected.set(((await res.json()) as { reference: string }).reference, [storedForm(s)]);
    }
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await kontakt?.cleanup();
    await graph?.close();
  });

  it('every hostile string is shown as text and nothing in it runs', async () => {
    const cookie = await kontakt.login();
    // Cases by conversation (facebook) and by reference (web form), once the worker has applied them all.
    const cases = await eventually(async () => {
      const res = await kontakt.api('/api/cases?limit=200', { cookie });
      const items = ((await res.json()) as { items: CaseSummary[] }).items;
      const total = items.reduce((n, c) => n + c.messageCount, 0);
      return items.length === CONVERSATIONS + FORM_REPORTS.length &&
        total === HOSTILE_STRINGS.length + FORM_REPORTS.length
        ? items
        : undefined;
    }, 120_000);

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sr-Latn-RS' });
    // The canary and a CSP violation log, in place before the app's first script runs.
    await ctx.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    const canary = (p: Page) =>
      p.evaluate(
        (): Canary => ({
          hostile: (window as unknown as { __hostile?: unknown }).__hostile,
          title: document.title,
          injected: document.querySelectorAll('#hostile-injected, xss, .thread img, .thread iframe, .thread svg')
            .length,
          csp: (window as unknown as { __csp: string[] }).__csp,
        }),
      );
    await signIn(page, kontakt.url, kontakt.admin.email, kontakt.admin.password);
    const clean = await canary(page);
    expect(clean.hostile).toBeUndefined();
    expect(clean.title).not.toBe('PWNED');

    for (const c of cases) {
      // A conversation's expected texts are found by its sender (the contact's Facebook id).
      const key =
        c.channel === 'web_form'
          ? c.reference
          : (
              (await (await kontakt.api(`/api/cases/${c.id}`, { cookie })).json()) as CaseDetail
            ).contact?.identities.find((i) => i.kind === 'facebook_psid')?.value;
      const want = key ? expected.get(key) : undefined;
      expect(want, `${c.reference}: ${c.channel}`).toBeDefined();
      const row = page.locator(`button.case-row[data-reference="${c.reference}"]`);
      await row.scrollIntoViewIfNeeded();
      await row.click();
      const view = page.locator('.case-view');
      await view.getByRole('heading', { name: c.reference }).waitFor();
      const shown = view.locator('.message-inbound .message-text');
      await expect.poll(() => shown.count(), { timeout: 20_000 }).toBe(c.messageCount);
      const visible = await shown.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
      expect(visible).toEqual(want);
      const now = await canary(page);
      expect(now, c.reference).toEqual({ hostile: undefined, title: clean.title, injected: 0, csp: [] });
    }
    // The conversations each matched their own list: every string was shown once.
    expect(cases.filter((c) => c.channel === 'facebook')).toHaveLength(CONVERSATIONS);

    expect(await canary(page)).toEqual({ hostile: undefined, title: clean.title, injected: 0, csp: [] });
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
  }, 300_000);
});
