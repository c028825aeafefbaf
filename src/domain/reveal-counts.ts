import type { AuditPort } from './audit.ts';
import type { Actor } from './case.service.ts';
import { ForbiddenError, ValidationError } from './errors.ts';

/** The day and the week are the centre's (Belgrade), not the server's. */
const CENTRE_TIMEZONE = 'Europe/Belgrade';
const DAY_MS = 86_400_000;

/** Local wall-clock fields of an instant in a time zone. */
function wall(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '0';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  return {
    asUtc: Date.UTC(+get('year'), +get('month') - 1, +get('day'), +get('hour'), +get('minute'), +get('second')),
    midnightAsUtc: Date.UTC(+get('year'), +get('month') - 1, +get('day')),
    weekday,
  };
}

/** Local midnight today and on this week's Monday, as instants. */
function dayAndWeekStart(now: Date, timeZone = CENTRE_TIMEZONE): { today: Date; week: Date } {
  const w = wall(now, timeZone);
  // The zone's offset now; on the night a clock changes this is off by an hour, which a count tolerates.
  const offset = w.asUtc - Math.floor(now.getTime() / 1000) * 1000;
  const today = new Date(w.midnightAsUtc - offset);
  return { today, week: new Date(today.getTime() - Math.max(0, w.weekday) * DAY_MS) };
}

export interface RevealCount {
  userId: string;
  name: string;
  role: string;
  active: boolean;
  today: number;
  week: number;
  period: number;
}

export interface RevealCountsPort {
  /** Reveals (files and links) per user since each bound; every counselor is listed, with zeros too. */
  counts(bounds: { today: Date; week: Date; from: Date; to: Date }, userId?: string): Promise<RevealCount[]>;
}

/**
 * Staff welfare: how much material each counselor has opened. Supervisors see everyone; a
 * counselor sees their own numbers. Counted from the audit log's attachment.reveal entries.
 */
export function createRevealCountsService(d: { counts: RevealCountsPort; audit: AuditPort }) {
  const bounds = (now: Date, from?: Date, to?: Date) => {
    const { today, week } = dayAndWeekStart(now);
    const periodTo = to ?? now;
    const periodFrom = from ?? new Date(periodTo.getTime() - 30 * DAY_MS);
    if (periodFrom.getTime() >= periodTo.getTime())
      throw new ValidationError('empty period', [{ field: 'from', message: 'must be before to' }]);
    return { today, week, from: periodFrom, to: periodTo };
  };
  return {
    async team(actor: Actor, period: { from?: Date; to?: Date }, now = new Date()) {
      if (actor.role === 'counselor') throw new ForbiddenError();
      const b = bounds(now, period.from, period.to);
      const users = await d.counts.counts(b);
      await d.audit.write({
        actorId: actor.id,
        action: 'reveals.view',
        ip: actor.ip,
        details: { from: b.from.toISOString(), to: b.to.toISOString() },
      });
      return {
        today: b.today.toISOString(),
        week: b.week.toISOString(),
        from: b.from.toISOString(),
        to: b.to.toISOString(),
        users,
      };
    },

    async mine(actor: Actor, now = new Date()) {
      const b = bounds(now);
      const [me] = await d.counts.counts(b, actor.id);
      return {
        today: me?.today ?? 0,
        week: me?.week ?? 0,
        last30Days: me?.period ?? 0,
        todayFrom: b.today.toISOString(),
        weekFrom: b.week.toISOString(),
      };
    },
  };
}

export type RevealCountsService = ReturnType<typeof createRevealCountsService>;
