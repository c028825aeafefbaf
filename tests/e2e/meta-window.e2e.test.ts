import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as P from '../fixtures/meta/payloads.ts';
import { type GraphStandIn, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { builtInbox, CHROMIUM, CHROMIUM_ARGS, signIn, watchProblems } from './e2e-helpers.ts';

const HOUR = 3_600_000;

describe("the composer tells how long Meta's messaging window stays open", () => {
  let graph: GraphStandIn;
  let t: TestKontakt;
  let browser: Browser;

  beforeAll(async () => {
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    t = await startTestKontakt('pglite', {
      WEB_INBOX_DIR: builtInbox(),
      ...P.metaEnv(graph.url, { META_HUMAN_AGENT: 'false' }),
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
    await graph?.close();
  });

  const personWrites = async (psid: string, text: string, at: number) => {
    const res = await P.postWebhook(t.url, {
      object: 'page',
      entry: [{ id: P.PAGE_ID, time: Date.now(), messaging: [P.textMessage(psid, `m_${psid}`, text, at)] }],
    });
    expect(res.status).toBe(200);
    const cookie = await t.login();
    return eventually(async () => {
      const { items } = (await (await t.api(`/api/cases?q=${encodeURIComponent(text)}`, { cookie })).json()) as {
        items: { reference: string }[];
      };
      return items[0]?.reference;
    });
  };

  it('shows the time left inside the window, and why a reply is impossible outside it', async () => {
    const open = await personWrites('7100000000000101', 'pomozite mi molim vas', Date.now() - 2 * HOUR);
    const closed = await personWrites(
      '7100000000000102',
      'stara poruka od pre nedelju dana',
      Date.now() - 8 * 24 * HOUR,
    );
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const problems = watchProblems(page);
    await signIn(page, t.url, t.admin.email, t.admin.password);

    await page.locator(`button.case-row[data-reference="${open}"]`).click();
    await expect.poll(() => page.locator('p.reply-window').textContent()).toMatch(/još (21|22) h \d+ min/);
    expect(await page.getByLabel('Odgovor podnosiocu').isEnabled()).toBe(true);

    await page.locator(`button.case-row[data-reference="${closed}"]`).click();
    await page.locator('p.cannot-reply').waitFor();
    expect(await page.locator('p.reply-window').count()).toBe(0);
    expect(await page.getByLabel('Odgovor podnosiocu').isDisabled()).toBe(true);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
    await ctx.close();
  });
});
