import { parse } from 'csv-parse/sync';
import { type ActivityInput, activityBody } from './outreach.schema.ts';
import { foldName, type InstitutionKind, type OutreachKind } from './outreach.ts';

/**
 * An existing spreadsheet of the education team, saved as CSV, read into activities. The header
 * row names the columns in Serbian (either script, with or without diacritics) or English; the
 * values of kind and institution kind may be the codes or their words. Nothing is stored here:
 * the caller stores every row or none (docs/outreach.md lists the headers and words).
 */

type Column =
  | 'kind'
  | 'date'
  | 'institution'
  | 'institutionKind'
  | 'municipality'
  | 'educators'
  | 'students'
  | 'parents'
  | 'teachers'
  | 'healthWorkers'
  | 'others'
  | 'topics'
  | 'notes';

/** Header words (folded: lower case, Latin, no diacritics) → the column. */
const HEADERS: Readonly<Record<Column, readonly string[]>> = {
  kind: ['kind', 'type', 'activity', 'activity type', 'vrsta', 'vrsta aktivnosti', 'aktivnost', 'tip aktivnosti'],
  date: ['date', 'datum', 'datum odrzavanja'],
  institution: ['institution', 'institution name', 'school', 'ustanova', 'naziv ustanove', 'skola', 'naziv skole'],
  institutionKind: ['institution kind', 'institution type', 'vrsta ustanove', 'tip ustanove'],
  municipality: ['municipality', 'city', 'town', 'place', 'opstina', 'grad', 'mesto', 'opstina grad'],
  educators: ['educators', 'educator', 'edukatori', 'edukator', 'predavaci', 'predavac'],
  students: ['students', 'pupils', 'ucenici', 'broj ucenika', 'ucenika'],
  parents: ['parents', 'roditelji', 'broj roditelja', 'roditelja'],
  teachers: ['teachers', 'nastavnici', 'broj nastavnika', 'nastavnika', 'prosvetni radnici'],
  healthWorkers: ['health workers', 'zdravstveni radnici', 'broj zdravstvenih radnika', 'zdravstvenih radnika'],
  others: ['others', 'other', 'ostali', 'drugi', 'ostalih'],
  topics: ['topics', 'topic', 'teme', 'tema'],
  notes: ['notes', 'note', 'napomena', 'napomene', 'beleske'],
};

/** Words for each kind of activity (folded), besides its code. */
const KIND_WORDS: Readonly<Record<OutreachKind, readonly string[]>> = {
  school_presentation: ['school presentation', 'presentation', 'prezentacija', 'prezentacija u skoli', 'predavanje'],
  parents_meeting: ['parents meeting', "parents' meeting", 'roditeljski sastanak', 'sastanak sa roditeljima'],
  teacher_training: ['teacher training', 'obuka nastavnika', 'obuka za nastavnike'],
  health_centre_training: [
    'health centre training',
    'health center training',
    'obuka u domu zdravlja',
    'obuka zdravstvenih radnika',
  ],
  webinar: ['webinar', 'vebinar'],
  seminar_workshop: ['seminar', 'workshop', 'seminar or workshop', 'radionica', 'seminar radionica'],
  media_appearance: ['media appearance', 'media', 'medijsko gostovanje', 'gostovanje', 'mediji'],
  campaign: ['campaign', 'kampanja'],
  other: ['other', 'ostalo', 'drugo'],
};

const INSTITUTION_WORDS: Readonly<Record<InstitutionKind, readonly string[]>> = {
  primary_school: ['primary school', 'elementary school', 'osnovna skola', 'os'],
  secondary_school: ['secondary school', 'high school', 'srednja skola', 'ss', 'gimnazija'],
  health_centre: ['health centre', 'health center', 'dom zdravlja', 'dz'],
  other: ['other', 'ostalo', 'druga ustanova'],
};

function lookup<K extends string>(words: Readonly<Record<K, readonly string[]>>, value: string): K | undefined {
  const v = foldName(value);
  for (const [key, list] of Object.entries(words) as [K, readonly string[]][])
    if (foldName(key) === v || list.some((w) => foldName(w) === v)) return key;
  return undefined;
}

/** With no kind given, the name tells it often enough: "OŠ …", "Gimnazija …", "Dom zdravlja …". */
function kindFromName(name: string): InstitutionKind {
  const n = foldName(name);
  if (/^(os|osnovna skola)\b/.test(n)) return 'primary_school';
  if (/^(ss|srednja|gimnazija|tehnicka|ekonomska|medicinska)\b/.test(n)) return 'secondary_school';
  if (/^(dz|dom zdravlja)\b/.test(n)) return 'health_centre';
  return 'other';
}

/** 2026-03-15, 15.3.2026(.), 15/3/2026 → 2026-03-15; anything else is left for the schema to refuse. */
function isoDate(value: string): string {
  const v = value.trim();
  const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{4})\.?$/.exec(v);
  if (dmy) return `${dmy[3]}-${dmy[2]?.padStart(2, '0')}-${dmy[1]?.padStart(2, '0')}`;
  return v;
}

/** "1.234", "1 234" and "1234" are numbers; empty is 0; anything else stays text for the schema to refuse. */
function count(value: string): number | string {
  const v = value.trim();
  if (v === '') return 0;
  return /^\d{1,3}([. ]\d{3})+$|^\d+$/.test(v) ? Number(v.replace(/[. ]/g, '')) : v;
}

const list = (value: string) =>
  value
    .split(/[;,|]/)
    .map((s) => s.trim())
    .filter(Boolean);

export interface RowError {
  /** The line of the file (the header is line 1). */
  row: number;
  field: string;
  message: string;
}

export type CsvImport = { ok: true; activities: ActivityInput[] } | { ok: false; problem: string; rows: RowError[] };

export const MAX_IMPORT_ROWS = 10_000;

function delimiterOf(header: string): string {
  const counts = [';', ',', '\t'].map((d) => ({ d, n: header.split(d).length }));
  return counts.sort((a, b) => b.n - a.n)[0]?.d ?? ',';
}

/** Read the whole file; any problem in any row is reported, with its line and field. */
export function readOutreachCsv(text: string): CsvImport {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: delimiterOf(firstLine),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (err) {
    const line = typeof (err as { lines?: unknown }).lines === 'number' ? (err as { lines: number }).lines : 0;
    return {
      ok: false,
      problem: 'the file is not valid CSV',
      rows: [{ row: line, field: 'csv', message: 'malformed CSV' }],
    };
  }
  const [head, ...body] = records;
  if (!head) return { ok: false, problem: 'the file is empty', rows: [] };
  const columns: (Column | undefined)[] = head.record.map((h) => {
    const folded = foldName(h);
    return (Object.keys(HEADERS) as Column[]).find(
      (c) => foldName(c) === folded || HEADERS[c].some((w) => foldName(w) === folded),
    );
  });
  const unknown = head.record.filter((h, i) => columns[i] === undefined && h.trim() !== '');
  if (unknown.length > 0)
    return { ok: false, problem: `unknown columns: ${unknown.map((h) => `"${h.trim()}"`).join(', ')}`, rows: [] };
  const missing = (['kind', 'date'] as const).filter((c) => !columns.includes(c));
  if (missing.length > 0) return { ok: false, problem: `missing columns: ${missing.join(', ')}`, rows: [] };
  if (body.length === 0) return { ok: false, problem: 'the file has no activities', rows: [] };
  if (body.length > MAX_IMPORT_ROWS)
    return { ok: false, problem: `at most ${MAX_IMPORT_ROWS} activities in one file`, rows: [] };

  const activities: ActivityInput[] = [];
  const errors: RowError[] = [];
  for (const { record, info } of body) {
    const cell = (c: Column) => {
      const i = columns.indexOf(c);
      return i >= 0 ? (record[i] ?? '').trim() : '';
    };
    const rowErrors: RowError[] = [];
    const kind = lookup(KIND_WORDS, cell('kind'));
    if (!kind) rowErrors.push({ row: info.lines, field: 'kind', message: `unknown kind "${cell('kind')}"` });
    const name = cell('institution');
    const instKindText = cell('institutionKind');
    const instKind = instKindText ? lookup(INSTITUTION_WORDS, instKindText) : kindFromName(name);
    if (!instKind)
      rowErrors.push({
        row: info.lines,
        field: 'institution.kind',
        message: `unknown institution kind "${instKindText}"`,
      });
    if (!name && (instKindText || cell('municipality')))
      rowErrors.push({ row: info.lines, field: 'institution.name', message: 'the institution has no name' });
    const candidate = {
      kind: kind ?? 'other',
      date: isoDate(cell('date')),
      institution: name ? { name, kind: instKind ?? 'other', municipality: cell('municipality') || null } : null,
      educators: list(cell('educators')),
      audience: {
        students: count(cell('students')),
        parents: count(cell('parents')),
        teachers: count(cell('teachers')),
        healthWorkers: count(cell('healthWorkers')),
        others: count(cell('others')),
      },
      topics: list(cell('topics')),
      notes: cell('notes') || null,
    };
    const parsed = activityBody.safeParse(candidate);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        rowErrors.push({ row: info.lines, field: issue.path.join('.'), message: issue.message });
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else if (parsed.success) activities.push(parsed.data);
  }
  if (errors.length > 0)
    return {
      ok: false,
      problem: `${new Set(errors.map((e) => e.row)).size} rows have errors; nothing was imported`,
      rows: errors,
    };
  return { ok: true, activities };
}
