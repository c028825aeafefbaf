import { describe, expect, it } from 'vitest';
import type { CaseSummary, DomainEvent, MessageView } from '../../src/domain/views.ts';
import { noticesFor } from '../../src/inbox/notify.ts';

const ANA = '11111111-1111-4111-8111-111111111111';
const BORIS = '22222222-2222-4222-8222-222222222222';
const CASE = '33333333-3333-4333-8333-333333333333';

const summary = (over: Partial<CaseSummary> = {}): CaseSummary => ({
  id: CASE,
  reference: 'KC-2026-000042',
  kind: 'report',
  status: 'open',
  priority: 'normal',
  category: null,
  channel: 'web_form',
  anonymous: true,
  consent: false,
  contactId: null,
  contactName: null,
  assigneeId: null,
  assigneeName: null,
  preview: 'Reči koje obaveštenje ne nosi',
  messageCount: 1,
  createdAt: '2026-12-05T01:00:00.000Z',
  lastActivityAt: '2026-12-05T01:00:00.000Z',
  firstResponseDueAt: '2026-12-05T01:15:00.000Z',
  firstResponseAt: null,
  closedAt: null,
  ...over,
});
const message = (direction: 'inbound' | 'outbound' | 'note') => ({ direction }) as MessageView;
const notice = (kind: string) => ({ kind, caseId: CASE, reference: 'KC-2026-000042' });

/** Which committed event raises which notice, for whom; never the case's words. */
describe('notices from domain events', () => {
  it('an urgent case: every case worker', () => {
    const e: DomainEvent = { type: 'case:urgent', case: summary({ priority: 'urgent' }), rules: ['self_harm'] };
    expect(noticesFor(e)).toEqual([{ to: { all: true }, notice: notice('urgent') }]);
  });

  it('an assignment: the assignee, unless she made it herself; other changes: nobody', () => {
    const assigned = (by: string | undefined, changed = ['assigneeId']): DomainEvent => ({
      type: 'case:updated',
      case: summary({ assigneeId: ANA }),
      changed,
      ...(by && { by }),
    });
    expect(noticesFor(assigned(BORIS))).toEqual([{ to: { userId: ANA }, notice: notice('assigned') }]);
    expect(noticesFor(assigned(undefined))).toEqual([{ to: { userId: ANA }, notice: notice('assigned') }]);
    expect(noticesFor(assigned(ANA))).toEqual([]);
    expect(noticesFor(assigned(BORIS, ['status']))).toEqual([]);
    const unassigned: DomainEvent = { type: 'case:updated', case: summary(), changed: ['assigneeId'], by: BORIS };
    expect(noticesFor(unassigned)).toEqual([]);
  });

  it("a reporter's message: the assignee only; replies, notes and unassigned cases: nobody", () => {
    const on = (direction: 'inbound' | 'outbound' | 'note', assigneeId: string | null): DomainEvent => ({
      type: 'message:created',
      caseId: CASE,
      message: message(direction),
      case: summary({ assigneeId }),
    });
    expect(noticesFor(on('inbound', BORIS))).toEqual([{ to: { userId: BORIS }, notice: notice('reply') }]);
    expect(noticesFor(on('outbound', BORIS))).toEqual([]);
    expect(noticesFor(on('note', BORIS))).toEqual([]);
    expect(noticesFor(on('inbound', null))).toEqual([]);
  });

  it('other events raise none', () => {
    expect(noticesFor({ type: 'case:created', case: summary({ priority: 'urgent' }) })).toEqual([]);
    expect(noticesFor({ type: 'presence:updated', userId: ANA, name: 'Ana', state: 'busy' })).toEqual([]);
  });
});
