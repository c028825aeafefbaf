import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ManualDetails } from '../../../connectors/phone/call-envelope.ts';
import {
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  type CallOutcome,
  type CallRecord,
  MANUAL_CALL_PREFIX,
} from '../../../connectors/phone/call-record.ts';
import { type CountryCode, normalisePhone } from '../../../connectors/phone/phone-number.ts';

const duration = z.number().int().min(0).max(172_800);
/** A category code; whether it is in use is checked against the taxonomy by the route. */
const categoryCode = z.string().regex(/^[a-z][a-z0-9_]{1,47}$/, 'a category code');

/** A counselor's record of a call, during it or after it. */
export const manualCallBody = z
  .object({
    /** The other party's number as dialled or shown; leave out with anonymous: true. */
    number: z.string().trim().max(64).nullish(),
    anonymous: z.boolean().default(false),
    direction: z.enum(CALL_DIRECTIONS).default('inbound'),
    startedAt: z.iso.datetime({ offset: true }).optional(),
    /** Left out while the call is still going on; PATCH it when the call ends. */
    durationSec: duration.optional(),
    outcome: z.enum(CALL_OUTCOMES).default('answered'),
    category: categoryCode.optional(),
    notes: z.string().trim().max(20_000).optional(),
    /** Log onto this case instead of opening a new one. */
    caseId: z.uuid().optional(),
    line: z.string().trim().min(1).max(100).default('manual'),
  })
  .superRefine((b, ctx) => {
    const hasNumber = typeof b.number === 'string' && b.number !== '';
    if (hasNumber === b.anonymous) {
      ctx.addIssue({ code: 'custom', path: ['number'], message: 'give the number, or mark the call anonymous' });
    }
    if (!b.caseId && !b.category) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'required for a new case' });
    }
  });

export type ManualCallBody = z.infer<typeof manualCallBody>;

export const manualFinishBody = z.object({
  durationSec: duration,
  outcome: z.enum(CALL_OUTCOMES).optional(),
  category: categoryCode.optional(),
  notes: z.string().trim().max(20_000).optional(),
});

/**
 * The id of a hand-logged call. With an Idempotency-Key the id is derived from the user and the
 * key, so a retried request finds the call it already made.
 */
export function manualCallId(userId: string, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return `${MANUAL_CALL_PREFIX}${randomUUID()}`;
  const h = createHash('sha256').update(`${userId}\u0000${idempotencyKey}`).digest('hex');
  return `${MANUAL_CALL_PREFIX}${h.slice(0, 32)}`;
}

export const idempotencyKey = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable characters without spaces')
  .optional();

/** Number → E.164 or a field error; null = anonymous. */
export function manualNumber(b: ManualCallBody, region: CountryCode): string | null | { error: string } {
  if (b.anonymous) return null;
  return normalisePhone(b.number, region) ?? { error: 'not a valid phone number' };
}

const plus = (iso: string, sec: number) => new Date(new Date(iso).getTime() + sec * 1000).toISOString();

export function manualRecord(input: {
  callId: string;
  body: ManualCallBody;
  number: string | null;
  agent: string;
  now: Date;
}): CallRecord {
  const { body, number } = input;
  const inProgress = body.durationSec === undefined;
  const startedAt = body.startedAt
    ? new Date(body.startedAt).toISOString()
    : new Date(input.now.getTime() - (body.durationSec ?? 0) * 1000).toISOString();
  return finishRecord(
    {
      callId: input.callId,
      line: body.line,
      from: body.direction === 'inbound' ? number : body.line,
      to: body.direction === 'inbound' ? body.line : number,
      direction: body.direction,
      startedAt,
      answeredAt: body.outcome === 'answered' ? startedAt : null,
      endedAt: null,
      durationSec: null,
      outcome: null,
      agent: input.agent,
      recordingUrl: null,
      transcript: null,
      updatedAt: null,
    },
    inProgress ? null : { durationSec: body.durationSec ?? 0, outcome: body.outcome },
  );
}

/** End a hand-logged call: its duration and outcome. */
export function finishRecord(call: CallRecord, end: { durationSec: number; outcome?: CallOutcome } | null): CallRecord {
  if (!end) return call;
  const outcome = end.outcome ?? call.outcome ?? 'answered';
  return {
    ...call,
    answeredAt: outcome === 'answered' ? call.startedAt : null,
    endedAt: plus(call.startedAt, end.durationSec),
    durationSec: end.durationSec,
    outcome,
  };
}

export const manualDetails = (
  prev: ManualDetails | null,
  patch: { category?: string; notes?: string },
  loggedBy: string,
): ManualDetails => ({
  category: patch.category ?? prev?.category ?? null,
  notes: patch.notes ?? prev?.notes ?? null,
  loggedBy: prev?.loggedBy ?? loggedBy,
});
