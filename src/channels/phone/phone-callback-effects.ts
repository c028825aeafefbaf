import { and, eq, sql } from 'drizzle-orm';
import type { CallbackAction } from '../../../connectors/phone/callback-rules.ts';
import type { Db } from '../../store/db.ts';
import { phoneCallbackAttempts, phoneCallbacks, phoneCalls, phoneDoNotCall } from '../../store/schema/index.ts';

/** Open or attempted: the one task a number can have at a time. */
export const isActive = sql`${phoneCallbacks.status} in ('open', 'attempted')`;

export interface CallbackPolicy {
  dueMinutes: number;
  /** Missed calls that ended longer ago than this (an old import) are only recorded. */
  maxAgeMs: number;
}

/** Apply what one call change means for its number's task, inside the call's transaction. */
export async function applyCallbackAction(
  db: Db,
  action: CallbackAction,
  call: { callId: string; startedAt: Date; endedAt: Date | null },
  policy: CallbackPolicy,
  now: Date,
): Promise<string | null> {
  if (action.kind === 'none') return null;
  if (action.kind === 'missed') {
    if (!action.newMiss) {
      const rows = await db
        .update(phoneCallbacks)
        .set({
          reason: action.reason,
          transcript: sql`coalesce(${action.transcript}::text, ${phoneCallbacks.transcript})`,
          updatedAt: now,
        })
        .where(and(eq(phoneCallbacks.lastCallId, call.callId), isActive))
        .returning({ id: phoneCallbacks.id });
      return rows[0]?.id ?? null;
    }
    const endedAt = call.endedAt ?? call.startedAt;
    if (now.getTime() - endedAt.getTime() > policy.maxAgeMs) return null;
    const [dnc] = await db.select().from(phoneDoNotCall).where(eq(phoneDoNotCall.number, action.number));
    if (dnc) return null;
    const [row] = await db
      .insert(phoneCallbacks)
      .values({
        number: action.number,
        status: 'open',
        reason: action.reason,
        firstCallId: call.callId,
        lastCallId: call.callId,
        transcript: action.transcript,
        dueAt: new Date(now.getTime() + policy.dueMinutes * 60_000),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: phoneCallbacks.number,
        targetWhere: isActive,
        set: {
          lastCallId: call.callId,
          missedCalls: sql`${phoneCallbacks.missedCalls} + 1`,
          reason: action.reason,
          transcript: sql`coalesce(excluded.transcript, ${phoneCallbacks.transcript})`,
          updatedAt: now,
        },
      })
      .returning({ id: phoneCallbacks.id });
    return row?.id ?? null;
  }
  // Only a call made after the missed one answers it (an imported older call does not).
  const [task] = await db
    .select({ id: phoneCallbacks.id, missedAt: phoneCalls.startedAt })
    .from(phoneCallbacks)
    .innerJoin(phoneCalls, eq(phoneCalls.callId, phoneCallbacks.lastCallId))
    .where(and(eq(phoneCallbacks.number, action.number), isActive))
    .for('update', { of: phoneCallbacks });
  if (!task || call.startedAt < task.missedAt) return null;
  if (action.kind === 'reached') {
    await db
      .update(phoneCallbacks)
      .set({
        status: 'done',
        resolution: action.via === 'outbound' ? 'reached' : 'caller_called_again',
        completedAt: now,
        updatedAt: now,
        ...(action.via === 'outbound' && { attempts: sql`${phoneCallbacks.attempts} + 1` }),
      })
      .where(eq(phoneCallbacks.id, task.id));
    if (action.via === 'outbound') {
      await db
        .insert(phoneCallbackAttempts)
        .values({ callbackId: task.id, at: now, result: 'reached', callId: call.callId });
    }
    return task.id;
  }
  await db
    .update(phoneCallbacks)
    .set({ status: 'attempted', attempts: sql`${phoneCallbacks.attempts} + 1`, updatedAt: now })
    .where(eq(phoneCallbacks.id, task.id));
  await db
    .insert(phoneCallbackAttempts)
    .values({ callbackId: task.id, at: now, result: 'no_answer', callId: call.callId });
  return task.id;
}
