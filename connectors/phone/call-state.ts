import type { CallOutcome, CallRecord } from './call-record.ts';

export type CallState = 'ringing' | 'answered' | 'ended';

const ENDED_OUTCOMES: readonly CallOutcome[] = ['missed', 'abandoned', 'voicemail'];

export function callState(c: CallRecord): CallState {
  if (c.endedAt !== null || (c.outcome !== null && ENDED_OUTCOMES.includes(c.outcome))) return 'ended';
  if (c.answeredAt !== null || c.outcome === 'answered') return 'answered';
  return 'ringing';
}

/**
 * How far a call has got. Ended outranks answered outranks ringing; among ended records, the one
 * that says more about the caller wins (several CDR rows of one call: an agent that did not pick
 * up, then one that did), so answered > voicemail > abandoned > missed.
 */
const ENDED_RANK: Record<CallOutcome, number> = { missed: 0, abandoned: 1, voicemail: 2, answered: 3 };

export function callRank(c: CallRecord): number {
  const state = callState(c);
  if (state === 'ended') return 10 + ENDED_RANK[c.outcome ?? 'missed'];
  return state === 'answered' ? 1 : 0;
}

/** Reached a person: answered and not a voicemail or an abandoned wait. */
export const isAnswered = (c: CallRecord): boolean =>
  c.outcome === 'answered' || (c.outcome === null && c.answeredAt !== null);

/** A call that nobody at the centre took: these ask for a callback. */
export const isMissedInbound = (c: CallRecord): boolean =>
  c.direction === 'inbound' && c.outcome !== null && ENDED_OUTCOMES.includes(c.outcome);

const KEYS = [
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
  'updatedAt',
] as const satisfies readonly (keyof CallRecord)[];

function combine(callId: string, primary: CallRecord, fallback: CallRecord): CallRecord {
  const out = { callId } as Record<string, unknown>;
  for (const k of KEYS) out[k] = primary[k] ?? fallback[k];
  return out as unknown as CallRecord;
}

const same = (a: CallRecord, b: CallRecord) => KEYS.every((k) => a[k] === b[k]);

export type MergeEffect = 'created' | 'updated' | 'unchanged';

/**
 * Fold a new post of a call into what is stored. PBXs retry and posts overtake each other, so a
 * post that is behind the stored state (ringing after ended, or an older `updatedAt` at the same
 * state) never moves the call back: it may only fill in what is still unknown.
 */
export function mergeCall(
  stored: CallRecord | null,
  incoming: CallRecord,
): { next: CallRecord; effect: MergeEffect; stale: boolean } {
  if (!stored) return { next: incoming, effect: 'created', stale: false };
  const rs = callRank(stored);
  const ri = callRank(incoming);
  const olderAtSameState =
    ri === rs && stored.updatedAt !== null && incoming.updatedAt !== null && incoming.updatedAt < stored.updatedAt;
  const stale = ri < rs || olderAtSameState;
  let next = stale ? combine(stored.callId, stored, incoming) : combine(stored.callId, incoming, stored);
  // Filling gaps must not change the state either (belt and braces for odd combinations).
  if (callRank(next) < rs) next = stored;
  return { next, effect: same(next, stored) ? 'unchanged' : 'updated', stale };
}
