import { createHash } from 'node:crypto';
import type { CallInput } from './call-record.ts';
import { readCsv } from './csv-rows.ts';
import { localToUtcIso } from './local-time.ts';
import { type CountryCode, normalisePhone } from './phone-number.ts';

/**
 * Asterisk cdr_csv writes Master.csv without a header: these 16 columns, then `uniqueid` when
 * loguniqueid=yes, `userfield` when loguserfield=yes, and `peeraccount, linkedid, sequence` when
 * newcdrcolumns=yes (cdr.conf, section [csv]).
 */
const ASTERISK_BASE_COLUMNS = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
] as const;

/** Which optional columns a row of this width carries (userfield is only logged with uniqueid here). */
const OPTIONAL_BY_WIDTH: Record<number, readonly string[]> = {
  16: [],
  17: ['uniqueid'],
  18: ['uniqueid', 'userfield'],
  19: ['peeraccount', 'linkedid', 'sequence'],
  20: ['uniqueid', 'peeraccount', 'linkedid', 'sequence'],
  21: ['uniqueid', 'userfield', 'peeraccount', 'linkedid', 'sequence'],
};

export interface CdrOptions {
  /** The zone of the Asterisk server's clock (use "UTC" with usegmtime=yes). */
  timeZone: string;
  /** Dialplan contexts our own extensions dial out from (FreePBX: from-internal). */
  outboundContexts: readonly string[];
  region: CountryCode;
}

export type SourceRow = { line: number; ok: true; input: CallInput } | { line: number; ok: false; reason: string };

/** `SIP/101-0000000a`, `PJSIP/101-00000002`, `Local/101@from-queue-000001;2` → `101`. */
export function extensionOf(channel: string): string | null {
  const m = /^[A-Za-z0-9_]+\/([^-@;/]+)/.exec(channel.trim());
  return m?.[1] ?? null;
}

/** The number in a caller-id like `"Ana" <0641234567>`. */
const clidNumber = (clid: string) => /<([^>]*)>/.exec(clid)?.[1]?.trim() ?? '';

const isExtension = (s: string) => /^\d{2,6}$/.test(s.trim());

function cdrTime(value: string, field: string, timeZone: string): string | null | { error: string } {
  const v = value.trim();
  if (v === '') return null;
  const iso = localToUtcIso(v, timeZone);
  return iso ?? { error: `${field}: not a valid "YYYY-MM-DD HH:MM:SS" time` };
}

function outcomeOf(disposition: string, lastapp: string, dstchannel: string, inbound: boolean) {
  const d = disposition.trim().toUpperCase();
  if (d !== 'ANSWERED') return 'missed' as const;
  if (!inbound) return 'answered' as const;
  if (/^voicemail$/i.test(lastapp.trim())) return 'voicemail' as const;
  // Answered by the PBX itself (queue, IVR) but never bridged to a person: the caller gave up.
  return dstchannel.trim() === '' ? ('abandoned' as const) : ('answered' as const);
}

/** One Master.csv row as a call record input (validated later like any PBX post). */
function cdrRowToInput(fields: string[], opts: CdrOptions): CallInput | { error: string } {
  const optional = OPTIONAL_BY_WIDTH[fields.length];
  if (!optional) return { error: `expected 16 to 21 columns (Asterisk Master.csv), got ${fields.length}` };
  const names = [...ASTERISK_BASE_COLUMNS, ...optional];
  const row = Object.fromEntries(names.map((n, i) => [n, fields[i] ?? ''])) as Record<string, string>;
  const get = (k: string) => row[k] ?? '';

  const src = get('src').trim() || clidNumber(get('clid'));
  const dst = get('dst').trim();
  const outbound =
    opts.outboundContexts.includes(get('dcontext').trim()) ||
    (isExtension(src) && normalisePhone(dst, opts.region) !== null && normalisePhone(src, opts.region) === null);
  const inbound = !outbound;

  const times: Record<string, string | null> = {};
  for (const [k, label] of [
    ['start', 'start'],
    ['answer', 'answer'],
    ['end', 'end'],
  ] as const) {
    const t = cdrTime(get(k), label, opts.timeZone);
    if (t !== null && typeof t === 'object') return t;
    times[k] = t;
  }
  if (!times.start) return { error: 'start: missing' };
  const billsec = get('billsec').trim();
  if (billsec !== '' && !/^\d+$/.test(billsec)) return { error: 'billsec: expected whole seconds' };

  const outcome = outcomeOf(get('disposition'), get('lastapp'), get('dstchannel'), inbound);
  // Without loguniqueid the row itself is the identity: re-importing the same file matches it again.
  const uniqueid = get('uniqueid').trim();
  const callId = uniqueid || `cdr-${createHash('sha256').update(fields.join('\u0000')).digest('hex').slice(0, 24)}`;
  const agentChannel = inbound ? get('dstchannel') : get('channel');
  return {
    callId,
    line: get('accountcode').trim() || (inbound ? dst : '') || get('dcontext').trim() || 'asterisk',
    from: src,
    to: dst,
    direction: inbound ? 'inbound' : 'outbound',
    startedAt: times.start,
    answeredAt: outcome === 'answered' ? times.answer : null,
    endedAt: times.end ?? times.start,
    durationSec: billsec === '' ? null : billsec,
    outcome,
    agent: extensionOf(agentChannel) ?? (outbound && isExtension(src) ? src : null),
  };
}

/** Master.csv text → one entry per row, broken rows with their reason and line number. */
export function parseAsteriskCsv(text: string, opts: CdrOptions): SourceRow[] {
  return readCsv(text, ',').map((r) => {
    if (!r.ok) return r;
    const out = cdrRowToInput(r.fields, opts);
    return 'error' in out ? { line: r.line, ok: false, reason: out.error } : { line: r.line, ok: true, input: out };
  });
}
