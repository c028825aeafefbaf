import { type CsvError, parse } from 'csv-parse/sync';

export type CsvRow = { line: number; ok: true; fields: string[] } | { line: number; ok: false; reason: string };

/**
 * Every record of a CSV text with the line it starts on. A malformed record (a stray quote) is
 * reported with its line and the rest of the file is still read.
 */
export function readCsv(text: string, delimiter: string): CsvRow[] {
  const broken = new Map<number, string>();
  const records = parse(text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (err: CsvError | undefined) => {
      const line = typeof err?.lines === 'number' ? err.lines : 0;
      if (!broken.has(line)) broken.set(line, `malformed CSV (${err?.code ?? 'unknown error'})`);
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const rows: CsvRow[] = records.map((r) => ({ line: r.info.lines, ok: true, fields: r.record }));
  for (const [line, reason] of broken) rows.push({ line, ok: false, reason });
  return rows.sort((a, b) => a.line - b.line);
}
