import { count } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { inboundEvents, messages } from '../src/store/schema/index.ts';
import { mail } from '../tests/fixtures/email/mime.ts';
import { startDovecot } from '../tests/helpers/dovecot.ts';
import { startTestKontakt } from '../tests/helpers/kontakt.ts';
import type { Benchmark } from './types.ts';

const N = Number(process.env.BENCH_EMAIL_MESSAGES ?? 5000);
const BOX = 'bench@test.rs';

/** Mail of the kind the centre gets: a few paragraphs, Serbian in both scripts, some with an attachment. */
function corpus(n: number): Buffer[] {
  const latin = 'Poštovani, moje dete dobija poruke od nepoznate osobe. Šalje mu slike i traži da se nađu. ';
  const cyrillic = 'Поштовани, моје дете добија поруке од непознате особе. Шаље му слике и тражи да се нађу. ';
  return Array.from({ length: n }, (_, i) => {
    const legacy = i % 3 === 0;
    const para = legacy ? latin : cyrillic;
    return mail({
      from: `roditelj${i % 800}@example.rs`,
      subject: `Prijava ${i}`,
      messageId: `<bench-${i}@example.rs>`,
      body: para.repeat(1 + (i % 6)),
      ...(i % 5 === 0 && { html: `<p>${para}</p><p><b>HTML</b> deo ${i}</p>` }),
      charset: legacy ? 'windows-1250' : 'utf-8',
    });
  });
}

/** Baseline: what imapflow and mailparser alone take for the same mailbox, no store, no queue. */
async function rawFetchAndParse(port: number): Promise<number> {
  const c = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    auth: { user: BOX, pass: 'lozinka-za-test' },
    logger: false,
  });
  await c.connect();
  await c.mailboxOpen('INBOX');
  const started = performance.now();
  let parsed = 0;
  for await (const m of c.fetch('1:*', { uid: true, source: true }, { uid: true })) {
    if (m.source) {
      await simpleParser(m.source);
      parsed++;
    }
  }
  const ms = performance.now() - started;
  await c.logout();
  if (parsed !== N) throw new Error(`baseline parsed ${parsed} of ${N}`);
  return ms;
}

export const emailImportBench: Benchmark = {
  name: 'email-import',
  description: `import a ${N}-message mailbox from Dovecot into the store (PostgreSQL), beside raw imapflow fetch + mailparser parse`,
  async run() {
    const dovecot = await startDovecot();
    try {
      dovecot.addUser(BOX);
      dovecot.fillMaildir(BOX, corpus(N));
      const baselineMs = await rawFetchAndParse(dovecot.port);

      const started = performance.now();
      const t = await startTestKontakt('postgres', {
        IMAP_URL: dovecot.imapUrl(BOX),
        EMAIL_BATCH_SIZE: '100',
        EMAIL_RESYNC_SEC: '3600',
        INBOUND_CONCURRENCY: '8',
      });
      try {
        let stored = 0;
        let recordedMs = 0;
        while (stored < N) {
          const [row] = await t.k.store.db.select({ n: count() }).from(messages);
          stored = row?.n ?? 0;
          if (!recordedMs) {
            const [ev] = await t.k.store.db.select({ n: count() }).from(inboundEvents);
            if ((ev?.n ?? 0) >= N) recordedMs = performance.now() - started;
          }
          if (performance.now() - started > 600_000) throw new Error(`only ${stored} of ${N} stored after 10 minutes`);
          await new Promise((r) => setTimeout(r, 100));
        }
        const importMs = performance.now() - started;
        recordedMs ||= importMs;
        const rate = (ms: number) => `${((N / ms) * 1000).toFixed(0)} msg/s`;
        return [
          { metric: 'messages', value: String(N), baseline: String(N) },
          {
            metric: 'wall time',
            value: `${(importMs / 1000).toFixed(1)} s`,
            baseline: `${(baselineMs / 1000).toFixed(1)} s`,
          },
          {
            metric: 'rate, recorded durably + \\Seen',
            value: rate(recordedMs),
            baseline: `${rate(baselineMs)} (fetch+parse only)`,
          },
          {
            metric: 'rate, applied to cases',
            value: rate(importMs),
            baseline: `${rate(baselineMs)} (fetch+parse only)`,
          },
          { metric: 'import / baseline rate', value: (baselineMs / importMs).toFixed(2), baseline: '1.00' },
        ];
      } finally {
        await t.cleanup();
      }
    } finally {
      await dovecot.stop();
    }
  },
};
