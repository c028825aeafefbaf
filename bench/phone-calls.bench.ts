import { and, count, eq } from 'drizzle-orm';
import { parseAsteriskCsv } from '../connectors/phone/asterisk-cdr.ts';
import { callInputSchema, toCallRecord } from '../connectors/phone/call-record.ts';
import { inboundEvents } from '../src/store/schema/index.ts';
import { startTestKontakt, type TestKontakt } from '../tests/helpers/kontakt.ts';
import type { Benchmark } from './types.ts';

const POSTS = Number(process.env.BENCH_PHONE_POSTS ?? 500);
const ROWS = Number(process.env.BENCH_PHONE_ROWS ?? 1000);
const CONCURRENCY = 16;
const TOKEN = 'bench-pbx-token-0123456789abcdef';

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const fmt = (n: number, unit: string) => `${n.toFixed(n < 10 ? 1 : 0)} ${unit}`;

/** `n` requests, `CONCURRENCY` at a time; per-request latency and overall rate. */
async function load(n: number, send: (i: number) => Promise<Response>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t0 = performance.now();
        const res = await send(i);
        if (res.status >= 300) throw new Error(`request ${i}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSec: n / seconds, p50: pct(latencies, 0.5), p99: pct(latencies, 0.99) };
}

/** Seconds until `n` events of the channel are applied by the worker (bounded). */
async function drained(t: TestKontakt, channel: string, n: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const [row] = await t.k.store.db
      .select({ n: count() })
      .from(inboundEvents)
      .where(and(eq(inboundEvents.channel, channel), eq(inboundEvents.status, 'applied')));
    if ((row?.n ?? 0) >= n) return (performance.now() - started) / 1000;
    if (performance.now() - started > 60_000) throw new Error(`${channel}: only ${row?.n} of ${n} applied`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A Master.csv of the centre's shape: answered, missed and voicemail calls from a few hundred numbers. */
function masterCsv(rows: number): string {
  const lines: string[] = [];
  const day = Date.UTC(2026, 2, 2, 7, 0, 0);
  for (let i = 0; i < rows; i++) {
    const start = new Date(day + i * 97_000);
    const iso = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
    const kind = i % 5;
    const answered = kind < 3;
    const number = `06${(i % 9) + 1}${String(1_000_000 + (i % 400)).slice(1)}0`;
    const answer = answered ? iso(new Date(start.getTime() + 5000)) : '';
    const end = iso(new Date(start.getTime() + (answered ? 185_000 : 25_000)));
    const disposition = answered ? 'ANSWERED' : kind === 3 ? 'NO ANSWER' : 'BUSY';
    const dst = answered ? `PJSIP/10${i % 8}-0000${i.toString(16)}` : '';
    lines.push(
      `"19833","${number}","19833","from-trunk","","PJSIP/trunk-${i}","${dst}","Dial","PJSIP/101,30",` +
        `"${iso(start)}",${answer ? `"${answer}"` : ''},"${end}",${answered ? 185 : 25},${answered ? 180 : 0},` +
        `"${disposition}","DOCUMENTATION","bench.${i}",""`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export const phoneCallsBench: Benchmark = {
  name: 'phone-calls',
  description: `${POSTS} PBX posts (${CONCURRENCY} at a time) beside as many web-form reports; a ${ROWS}-row Master.csv import beside parsing alone and a re-import`,
  async run() {
    const t = await startTestKontakt('postgres', {
      CALLS_API_TOKEN: TOKEN,
      REPORT_RATE_LIMIT: '100000',
      PHONE_IMPORT_MAX_MB: '20',
    });
    try {
      const cookie = await t.login();
      const startedAt = new Date(Date.now() - 60_000).toISOString();
      const phone = await load(POSTS, (i) =>
        fetch(`${t.url}/api/calls`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            callId: `bench-post-${i}`,
            line: '19833',
            from: `06${(i % 9) + 1}${String(2_000_000 + i).slice(1)}`,
            direction: 'inbound',
            startedAt,
            answeredAt: startedAt,
            endedAt: new Date().toISOString(),
            durationSec: 60,
            outcome: 'answered',
          }),
        }),
      );
      const phoneDone = await drained(t, 'phone', POSTS);

      const web = await load(POSTS, (i) =>
        t.api('/api/reports', {
          method: 'POST',
          json: { description: `Prijava ${i}: dete dobija pretnje preko interneta.`, kind: 'help' },
        }),
      );
      const webDone = await drained(t, 'web_form', POSTS);

      const csv = masterCsv(ROWS);
      const p0 = performance.now();
      const parsed = parseAsteriskCsv(csv, {
        timeZone: 'Europe/Belgrade',
        outboundContexts: ['from-internal'],
        region: 'RS',
      }).filter((r) => r.ok && toCallRecord(callInputSchema.parse(r.input), 'RS'));
      const parseSec = (performance.now() - p0) / 1000;
      if (parsed.length !== ROWS) throw new Error(`parsed ${parsed.length} of ${ROWS}`);

      const upload = async () => {
        const s = performance.now();
        const res = await t.api('/api/calls/import', { method: 'POST', cookie, json: { format: 'asterisk', csv } });
        const report = (await res.json()) as { imported: number; unchanged: number };
        return { sec: (performance.now() - s) / 1000, report };
      };
      const first = await upload();
      if (first.report.imported !== ROWS) throw new Error(`imported ${first.report.imported} of ${ROWS}`);
      const again = await upload();
      if (again.report.unchanged !== ROWS) throw new Error(`re-import changed ${ROWS - again.report.unchanged} rows`);

      return [
        {
          metric: 'PBX posts accepted',
          value: fmt(phone.perSec, '/s'),
          baseline: `${fmt(web.perSec, '/s')} web-form reports`,
        },
        { metric: 'PBX post latency p50', value: fmt(phone.p50, 'ms'), baseline: `${fmt(web.p50, 'ms')} web form` },
        { metric: 'PBX post latency p99', value: fmt(phone.p99, 'ms'), baseline: `${fmt(web.p99, 'ms')} web form` },
        {
          metric: `queue drained after the last answer (${POSTS} cases)`,
          value: fmt(phoneDone, 's'),
          baseline: `${fmt(webDone, 's')} web form`,
        },
        {
          metric: 'Master.csv import (store + case + message)',
          value: fmt(ROWS / first.sec, 'rows/s'),
          baseline: `${fmt(ROWS / parseSec, 'rows/s')} parse + validate only`,
        },
        { metric: 're-import of the same file (nothing changes)', value: fmt(ROWS / again.sec, 'rows/s') },
      ];
    } finally {
      await t.cleanup();
    }
  },
};
