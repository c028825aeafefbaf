import type { Priority } from './taxonomy.ts';

/** First-response target per priority, in minutes, on a 24/7 clock (the line never closes). */
export type FirstResponseTargets = Record<Priority, number>;

export const DEFAULT_FIRST_RESPONSE_TARGETS: FirstResponseTargets = {
  urgent: 15,
  high: 4 * 60,
  normal: 24 * 60,
  low: 72 * 60,
};

/**
 * The targets in force. Set once at start from the configuration; a process-wide value because
 * every case summary (list, events, exports) carries the due time and threading the setting
 * through each of those read paths would gain nothing: one installation has one policy.
 */
let current: FirstResponseTargets = DEFAULT_FIRST_RESPONSE_TARGETS;

export function setFirstResponseTargets(targets: FirstResponseTargets): void {
  current = { ...targets };
}

export const firstResponseTargets = (): FirstResponseTargets => current;

/** When the first answer is due: the case's arrival plus its priority's target. */
export function firstResponseDueAt(createdAt: Date, priority: Priority, targets: FirstResponseTargets = current): Date {
  return new Date(createdAt.getTime() + targets[priority] * 60_000);
}

export interface ServiceLevelTimes {
  firstResponseDueAt: string;
  firstResponseAt: string | null;
  /** Minutes from arrival to the first answer; null while unanswered. */
  minutesToFirstResponse: number | null;
  /** Minutes from arrival to closing; null while open. */
  minutesToClose: number | null;
}

const minutesBetween = (a: Date, b: Date | null) =>
  b === null ? null : Math.max(0, Math.round((b.getTime() - a.getTime()) / 60_000));

export function serviceLevelTimes(c: {
  createdAt: Date;
  priority: Priority;
  firstResponseAt: Date | null;
  closedAt: Date | null;
}): ServiceLevelTimes {
  return {
    firstResponseDueAt: firstResponseDueAt(c.createdAt, c.priority).toISOString(),
    firstResponseAt: c.firstResponseAt?.toISOString() ?? null,
    minutesToFirstResponse: minutesBetween(c.createdAt, c.firstResponseAt),
    minutesToClose: minutesBetween(c.createdAt, c.closedAt),
  };
}

/** Overdue: no first answer yet and the due time has passed (a closed case is no longer waiting). */
export function isFirstResponseOverdue(
  c: { firstResponseAt: string | null; firstResponseDueAt: string; status: string },
  now: Date,
): boolean {
  return c.firstResponseAt === null && c.status !== 'closed' && Date.parse(c.firstResponseDueAt) < now.getTime();
}
