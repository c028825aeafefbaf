import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extensionOf, parseAsteriskCsv } from '../../connectors/phone/asterisk-cdr.ts';
import { callInputSchema, toCallRecord } from '../../connectors/phone/call-record.ts';
import { parseGenericCsv } from '../../connectors/phone/generic-csv.ts';
import { localToUtcIso } from '../../connectors/phone/local-time.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/phone');
const read = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');
const opts = { timeZone: 'Europe/Belgrade', outboundContexts: ['from-internal'], region: 'RS' as const };

describe('local times of a PBX clock', () => {
  it('turn into UTC across both DST changes', () => {
    expect(localToUtcIso('2026-03-02 10:00:00', 'Europe/Belgrade')).toBe('2026-03-02T09:00:00.000Z');
    expect(localToUtcIso('2026-07-02 10:00:00', 'Europe/Belgrade')).toBe('2026-07-02T08:00:00.000Z');
    expect(localToUtcIso('2026-10-25 01:30', 'Europe/Belgrade')).toBe('2026-10-24T23:30:00.000Z');
    expect(localToUtcIso('2026-03-02 10:00:00', 'UTC')).toBe('2026-03-02T10:00:00.000Z');
    expect(localToUtcIso('2026-02-30 10:00:00', 'UTC')).toBeNull();
    expect(localToUtcIso('yesterday', 'UTC')).toBeNull();
  });
});

describe('Asterisk Master.csv', () => {
  const rows = parseAsteriskCsv(read('Master.csv'), opts);
  const ok = rows.flatMap((r) =>
    r.ok ? [{ line: r.line, call: toCallRecord(callInputSchema.parse(r.input), 'RS') }] : [],
  );
  const byLine = (line: number) => ok.find((r) => r.line === line)?.call;

  it('reads every row, and reports the broken ones with their line and reason', () => {
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => !r.ok)).toEqual([
      { line: 7, ok: false, reason: 'expected 16 to 21 columns (Asterisk Master.csv), got 4' },
      { line: 8, ok: false, reason: 'start: not a valid "YYYY-MM-DD HH:MM:SS" time' },
      { line: 11, ok: false, reason: 'malformed CSV (CSV_INVALID_CLOSING_QUOTE)' },
    ]);
  });

  it('maps an answered inbound call: uniqueid, caller in E.164, agent from the channel, local times in UTC', () => {
    expect(byLine(1)).toEqual({
      callId: '1772442000.1',
      line: '19833',
      from: '+381641234567',
      to: '19833',
      direction: 'inbound',
      startedAt: '2026-03-02T09:00:00.000Z',
      answeredAt: '2026-03-02T09:00:05.000Z',
      endedAt: '2026-03-02T09:03:25.000Z',
      durationSec: 200,
      outcome: 'answered',
      agent: '101',
      recordingUrl: null,
      transcript: null,
      updatedAt: null,
    });
  });

  it('tells missed, voicemail, abandoned-in-queue, withheld and outgoing calls apart', () => {
    expect(byLine(2)).toMatchObject({ outcome: 'missed', from: '+381611111111', answeredAt: null });
    expect(byLine(3)).toMatchObject({ outcome: 'voicemail', from: '+381111234567', durationSec: 45 });
    expect(byLine(4)).toMatchObject({ outcome: 'abandoned', from: '+381625550101' });
    expect(byLine(5)).toMatchObject({ outcome: 'answered', from: null, agent: '102' });
    expect(byLine(6)).toMatchObject({
      direction: 'outbound',
      from: '101',
      to: '+381641234567',
      agent: '101',
      outcome: 'answered',
    });
  });

  it('keeps two CDR rows of one call under the same id', () => {
    expect(byLine(9)?.callId).toBe('1772456400.15');
    expect(byLine(10)).toMatchObject({ callId: '1772456400.15', outcome: 'answered', agent: '102' });
  });

  it('without loguniqueid, identifies a row by its content so a re-import matches it', () => {
    const line =
      '"","0641234567","19833","from-trunk","","PJSIP/t-1","","Dial","","2026-03-02 10:00:00",,"2026-03-02 10:00:09",9,0,"NO ANSWER","DOCUMENTATION"';
    const [a] = parseAsteriskCsv(line, opts);
    const [b] = parseAsteriskCsv(line, opts);
    expect(a?.ok && b?.ok && a.input.callId === b.input.callId && a.input.callId.startsWith('cdr-')).toBe(true);
  });

  it('reads agents from the channel names Asterisk uses', () => {
    expect(extensionOf('SIP/101-0000000a')).toBe('101');
    expect(extensionOf('PJSIP/savetnik1-00000002')).toBe('savetnik1');
    expect(extensionOf('Local/102@from-queue-00000001;2')).toBe('102');
    expect(extensionOf('')).toBeNull();
  });
});

describe('the generic CSV', () => {
  it('reads a semicolon file with a header, local, ISO and Unix times', () => {
    const parsed = parseGenericCsv(read('calls-generic.csv'), { timeZone: 'Europe/Belgrade' });
    if (!parsed.ok) throw new Error(parsed.reason);
    const results = parsed.rows.map((r) => (r.ok ? callInputSchema.safeParse(r.input) : null));
    const good = results.flatMap((r) => (r?.success ? [toCallRecord(r.data, 'RS')] : []));
    expect(good.map((c) => c.callId)).toEqual(['g-1001', 'g-1002', 'g-1003']);
    expect(good[0]).toMatchObject({ startedAt: '2026-03-03T08:00:00.000Z', from: '+381641234567', durationSec: 300 });
    expect(good[1]).toMatchObject({
      outcome: 'voicemail',
      from: '+381601234567',
      transcript: expect.stringContaining('škole'),
    });
    expect(good[2]).toMatchObject({ from: null, startedAt: '2026-03-03T08:10:00.000Z' });
    const failing = results.slice(3).map((r) => r?.error?.issues.map((i) => i.path.join('.')));
    expect(failing).toEqual([['direction'], ['startedAt'], ['durationSec']]);
  });

  it('refuses a file without the required columns, naming them', () => {
    const r = parseGenericCsv('id,number\n1,0641234567\n', { timeZone: 'UTC' });
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('callId, line, direction, startedAt') });
  });
});
