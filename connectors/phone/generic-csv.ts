import type { SourceRow } from './asterisk-cdr.ts';
import type { CallInput } from './call-record.ts';
import { readCsv } from './csv-rows.ts';
import { isLocalTime, localToUtcIso } from './local-time.ts';

/**
 * The generic call-log format: a header row naming the columns (any order, any case; `call_id`
 * and `callId` alike), comma- or semicolon-separated, one call per row. The same fields as a PBX
 * post; times in ISO 8601, Unix seconds, or local "YYYY-MM-DD HH:MM[:SS]" in the configured zone.
 */
const GENERIC_COLUMNS = [
  'callId',
  'line',
  'from',
  'to',
  'direction',
  'startedAt',
  'answeredAt',
  'endedAt',
  'durationSec',
  'outcome',
  'agent',
  'recordingUrl',
  'transcript',
] as const;

const GENERIC_REQUIRED = ['callId', 'line', 'direction', 'startedAt'] as const;

const TIME_COLUMNS = new Set<string>(['startedAt', 'answeredAt', 'endedAt']);

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const BY_SQUASHED = new Map<string, string>(GENERIC_COLUMNS.map((c) => [squash(c), c]));

/** Spreadsheets set to a Serbian locale save with semicolons: the header line tells which. */
function delimiterOf(text: string): string {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

export type GenericParse = { ok: true; rows: SourceRow[] } | { ok: false; reason: string };

export function parseGenericCsv(text: string, opts: { timeZone: string }): GenericParse {
  const all = readCsv(text, delimiterOf(text));
  const [header, ...rest] = all;
  if (!header) return { ok: false, reason: 'the file is empty' };
  if (!header.ok) return { ok: false, reason: `header row: ${header.reason}` };
  const columns = header.fields.map((h) => BY_SQUASHED.get(squash(h)) ?? null);
  const missing = GENERIC_REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    return { ok: false, reason: `header row: missing column(s) ${missing.join(', ')} (see the documented format)` };
  }
  const rows = rest.map((r): SourceRow => {
    if (!r.ok) return r;
    if (r.fields.length > header.fields.length) {
      return { line: r.line, ok: false, reason: `${r.fields.length} values for ${header.fields.length} columns` };
    }
    const input: Record<string, string> = {};
    for (const [i, name] of columns.entries()) {
      if (!name) continue;
      const raw = r.fields[i] ?? '';
      if (TIME_COLUMNS.has(name) && isLocalTime(raw)) {
        const iso = localToUtcIso(raw, opts.timeZone);
        if (!iso) return { line: r.line, ok: false, reason: `${name}: not a real date and time` };
        input[name] = iso;
      } else input[name] = raw;
    }
    return { line: r.line, ok: true, input: input as unknown as CallInput };
  });
  return { ok: true, rows };
}
