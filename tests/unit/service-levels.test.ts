import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIRST_RESPONSE_TARGETS,
  firstResponseDueAt,
  isFirstResponseOverdue,
  serviceLevelTimes,
} from '../../src/domain/service-levels.ts';
import { slaState, spanText } from '../../web-inbox/src/sla-clock.ts';

const created = new Date('2026-03-01T23:50:00Z');
const MIN = 60_000;

describe('first-response service levels', () => {
  it('gives each priority its own target on a 24/7 clock (nights and weekends count)', () => {
    expect(firstResponseDueAt(created, 'urgent', DEFAULT_FIRST_RESPONSE_TARGETS).toISOString()).toBe(
      '2026-03-02T00:05:00.000Z',
    );
    expect(firstResponseDueAt(created, 'high', DEFAULT_FIRST_RESPONSE_TARGETS).getTime() - created.getTime()).toBe(
      240 * MIN,
    );
    expect(firstResponseDueAt(created, 'normal', DEFAULT_FIRST_RESPONSE_TARGETS).toISOString()).toBe(
      '2026-03-02T23:50:00.000Z',
    );
    expect(firstResponseDueAt(created, 'low', DEFAULT_FIRST_RESPONSE_TARGETS).toISOString()).toBe(
      '2026-03-04T23:50:00.000Z',
    );
  });

  it('records time to first response and to close; an answer or closing stops the overdue marker', () => {
    const times = serviceLevelTimes({
      createdAt: created,
      priority: 'urgent',
      firstResponseAt: new Date(created.getTime() + 12 * MIN),
      closedAt: new Date(created.getTime() + 3 * 60 * MIN),
    });
    expect(times).toMatchObject({ minutesToFirstResponse: 12, minutesToClose: 180 });
    const open = { firstResponseDueAt: '2026-03-02T00:05:00.000Z', firstResponseAt: null, status: 'new' };
    expect(isFirstResponseOverdue(open, new Date('2026-03-02T00:06:00Z'))).toBe(true);
    expect(isFirstResponseOverdue(open, new Date('2026-03-02T00:04:00Z'))).toBe(false);
    expect(isFirstResponseOverdue({ ...open, firstResponseAt: '2026-03-02T00:01:00Z' }, new Date('2026-03-09'))).toBe(
      false,
    );
    expect(isFirstResponseOverdue({ ...open, status: 'closed' }, new Date('2026-03-09'))).toBe(false);
  });

  it('the inbox clock counts down, then shows how late', () => {
    const c = { firstResponseDueAt: '2026-03-02T00:05:00.000Z', firstResponseAt: null, status: 'open' };
    expect(slaState(c, new Date('2026-03-01T23:50:00Z'))).toEqual({ kind: 'due', minutesLeft: 15 });
    expect(slaState(c, new Date('2026-03-02T02:35:00Z'))).toEqual({ kind: 'overdue', minutesLate: 150 });
    expect(slaState({ ...c, firstResponseAt: '2026-03-02T00:00:00Z' }, new Date())).toEqual({ kind: 'answered' });
    expect(spanText(45)).toBe('45 min');
    expect(spanText(150)).toBe('2 h 30 min');
    expect(spanText(60 * 50)).toBe('2 d 2 h');
  });
});
