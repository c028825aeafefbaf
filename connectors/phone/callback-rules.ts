import { type CallRecord, counterpart } from './call-record.ts';
import { callState, isAnswered, isMissedInbound } from './call-state.ts';

export type MissedReason = 'missed' | 'abandoned' | 'voicemail';

/** What a change of one call means for the callback task of its number. */
export type CallbackAction =
  | { kind: 'none' }
  /** Nobody took an incoming call: open the number's task, or count one more missed call on it. */
  | { kind: 'missed'; number: string; reason: MissedReason; transcript: string | null; newMiss: boolean }
  /** The person was reached: by our outgoing call, or they called again and got through. */
  | { kind: 'reached'; number: string; via: 'outbound' | 'inbound' }
  /** Our outgoing call to them was not answered: one more attempt on the task. */
  | { kind: 'no_answer'; number: string };

/**
 * Decided on the transition from the stored call to the merged one, so a repeated or late post of
 * the same call never counts twice.
 */
export function callbackAction(prev: CallRecord | null, next: CallRecord): CallbackAction {
  const number = counterpart(next);
  if (!number) return { kind: 'none' };
  const newlyAnswered = isAnswered(next) && !(prev && isAnswered(prev));
  if (next.direction === 'inbound') {
    if (newlyAnswered) return { kind: 'reached', number, via: 'inbound' };
    if (!isMissedInbound(next)) return { kind: 'none' };
    const newMiss = !(prev && isMissedInbound(prev));
    const changed = newMiss || prev?.outcome !== next.outcome || prev?.transcript !== next.transcript;
    if (!changed) return { kind: 'none' };
    return { kind: 'missed', number, reason: next.outcome as MissedReason, transcript: next.transcript, newMiss };
  }
  if (newlyAnswered) return { kind: 'reached', number, via: 'outbound' };
  const newlyEnded = callState(next) === 'ended' && !(prev && callState(prev) === 'ended');
  if (newlyEnded && !isAnswered(next)) return { kind: 'no_answer', number };
  return { kind: 'none' };
}
