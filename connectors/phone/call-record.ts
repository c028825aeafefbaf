import { z } from 'zod';
import { type CountryCode, normalisePhone } from './phone-number.ts';

export const CALL_OUTCOMES = ['answered', 'missed', 'abandoned', 'voicemail'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** Call ids starting with this are made by Kontakt for calls a counselor logs by hand. */
export const MANUAL_CALL_PREFIX = 'manual:';

/**
 * A moment of the call: ISO 8601 with an offset, or Unix seconds (what Asterisk's `${EPOCH}` and
 * `${CDR(start,u)}` give). Empty, null and 0 mean "did not happen" (an unanswered call's answer time).
 */
const callTime = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v, ctx): string | null => {
    if (v === null || v === undefined) return null;
    const s = String(v).trim();
    if (s === '') return null;
    if (/^\d{1,12}(\.\d+)?$/.test(s)) {
      const seconds = Number(s);
      return seconds === 0 ? null : new Date(Math.round(seconds * 1000)).toISOString();
    }
    if (z.iso.datetime({ offset: true }).safeParse(s).success) {
      const d = new Date(s);
      if (!Number.isNaN(d.getTime())) return d.toISOString();
    }
    ctx.addIssue({
      code: 'custom',
      message: 'expected an ISO 8601 time with an offset (…Z or …+01:00) or Unix seconds',
    });
    return z.NEVER;
  });

const text = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v === null || v === undefined || v.trim() === '' ? null : v.trim()));

/** A PBX's or a file's call record as it arrives; numbers are normalised afterwards. */
export const callInputSchema = z.object({
  callId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'printable characters without spaces')
    .refine((v) => !v.startsWith(MANUAL_CALL_PREFIX), `ids starting with "${MANUAL_CALL_PREFIX}" are reserved`),
  line: z.string().trim().min(1).max(100),
  /** The caller's number; empty, missing or "anonymous" when withheld. */
  from: text(64),
  to: text(64),
  direction: z.enum(CALL_DIRECTIONS),
  startedAt: callTime.refine((v) => v !== null, 'required'),
  answeredAt: callTime,
  endedAt: callTime,
  durationSec: z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
      z.union([z.number(), z.string().regex(/^\d+$/, 'whole seconds')]).nullish(),
    )
    .transform((v) => (v === null || v === undefined ? null : Number(v)))
    .refine((v) => v === null || (Number.isInteger(v) && v >= 0 && v <= 172_800), 'whole seconds, at most 48 hours'),
  outcome: z.preprocess((v) => (v === '' ? null : v), z.enum(CALL_OUTCOMES).nullish()),
  agent: text(200),
  recordingUrl: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.httpUrl().max(2000).nullish(),
  ),
  transcript: text(20_000),
  /** When the PBX produced this state: breaks ties between two posts of the same state. */
  updatedAt: callTime,
});

export type CallInput = z.input<typeof callInputSchema>;
export type ParsedCallInput = z.output<typeof callInputSchema>;

/** One call as Kontakt keeps it: times in UTC ISO, the other party's number in E.164 or null. */
export interface CallRecord {
  callId: string;
  line: string;
  /** Inbound: the caller (E.164, null when withheld or invalid). Outbound: our line or extension. */
  from: string | null;
  /** Inbound: the number or queue dialled. Outbound: the number we called (E.164 or null). */
  to: string | null;
  direction: CallDirection;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** Talk time (voicemail: message length) in seconds. */
  durationSec: number | null;
  outcome: CallOutcome | null;
  agent: string | null;
  recordingUrl: string | null;
  transcript: string | null;
  updatedAt: string | null;
}

/** The other party: the person the centre talks to, whichever way the call went. */
export const counterpart = (c: Pick<CallRecord, 'direction' | 'from' | 'to'>): string | null =>
  c.direction === 'inbound' ? c.from : c.to;

/**
 * Normalise a validated input: the other party's number to E.164 (or null = anonymous), and an
 * ended call without an outcome gets one from whether it was answered.
 */
export function toCallRecord(input: ParsedCallInput, region: CountryCode): CallRecord {
  const inbound = input.direction === 'inbound';
  const from = inbound ? normalisePhone(input.from, region) : input.from;
  const to = inbound ? input.to : normalisePhone(input.to, region);
  const outcome = input.outcome ?? (input.endedAt ? (input.answeredAt ? 'answered' : 'missed') : null);
  return {
    callId: input.callId,
    line: input.line,
    from,
    to,
    direction: input.direction,
    startedAt: input.startedAt as string,
    answeredAt: input.answeredAt,
    endedAt: input.endedAt,
    durationSec: input.durationSec,
    outcome,
    agent: input.agent,
    recordingUrl: input.recordingUrl ?? null,
    transcript: input.transcript,
    updatedAt: input.updatedAt,
  };
}

/** zod issues as `{field, message}` pairs, the shape every 400 of the API uses. */
export const issueFields = (err: z.ZodError) =>
  err.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
