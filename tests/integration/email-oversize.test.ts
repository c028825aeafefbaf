import { eq } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseDetail, CaseSummary } from '../../src/inbox/contract.ts';
import { createBlobRepository } from '../../src/store/blob.repository.ts';
import { messages } from '../../src/store/schema/index.ts';
import { mail } from '../fixtures/email/mime.ts';
import { type Dovecot, startDovecot } from '../helpers/dovecot.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { mailboxEnv } from '../helpers/mail-env.ts';

const BOX = 'velike@test.rs';
const MB = 1024 * 1024;

/** A mail of about `mb` megabytes: a text body padded with lines of base64-looking filler. */
const bigMail = (mb: number, subject: string, messageId: string, from: string) => {
  const line = `${'A'.repeat(76)}\r\n`;
  const body = line.repeat(Math.ceil((mb * MB) / line.length));
  return mail({ from, subject, messageId, body });
};

interface FetchCall {
  range: string;
  query: Record<string, unknown>;
  sourceBytes: number;
  sourceUids: number[];
}

describe('a burst of big mail: sizes first, a memory budget, and over-limit mail withheld (headers only)', () => {
  let dovecot: Dovecot;
  let t: TestKontakt;
  let cookie: string;
  const calls: FetchCall[] = [];
  const realFetchAll = ImapFlow.prototype.fetchAll;

  beforeAll(async () => {
    // Every FETCH the watcher sends, with what it asked for and how many source bytes came back.
    vi.spyOn(ImapFlow.prototype, 'fetchAll').mockImplementation(async function (this: ImapFlow, range, query, opts) {
      const got = await realFetchAll.call(this, range, query, opts);
      const withSource = got.filter((m) => m.source);
      calls.push({
        range: String(range),
        query: { ...query },
        sourceBytes: withSource.reduce((n, m) => n + (m.source?.length ?? 0), 0),
        sourceUids: withSource.map((m) => m.uid),
      });
      return got;
    });
    dovecot = await startDovecot();
    dovecot.addUser(BOX);
    // UIDs 1..5: small, over the limit (2.5 MB), small, then two of 0.6 MB that fit the 1 MB
    // budget only one at a time.
    await dovecot.append(BOX, mail({ from: 'prva@example.rs', messageId: '<small-1@example.rs>', body: 'mala prva' }));
    await dovecot.append(BOX, bigMail(2.5, 'Snimak nasilja u školi', '<big-1@example.rs>', 'Otac <otac@example.rs>'));
    await dovecot.append(
      BOX,
      mail({ from: 'druga@example.rs', messageId: '<small-2@example.rs>', body: 'mala druga' }),
    );
    await dovecot.append(BOX, bigMail(0.6, 'Srednja jedan', '<mid-1@example.rs>', 'srednja1@example.rs'));
    await dovecot.append(BOX, bigMail(0.6, 'Srednja dva', '<mid-2@example.rs>', 'srednja2@example.rs'));
    t = await startTestKontakt('pglite', {
      ...mailboxEnv(dovecot, BOX),
      EMAIL_MAX_RAW_MB: '1',
      EMAIL_FETCH_BUDGET_MB: '1',
    });
    cookie = await t.login();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.cleanup();
    await dovecot?.stop();
  });

  const casesFor = async (q: string) =>
    (
      (await (await t.api(`/api/cases?q=${encodeURIComponent(q)}&limit=50`, { cookie })).json()) as {
        items: CaseSummary[];
      }
    ).items;
  const countByExternalId = async (id: string) =>
    (await t.k.store.db.select().from(messages).where(eq(messages.externalId, id))).length;

  it('stores the over-limit mail as a withheld message with its headers, and the others whole', async () => {
    await eventually(async () => (await dovecot.status(BOX)).seen.length === 5, 20_000);
    const big = await eventually(async () => (await casesFor('Snimak nasilja'))[0], 10_000);
    const d = (await (await t.api(`/api/cases/${big.id}`, { cookie })).json()) as CaseDetail;
    expect(d.subject).toBe('Snimak nasilja u školi');
    expect(d.contact?.identities).toEqual([{ kind: 'email', value: 'otac@example.rs' }]);
    const m = d.messages[0];
    expect(m?.externalId).toBe('<big-1@example.rs>');
    expect(m?.flags).toContain('too_large');
    expect(m?.fields).toMatchObject({
      rawWithheld: 'too_large',
      messageId: '<big-1@example.rs>',
      from: 'otac@example.rs',
    });
    expect(Number(m?.fields?.size)).toBeGreaterThan(2.4 * MB);
    // The header section is evidence (Received chain, authentication results): kept as a file.
    const headersKey = String(m?.fields?.headersSha256);
    expect(headersKey).toMatch(/^[0-9a-f]{64}$/);
    const kept = await createBlobRepository(t.k.store.db).get(headersKey);
    expect(kept?.contentType).toBe('text/rfc822-headers');
    expect(kept?.bytes.toString('utf8')).toContain('Message-ID: <big-1@example.rs>');
    // Said in Serbian Latin, Serbian Cyrillic and English.
    expect(m?.text).toContain('nije preuzeta');
    expect(m?.text).toContain('није преузета');
    expect(m?.text).toContain('was not downloaded');
    for (const q of ['mala prva', 'mala druga', 'Srednja jedan', 'Srednja dva'])
      expect(await casesFor(q), q).toHaveLength(1);
  });

  it('never asks the server for the whole over-limit mail, and keeps each fetch within the budget', () => {
    const bigUid = 2;
    expect(calls.some((c) => c.query.size === true)).toBe(true);
    for (const c of calls) expect(c.sourceUids, `fetch ${c.range}`).not.toContain(bigUid);
    // One mail may exceed the budget alone (up to the raw limit); several together may not.
    const together = calls.filter((c) => c.sourceUids.length > 1);
    expect(together.length).toBeGreaterThan(0);
    expect(Math.max(...together.map((c) => c.sourceBytes))).toBeLessThanOrEqual(MB);
    const fetchedWhole = calls.flatMap((c) => c.sourceUids).sort((a, b) => a - b);
    expect(fetchedWhole).toEqual([1, 3, 4, 5]);
    // Fetched in UID order; the two 0.6 MB mails in separate fetches: together they are over the 1 MB budget.
    expect(calls.filter((c) => c.sourceUids.length).map((c) => c.sourceUids)).toEqual([[1], [3, 4], [5]]);
    // Its header section only, and at most 1 MiB of it: a mail with endless headers cannot flood memory.
    const headerFetches = calls.filter((c) => c.range.split(',').includes(String(bigUid)) && c.query.bodyParts);
    expect(headerFetches.map((c) => c.query.bodyParts)).toEqual([[{ key: 'header', maxLength: MB }]]);
    expect(calls.some((c) => c.query.headers)).toBe(false);
  });

  it('is neither refetched nor stored twice after a restart and a resync', async () => {
    t = await t.restart();
    cookie = await t.login();
    calls.length = 0;
    await dovecot.append(
      BOX,
      mail({ from: 'posle@example.rs', messageId: '<after@example.rs>', body: 'posle restarta' }),
    );
    await eventually(async () => (await casesFor('posle restarta')).length === 1, 15_000);
    expect(calls.flatMap((c) => c.range.split(','))).not.toContain('2');
    expect(await countByExternalId('<big-1@example.rs>')).toBe(1);
  });
});
