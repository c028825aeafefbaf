import { chromium } from 'playwright-core';
import { cases } from '../src/store/schema/index.ts';
import { buildInbox, CHROMIUM, CHROMIUM_ARGS, DIST, signIn } from '../tests/e2e/e2e-helpers.ts';
import { startTestKontakt } from '../tests/helpers/kontakt.ts';
import type { Benchmark } from './types.ts';

const N = 1_000;
const UPDATES = 50;
const CHANNELS = ['web_form', 'email', 'facebook', 'instagram', 'phone'];

/**
 * The inbox list with 1,000 cases in headless Chromium: time to scroll all of them in, the longest
 * main-thread task meanwhile (jank = tasks over 50 ms), and the same while live updates arrive.
 * Baseline: the same number of rows built as bare DOM (no app code) in the same page.
 */
export const inboxRenderBench: Benchmark = {
  name: 'inbox-render',
  description: `web inbox list with ${N} cases (Chromium): load by scrolling, ${UPDATES} live updates, beside bare DOM rows`,
  async run() {
    buildInbox();
    const k = await startTestKontakt('pglite', { WEB_INBOX_DIR: DIST });
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const now = Date.now();
      const rows = Array.from({ length: N }, (_, i) => {
        const at = new Date(now - i * 60_000);
        return {
          reference: `KC-2026-${String(900_000 + i).padStart(6, '0')}`,
          kind: 'help',
          status: 'open' as const,
          priority: 'normal' as const,
          channel: CHANNELS[i % CHANNELS.length] ?? 'web_form',
          anonymous: true,
          consent: false,
          preview: `Demo predmet ${i}: pitanje o bezbednosti na internetu`,
          messageCount: 1,
          createdAt: at,
          updatedAt: at,
          lastActivityAt: at,
        };
      });
      const ids: string[] = [];
      for (let i = 0; i < N; i += 200) {
        const inserted = await k.k.store.db
          .insert(cases)
          .values(rows.slice(i, i + 200))
          .returning({ id: cases.id });
        ids.push(...inserted.map((r) => r.id));
      }
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await signIn(page, k.url, k.admin.email, k.admin.password);
      await page.locator('.case-row').nth(99).waitFor();
      await page.evaluate(() => {
        const w = window as unknown as { __long: number[] };
        w.__long = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__long.push(e.duration);
        }).observe({ type: 'longtask', buffered: false });
      });
      const maxLong = () =>
        page.evaluate(() => {
          const w = window as unknown as { __long: number[] };
          const m = Math.max(0, ...w.__long);
          w.__long = [];
          return m;
        });

      const t0 = performance.now();
      while ((await page.locator('.case-row').count()) < N) {
        // The case list (the callback list shares its row styles and is hidden here).
        await page.locator('.case-rows:not(.callback-rows)').evaluate((el) => {
          el.scrollTop = el.scrollHeight;
        });
        await page.waitForTimeout(20);
      }
      const loadMs = performance.now() - t0;
      const loadLong = await maxLong();

      const cookie = await k.login();
      const t1 = performance.now();
      await Promise.all(
        ids
          .slice(0, UPDATES)
          .map((id) => k.api(`/api/cases/${id}`, { method: 'PATCH', cookie, json: { priority: 'urgent' } })),
      );
      await page
        .locator('.case-row.priority-urgent')
        .nth(UPDATES - 1)
        .waitFor();
      const liveMs = performance.now() - t1;
      const liveLong = await maxLong();

      const bare = await page.evaluate((n) => {
        const start = performance.now();
        const ul = document.createElement('ul');
        for (let i = 0; i < n; i++) {
          const li = document.createElement('li');
          const b = document.createElement('button');
          for (const text of ['KC-2026-000000', 'Veb formular', 'Anonimno', '12:00', 'Demo predmet', 'Otvoreno']) {
            const s = document.createElement('span');
            s.textContent = text;
            b.append(s);
          }
          li.append(b);
          ul.append(li);
        }
        document.body.append(ul);
        void ul.offsetHeight;
        const ms = performance.now() - start;
        ul.remove();
        return ms;
      }, N);

      return [
        { metric: `scroll in ${N} rows (10 pages, incl. HTTP)`, value: `${loadMs.toFixed(0)} ms` },
        {
          metric: 'longest task over 50 ms while loading (0 = none)',
          value: `${loadLong.toFixed(0)} ms`,
          baseline: `${bare.toFixed(0)} ms (bare DOM, ${N} rows at once)`,
        },
        { metric: `${UPDATES} live updates applied (${N} rows loaded)`, value: `${liveMs.toFixed(0)} ms` },
        {
          metric: 'longest task over 50 ms during live updates (0 = none)',
          value: `${liveLong.toFixed(0)} ms`,
          baseline: '50 ms (jank threshold)',
        },
      ];
    } finally {
      await browser.close();
      await k.cleanup();
    }
  },
};
