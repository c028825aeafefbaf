import type { Logger } from 'pino';
import { parseAsteriskCsv, type SourceRow } from '../../../connectors/phone/asterisk-cdr.ts';
import {
  type CallRecord,
  callInputSchema,
  counterpart,
  issueFields,
  toCallRecord,
} from '../../../connectors/phone/call-record.ts';
import { parseGenericCsv } from '../../../connectors/phone/generic-csv.ts';
import { applyEnvelope, type IngestOptions, type IngestUnitOfWork } from '../../domain/ingest.service.ts';
import type { EventPublisher } from '../../domain/views.ts';
import { describeError } from '../../logging/describe-error.ts';
import type { ImportReport } from './phone.schema.ts';
import type { Dispatch, PhoneIngest } from './phone-ingest.service.ts';
import type { PhoneSettings } from './phone-settings.ts';

export const IMPORT_FORMATS = ['asterisk', 'generic'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What an import did, row by row counted (phone.schema.ts). */
export type { ImportReport };

export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/**
 * Apply an import's event at once, in this process: the calls are in their cases (in file order
 * per number, so a repeated caller joins the case of the earlier call) when the report is shown.
 * The event is already durable; if this fails the worker's recovery sweep applies it later.
 */
export function directDispatch(deps: {
  ingest: IngestUnitOfWork;
  ingestOptions: IngestOptions;
  publisher: EventPublisher;
  log: Logger;
}): Dispatch {
  return async (eventId, envelope) => {
    const result = await applyEnvelope(deps.ingest, eventId, envelope, new Date(), deps.ingestOptions);
    await deps.publisher.publish(result.events).catch((err) => deps.log.warn({ err }, 'event publish failed'));
  };
}

function rowsOf(text: string, format: ImportFormat, settings: PhoneSettings): SourceRow[] {
  if (format === 'asterisk') {
    return parseAsteriskCsv(text, {
      timeZone: settings.cdrTimeZone,
      outboundContexts: settings.cdrOutboundContexts,
      region: settings.region,
    });
  }
  const parsed = parseGenericCsv(text, { timeZone: settings.cdrTimeZone });
  if (!parsed.ok) throw new ImportFileError(parsed.reason);
  return parsed.rows;
}

/** Numbers imported side by side; each number's calls stay in file order. */
const IMPORT_CONCURRENCY = 4;

type ValidRow = { line: number; call: CallRecord };

/**
 * One file of call logs through the same path as a PBX post; broken rows are reported, not fatal.
 * Rows are grouped by the other party's number: a number's calls go in file order (a repeated
 * call joins the earlier call's case, a call back closes the task), different numbers in parallel.
 */
export async function importCalls(
  text: string,
  format: ImportFormat,
  deps: { ingest: PhoneIngest; dispatch: Dispatch; settings: PhoneSettings; log: Logger },
): Promise<ImportReport> {
  const report: ImportReport = { format, rows: 0, imported: 0, updated: 0, unchanged: 0, rejected: [] };
  const groups = new Map<string, ValidRow[]>();
  for (const row of rowsOf(text, format, deps.settings)) {
    report.rows++;
    if (!row.ok) {
      report.rejected.push({ line: row.line, callId: null, reason: row.reason });
      continue;
    }
    const parsed = callInputSchema.safeParse(row.input);
    if (!parsed.success) {
      const reason = issueFields(parsed.error)
        .map((f) => `${f.field}: ${f.message}`)
        .join('; ');
      const callId = typeof row.input.callId === 'string' ? row.input.callId : null;
      report.rejected.push({ line: row.line, callId, reason });
      continue;
    }
    const call = toCallRecord(parsed.data, deps.settings.region);
    const key = counterpart(call) ?? `call:${call.callId}`;
    groups.set(key, [...(groups.get(key) ?? []), { line: row.line, call }]);
  }
  const queue = [...groups.values()];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const { line, call } of group) {
        try {
          const res = await deps.ingest.ingest(call, 'csv', { dispatch: deps.dispatch });
          if (res.effect === 'created') report.imported++;
          else if (res.effect === 'updated') report.updated++;
          else report.unchanged++;
        } catch (err) {
          // Importing again is safe: what was stored is matched by its call id.
          deps.log.warn({ reason: describeError(err), line }, 'call import row failed');
          report.rejected.push({
            line,
            callId: call.callId,
            reason: 'not finished (server error); import the file again',
          });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: IMPORT_CONCURRENCY }, worker));
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
