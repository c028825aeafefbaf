import { z } from 'zod';
import { CALL_DIRECTIONS, CALL_OUTCOMES } from '../../../connectors/phone/call-record.ts';
import { callbackViewSchema, caseSummarySchema } from '../../domain/views.schema.ts';
import { IMPORT_FORMATS } from './phone-import.service.ts';

/*
 * The phone routes' answers, written once: the routes are typed by these shapes, the OpenAPI
 * document shows them, and the web inbox imports the types (type-only).
 */

const iso = z.string().meta({ description: 'ISO 8601 date-time' });

/** A stored call as the phone routes present it: the PBX's record, its state, and how it was stored. */
export const callViewSchema = z
  .strictObject({
    callId: z.string(),
    line: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    direction: z.enum(CALL_DIRECTIONS),
    startedAt: iso,
    answeredAt: iso.nullable(),
    endedAt: iso.nullable(),
    durationSec: z.number().int().nullable(),
    outcome: z.enum(CALL_OUTCOMES).nullable(),
    agent: z.string().nullable(),
    recordingUrl: z.string().nullable(),
    transcript: z.string().nullable(),
    state: z.enum(['ringing', 'answered', 'ended']),
    source: z.enum(['pbx', 'csv', 'manual']),
    version: z.number().int(),
    manual: z
      .strictObject({ category: z.string().nullable(), notes: z.string().nullable(), loggedBy: z.string() })
      .nullable()
      .optional()
      .meta({ description: 'What a counselor wrote when the call was logged by hand' }),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'Call' });

/** Everything known about a number: its contact, earlier cases and calls, callback, do-not-call. */
export const callerInfoSchema = z
  .strictObject({
    number: z.string().meta({ description: 'E.164' }),
    contactId: z.uuid().nullable(),
    doNotCall: z.strictObject({ reason: z.string().nullable(), setBy: z.uuid().nullable(), setAt: iso }).nullable(),
    callback: callbackViewSchema.nullable(),
    cases: z.array(caseSummarySchema),
    calls: z.array(callViewSchema),
  })
  .meta({ id: 'CallerInfo' });

export const importReportSchema = z
  .strictObject({
    format: z.enum(IMPORT_FORMATS),
    rows: z.number().int(),
    imported: z.number().int().meta({ description: 'New calls' }),
    updated: z.number().int().meta({ description: 'Known calls this file moved on' }),
    unchanged: z.number().int(),
    rejected: z.array(z.strictObject({ line: z.number().int(), callId: z.string().nullable(), reason: z.string() })),
  })
  .meta({ id: 'CallImportReport' });

export type CallView = z.infer<typeof callViewSchema>;
export type CallerInfo = z.infer<typeof callerInfoSchema>;
export type ImportReport = z.infer<typeof importReportSchema>;
