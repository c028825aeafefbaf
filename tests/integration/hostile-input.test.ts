/**
 * A few hundred hostile strings through every public input: the web form (JSON and the plain HTML
 * post), the Meta webhook's message text, e-mail subject and body (through a real Dovecot), and
 * the phone line's call notes (PBX transcript and a counselor's manual call log). Every request is
 * answered 2xx or a clean 4xx naming the field, never 5xx; the server keeps answering; and each
 * accepted string is stored exactly as sent (apart from the documented normalisations).
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, messages } from '../../src/store/schema/index.ts';
import { HOSTILE_STRINGS, LONE_SURROGATES, LONG_STRINGS, storedForm } from '../fixtures/hostile-strings.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { addUser, GLOBAL_TOKEN, startPhoneKontakt } from '../fixtures/phone/phone-test-kit.ts';
import { type Dovecot, startDovecot } from '../helpers/dovecot.ts';
import { type GraphStandIn, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import { eventually, type TestKontakt } from '../helpers/kontakt.ts';

const BOX = 'hostile@test.rs';
/** Every string, the lone surrogates (JSON can carry them) and the long ones. */
const ALL = [...HOSTILE_STRINGS, ...LONE_SURROGATES, LONG_STRINGS.formMax];
/** Mail is written with CRLF line ends (RFC 5322): a body's CRLF is read back as one line break. */
const mailBody = (s: string) => storedForm(s).replace(/\r\n/g, '\n');
/**
 * Inputs whose fields are trimmed by design (PBX and call-log text): leading and trailing white
 * space goes at the door, then the store's normalisation applies; empty counts as absent.
 */
const trimmed = (s: string) => storedForm(s.trim()) || null;

/** Run fn over the list with a few requests in flight at once (a busy public site, not a queue of one). */
async function eachLimited<T>(list: readonly T[], fn: (item: T, i: number) => Promise<void>, width = 6): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < list.length) {
      const i = next++;
      await fn(list[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
}

/** 2xx, or a 4xx whose body names a field: never a 5xx, never an unexplained refusal. */
async function expectClean(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  expect(res.status, `${what}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const body = JSON.parse(text) as { fields?: { field: string }[] };
    expect(body.fields?.length, `${what}: a 4xx names its field: ${text.slice(0, 300)}`).toBeGreaterThan(0);
  }
  return res.status < 300 && text.startsWith('{') ? JSON.parse(text) : text;
}

/** Raw mail with the subject and body as UTF-8 encoded words and base64: any string can travel. */
function hostileMail(n: number, subject: string, body: string): Buffer {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const subjectWords = (b64(subject).match(/.{1,60}/g) ?? ['']).map((w) => `=?UTF-8?B?${w}?=`);
  return Buffer.from(
    [
      'From: Roditelj <roditelj@example.rs>',
      `To: ${BOX}`,
      `Subject: ${subjectWords.join('\r\n ')}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <hostile-${n}@example.rs>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      ...(b64(body).match(/.{1,76}/g) ?? []),
      '',
    ].join('\r\n'),
  );
}

describe('hostile input through every public input (postgres)', () => {
  let dovecot: Dovecot;
  let graph: GraphStandIn;
  let t: TestKontakt;
  let counselor: { id: string; cookie: string };

  beforeAll(async () => {
    [dovecot, graph] = await Promise.all([startDovecot(), startGraphStandIn({ appSecret: P.APP_SECRET })]);
    dovecot.addUser(BOX);
    t = await startPhoneKontakt('postgres', {
      ...P.metaEnv(graph.url),
      IMAP_URL: dovecot.imapUrl(BOX),
      EMAIL_RESYNC_SEC: '2',
      EMAIL_RECONNECT_MS: '100',
      EMAIL_BATCH_SIZE: '100',
      REPORT_RATE_LIMIT: '100000',
      INBOUND_CONCURRENCY: '8',
    });
    counselor = await addUser(t, 'counselor', 'savetnik@hostile.test');
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
    await Promise.all([dovecot?.stop(), graph?.close()]);
  });

  /** The server still answers: the public form page comes back whole. */
  const alive = async () => {
    const res = await fetch(`${t.url}/report`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('</html>');
  };
  /** The stored text of each case reference, once every one of them is there. */
  const textsOf = (refs: string[]) =>
    eventually(async () => {
      const rows = await t.k.store.db
        .select({ ref: cases.reference, text: messages.text })
        .from(cases)
        .innerJoin(messages, eq(messages.caseId, cases.id))
        .where(inArray(cases.reference, refs));
      return rows.length >= refs.length ? new Map(rows.map((r) => [r.ref, r.text])) : undefined;
    }, 120_000);
  /** Every difference at once (index, what was sent, what is stored), rather than the first alone. */
  const differences: { what: string; sent: string; stored: unknown }[] = [];
  const compare = (what: string, sent: string, stored: unknown, expected: unknown) => {
    if (stored !== expected)
      differences.push({
        what,
        sent: JSON.stringify(sent).slice(0, 100),
        stored: JSON.stringify(stored)?.slice(0, 100),
      });
  };
  const noDifferences = () => {
    const found = differences.splice(0);
    expect(found).toEqual([]);
  };

  it('web form: every description is accepted and stored byte for byte; bad e-mail, phone and category are 400 with the field', async () => {
    const accepted: { ref: string; sent: string }[] = [];
    await eachLimited(ALL, async (s, i) => {
      const res = await fetch(`${t.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ description: s, language: 'sr-Latn' }),
      });
      const body = (await expectClean(res, `form #${i}`)) as { reference?: string };
      // A description that is blank once trimmed is the one clean refusal (field "description").
      if (res.status === 202 && body.reference) accepted.push({ ref: body.reference, sent: s });
      else expect(s.trim()).toBe('');
    });
    expect(accepted.length).toBeGreaterThan(ALL.length - 5);

    // The other free-text fields are validated: a clean 400 naming the field, never a 5xx.
    await eachLimited(HOSTILE_STRINGS, async (s, i) => {
      if (i % 3 !== 0) return;
      for (const field of ['email', 'phone', 'category', 'reporterRole', 'urls']) {
        const res = await fetch(`${t.url}/api/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ description: 'opis', email: 'ok@example.rs', consent: true, [field]: s }),
        });
        await expectClean(res, `form ${field} #${i}`);
        if (res.status === 400) expect(s).not.toBe('');
      }
    });

    // The HTML form without JavaScript (urlencoded) takes the same strings.
    const html: { ref: string; sent: string }[] = [];
    await eachLimited(HOSTILE_STRINGS.slice(0, 60), async (s) => {
      const res = await fetch(`${t.url}/report`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ description: s, kind: 'report' }).toString(),
      });
      const page = await res.text();
      expect(res.status, page.slice(0, 200)).toBeLessThan(500);
      const ref = /KC-\d{4}-\d{6}/.exec(page)?.[0];
      if (res.status === 200 && ref) html.push({ ref, sent: s });
    });
    await alive();

    const all = [...accepted, ...html];
    const stored = await textsOf(all.map((a) => a.ref));
    for (const { ref, sent } of all) compare(ref, sent, stored.get(ref), storedForm(sent));
    noDifferences();
  }, 300_000);

  it('Meta webhook: every message text is accepted and stored byte for byte', async () => {
    const texts = [...ALL, LONG_STRINGS.hundredK];
    const mid = (i: number) => `m_hostile_${i}`;
    await eachLimited(texts, async (s, i) => {
      const payload = P.webhook('page', P.pageEntry(P.textMessage(`72000000${i % 50}`, mid(i), s)));
      const body = JSON.stringify(payload);
      const res = await fetch(`${t.url}/webhooks/meta`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': P.sign(body) },
        body,
      });
      await expectClean(res, `webhook #${i}`);
      expect(res.status, `webhook #${i} ${JSON.stringify(s).slice(0, 80)}`).toBe(200);
    });
    await alive();
    const ids = texts.map((_, i) => mid(i));
    const rows = await eventually(async () => {
      const r = await t.k.store.db
        .select({ externalId: messages.externalId, text: messages.text })
        .from(messages)
        .where(inArray(messages.externalId, ids));
      return r.length === ids.length ? r : undefined;
    }, 120_000);
    const byId = new Map(rows.map((r) => [r.externalId, r.text]));
    for (const [i, s] of texts.entries()) compare(`webhook #${i}`, s, byId.get(mid(i)), storedForm(s));
    noDifferences();
  }, 300_000);

  it('e-mail: every subject and body arrives through Dovecot and is stored byte for byte', async () => {
    // Line breaks cannot survive a Subject header (it is one line by definition): a mail client
    // folds them away, so subjects carry the strings without CR/LF; bodies carry them all.
    const list = [...HOSTILE_STRINGS, LONG_STRINGS.hundredK];
    const subjectOf = (s: string) => s.replace(/[\r\n]+/g, ' ').slice(0, 900);
    dovecot.fillMaildir(
      BOX,
      list.map((s, i) => hostileMail(i, subjectOf(s), s)),
    );
    const ids = list.map((_, i) => `<hostile-${i}@example.rs>`);
    const stored = () =>
      t.k.store.db
        .select({ externalId: messages.externalId, text: messages.text, subject: messages.subject })
        .from(messages)
        .where(inArray(messages.externalId, ids));
    let rows = await stored();
    for (const deadline = Date.now() + 180_000; rows.length < ids.length && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 500));
      rows = await stored();
    }
    const missing = ids.filter((id) => !rows.some((r) => r.externalId === id));
    expect(missing, 'mails not stored').toEqual([]);
    await alive();
    const byId = new Map(rows.map((r) => [r.externalId, r]));
    for (const [i, s] of list.entries()) {
      const row = byId.get(ids[i] as string);
      compare(`subject #${i}`, s, row?.subject, storedForm(subjectOf(s)));
      compare(`body #${i}`, s, row?.text, mailBody(s));
    }
    noDifferences();
  }, 300_000);

  it('phone: PBX transcripts and manual call notes are accepted and kept byte for byte', async () => {
    const list = [...HOSTILE_STRINGS, ...LONE_SURROGATES, LONG_STRINGS.formMax];
    const pbx: { callId: string; sent: string }[] = [];
    const manual: { callId: string; sent: string }[] = [];
    const started = new Date(Date.now() - 10 * 60_000).toISOString();
    await eachLimited(list, async (s, i) => {
      const callId = `hostile.${i}`;
      const res = await fetch(`${t.url}/api/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${GLOBAL_TOKEN}` },
        body: JSON.stringify({
          callId,
          line: '19833',
          from: '064 555 0101',
          to: '19833',
          direction: 'inbound',
          startedAt: started,
          endedAt: started,
          outcome: 'voicemail',
          transcript: s,
          agent: s.slice(0, 200),
        }),
      });
      await expectClean(res, `pbx #${i}`);
      expect(res.status, `pbx #${i}`).toBeLessThan(300);
      pbx.push({ callId, sent: s });

      const log = await t.api('/api/calls/manual', {
        method: 'POST',
        cookie: counselor.cookie,
        json: { anonymous: true, category: 'other', durationSec: 60, notes: s },
      });
      const body = (await expectClean(log, `manual #${i}`)) as { callId?: string };
      expect(log.status, `manual #${i}`).toBeLessThan(300);
      manual.push({ callId: body.callId as string, sent: s });

      // The PBX's identifiers are validated: a hostile call id or line is a clean 400.
      if (i % 4 === 0) {
        const bad = await fetch(`${t.url}/api/calls`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${GLOBAL_TOKEN}` },
          body: JSON.stringify({ callId: s, line: s, direction: s, startedAt: s }),
        });
        await expectClean(bad, `pbx ids #${i}`);
      }
    });
    await alive();
    const callIds = [...pbx, ...manual].map((c) => c.callId);
    const fields = await eventually(async () => {
      const rows = await t.k.store.db
        .select({ externalId: messages.externalId, fields: messages.fields })
        .from(messages)
        .where(inArray(messages.externalId, callIds));
      return rows.length >= callIds.length ? new Map(rows.map((r) => [r.externalId, r.fields])) : undefined;
    }, 120_000);
    for (const { callId, sent } of pbx)
      compare(callId, sent, (fields.get(callId) as { transcript?: string } | null)?.transcript || null, trimmed(sent));
    for (const { callId, sent } of manual)
      compare(callId, sent, (fields.get(callId) as { notes?: string } | null)?.notes || null, trimmed(sent));
    noDifferences();
  }, 300_000);
});
