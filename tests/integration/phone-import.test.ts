import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/channels/phone/phone-import.service.ts';
import type { CaseDetail, CaseSummary } from '../../src/inbox/contract.ts';
import { addUser, readFixture, startPhoneKontakt } from '../fixtures/phone/phone-test-kit.ts';
import { nextEvent, type TestKontakt } from '../helpers/kontakt.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

describe('call-log import (Asterisk Master.csv and the generic CSV) on PostgreSQL', () => {
  let t: TestKontakt;
  let admin: string;
  beforeAll(async () => {
    t = await startPhoneKontakt('postgres');
    admin = await t.login();
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const upload = (json: unknown, cookie = admin) => t.api('/api/calls/import', { method: 'POST', cookie, json });
  const phoneCases = async () =>
    ((await (await t.api('/api/cases?channel=phone&limit=200', { cookie: admin })).json()) as { items: CaseSummary[] })
      .items;
  const caseOfCall = async (callId: string) => {
    for (const c of await phoneCases()) {
      const d = (await (await t.api(`/api/cases/${c.id}`, { cookie: admin })).json()) as CaseDetail;
      if (d.messages.some((m) => m.fields?.callId === callId)) return d;
    }
    return null;
  };

  it('only supervisors and admins upload', async () => {
    const counselor = await addUser(t, 'counselor', 'savetnik@test.kontakt');
    const res = await upload({ format: 'asterisk', csv: readFixture('Master.csv') }, counselor.cookie);
    expect(res.status).toBe(403);
  });

  it('imports Master.csv with a report of imported, updated and rejected rows; importing it again changes nothing', async () => {
    const res = await upload({ format: 'asterisk', csv: readFixture('Master.csv') });
    expect(res.status).toBe(200);
    const report = (await res.json()) as ImportReport;
    expect(report).toMatchObject({ format: 'asterisk', rows: 12, imported: 8, updated: 1, unchanged: 0 });
    expect(report.rejected).toEqual([
      { line: 7, callId: null, reason: 'expected 16 to 21 columns (Asterisk Master.csv), got 4' },
      { line: 8, callId: null, reason: expect.stringContaining('start:') },
      { line: 11, callId: null, reason: 'malformed CSV (CSV_INVALID_CLOSING_QUOTE)' },
    ]);

    // Ana called at 10:00, was called back at 12:30 and called again at 16:00: one case, three calls.
    const ana = await caseOfCall('1772442000.1');
    expect(ana?.messages.map((m) => [m.fields?.callId, m.direction])).toEqual([
      ['1772442000.1', 'inbound'],
      ['1772451000.11', 'outbound'],
      ['1772463600.19', 'inbound'],
    ]);
    expect(ana?.contact?.identities).toEqual([{ kind: 'phone', value: '+381641234567' }]);
    // Two CDR rows of one queue call: one message, answered by the agent who picked up.
    const queued = await caseOfCall('1772456400.15');
    expect(queued?.messages).toHaveLength(1);
    expect(queued?.messages[0]?.fields).toMatchObject({ outcome: 'answered', agent: '102', version: 2 });
    const withheld = await caseOfCall('1772449200.9');
    expect(withheld).toMatchObject({ anonymous: true, contact: null });
    // Calls from March: recorded, but too old for callback tasks.
    const callbacks = await (await t.api('/api/callbacks', { cookie: admin })).json();
    expect(callbacks.counts).toMatchObject({ open: 0, attempted: 0 });

    const before = await phoneCases();
    const again = (await (await upload({ format: 'asterisk', csv: readFixture('Master.csv') })).json()) as ImportReport;
    expect(again).toMatchObject({ rows: 12, imported: 0, updated: 0, unchanged: 9 });
    expect(again.rejected).toHaveLength(3);
    const after = await phoneCases();
    expect(after.map((c) => [c.id, c.messageCount])).toEqual(before.map((c) => [c.id, c.messageCount]));
  });

  it('imports the generic CSV, rejecting rows with the field at fault', async () => {
    const res = await upload({ format: 'generic', csv: readFixture('calls-generic.csv') });
    const report = (await res.json()) as ImportReport;
    expect(report).toMatchObject({ rows: 6, imported: 3, updated: 0, unchanged: 0 });
    expect(report.rejected).toEqual([
      { line: 5, callId: 'g-1004', reason: expect.stringMatching(/^direction: /) },
      { line: 6, callId: 'g-1005', reason: expect.stringMatching(/^startedAt: /) },
      { line: 7, callId: 'g-1006', reason: 'durationSec: whole seconds' },
    ]);
    const vm = await caseOfCall('g-1002');
    expect(vm?.messages[0]?.text).toContain('Molim vas, pozovite me posle škole. Ćao!');

    // Larger than the API's usual JSON limit: a month of calls with long notes still uploads.
    const note = 'Razgovor o bezbednosti na mrežama. '.repeat(3000);
    const big = `callId,line,from,direction,startedAt,endedAt,outcome,comment\n${[1, 2, 3]
      .map(
        (i) => `big-${i},19833,064 140 000${i},inbound,2026-03-05 10:0${i}:00,2026-03-05 10:0${i}:30,missed,"${note}"`,
      )
      .join('\n')}\n`;
    expect(big.length).toBeGreaterThan(300_000);
    const bigRes = await upload({ format: 'generic', csv: big });
    expect(bigRes.status).toBe(200);
    expect(await bigRes.json()).toMatchObject({ rows: 3, imported: 3 });
    // Without a session the usual limit applies: refused before anything is read.
    const anonymousBig = await t.api('/api/calls/import', { method: 'POST', json: { format: 'generic', csv: big } });
    expect(anonymousBig.status).toBe(413);
    const anonymousSmall = await t.api('/api/calls/import', { method: 'POST', json: { format: 'generic', csv: 'x' } });
    expect(anonymousSmall.status).toBe(401);

    const bad = await upload({ format: 'generic', csv: 'id;number\n1;0641234567\n' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ fields: [{ field: 'csv' }] });
  });

  it('`npm run import:calls -- file.csv` imports from the same environment, live in open inboxes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-import-'));
    const file = path.join(dir, 'calls.csv');
    fs.writeFileSync(
      file,
      'call_id,line,from,direction,started_at,ended_at,duration_sec,outcome\n' +
        's-1,19833,065 130 0001,inbound,2026-03-04 09:00:00,2026-03-04 09:04:00,240,answered\n' +
        's-2,19833,065 130 0001,inbound,2026-03-04 09:30:00,,,unheard-of\n',
    );
    const socket = await t.socket(admin);
    const live = nextEvent<{ case: CaseSummary }>(socket, 'case:created', (e) => e.case.channel === 'phone');
    const env = { ...process.env, ...t.env, LOG_LEVEL: 'silent' };
    const args = ['--import', 'tsx', 'scripts/import-calls.ts', file];
    const out = await run(process.execPath, args, { cwd: ROOT, env }).catch((e: { code: number; stdout: string }) => e);
    expect(out).toMatchObject({ code: 2 });
    expect(out.stdout).toContain('calls.csv (generic): 2 rows, 1 imported, 0 updated, 0 unchanged, 1 rejected');
    expect(out.stdout).toMatch(/line 3 \(s-2\): outcome: /);
    await live;
    expect(await caseOfCall('s-1')).toMatchObject({ contact: { identities: [{ value: '+381651300001' }] } });

    const twice = await run(process.execPath, [...args.slice(0, 3), '--json', file], { cwd: ROOT, env }).catch(
      (e: { stdout: string }) => e,
    );
    expect(JSON.parse(twice.stdout)).toMatchObject({ imported: 0, unchanged: 1, rejected: [{ line: 3 }] });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
