import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/channels/phone/phone-import.service.ts';
import type { CaseDetail, CaseSummary } from '../../src/inbox/contract.ts';
import { startPhoneKontakt } from '../fixtures/phone/phone-test-kit.ts';
import type { TestKontakt } from '../helpers/kontakt.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/**
 * Call imports (the inbox upload and `npm run import:calls`) apply the urgency rules configured in
 * URGENCY_RULES_FILE, like the inbound worker does: a term only the file knows makes the case urgent.
 */
describe('phone imports apply the configured urgency rules (postgres)', () => {
  let t: TestKontakt;
  let admin: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-urgency-'));
  const rulesFile = path.join(dir, 'urgency.json');

  beforeAll(async () => {
    fs.writeFileSync(rulesFile, JSON.stringify({ rules: [{ name: 'weapon', terms: ['samostrel'] }] }));
    t = await startPhoneKontakt('postgres', { URGENCY_RULES_FILE: rulesFile });
    admin = await t.login();
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const csv = (rows: string[]) =>
    `callId;line;from;direction;startedAt;endedAt;outcome;transcript\n${rows.join('\n')}\n`;
  const voicemail = (id: string, from: string, at: string, text: string) =>
    `${id};19833;${from};inbound;2026-03-06 ${at};2026-03-06 ${at};voicemail;"${text}"`;
  const caseOfCall = async (callId: string): Promise<CaseDetail | null> => {
    const list = (await (await t.api('/api/cases?channel=phone&limit=200', { cookie: admin })).json()) as {
      items: CaseSummary[];
    };
    for (const c of list.items) {
      const d = (await (await t.api(`/api/cases/${c.id}`, { cookie: admin })).json()) as CaseDetail;
      if (d.messages.some((m) => m.fields?.callId === callId)) return d;
    }
    return null;
  };
  const autoUrgentRules = async (caseId: string) => {
    const res = await t.api(`/api/audit?action=case.auto_urgent&entityId=${caseId}`, { cookie: admin });
    return ((await res.json()) as { items: { details: { rules: string[] } }[] }).items.map((e) => e.details.rules);
  };

  it('an upload in the inbox makes a case urgent by a rule from the file', async () => {
    const res = await t.api('/api/calls/import', {
      method: 'POST',
      cookie: admin,
      json: {
        format: 'generic',
        csv: csv([
          voicemail('u-1', '064 555 0001', '10:00:00', 'Drug iz razreda je doneo samostrel u školu.'),
          voicemail('u-2', '064 555 0002', '10:05:00', 'Molim vas, pozovite me posle škole.'),
        ]),
      },
    });
    expect(res.status).toBe(200);
    expect((await res.json()) as ImportReport).toMatchObject({ imported: 2, rejected: [] });

    const urgent = await caseOfCall('u-1');
    expect(urgent?.priority).toBe('urgent');
    expect(urgent?.messages[0]?.flags).toContain('urgent_rule');
    expect(await autoUrgentRules(urgent?.id as string)).toEqual([['weapon']]);
    expect((await caseOfCall('u-2'))?.priority).toBe('normal');
  });

  it('`npm run import:calls` reads the same file', async () => {
    const file = path.join(dir, 'calls.csv');
    fs.writeFileSync(file, csv([voicemail('s-1', '064 555 0003', '11:00:00', 'Video sam SAMOSTREL kod komšije.')]));
    const env = { ...process.env, ...t.env, LOG_LEVEL: 'silent' };
    const out = await run(process.execPath, ['--import', 'tsx', 'scripts/import-calls.ts', file], { cwd: ROOT, env });
    expect(out.stdout).toContain('1 imported');
    const c = await caseOfCall('s-1');
    expect(c?.priority).toBe('urgent');
    expect(await autoUrgentRules(c?.id as string)).toEqual([['weapon']]);
  });
});
