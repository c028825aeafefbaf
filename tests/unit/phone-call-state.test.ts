import { describe, expect, it } from 'vitest';
import { callEnvelope } from '../../connectors/phone/call-envelope.ts';
import { type CallRecord, callInputSchema, toCallRecord } from '../../connectors/phone/call-record.ts';
import { callRank, callState, mergeCall } from '../../connectors/phone/call-state.ts';
import { callSummary } from '../../connectors/phone/call-summary.ts';
import { callbackAction } from '../../connectors/phone/callback-rules.ts';

const base: CallRecord = {
  callId: 'c-1',
  line: '19833',
  from: '+381641234567',
  to: '19833',
  direction: 'inbound',
  startedAt: '2026-03-02T09:00:00.000Z',
  answeredAt: null,
  endedAt: null,
  durationSec: null,
  outcome: null,
  agent: null,
  recordingUrl: null,
  transcript: null,
  updatedAt: null,
};
const ringing = base;
const answered: CallRecord = { ...base, answeredAt: '2026-03-02T09:00:05.000Z', agent: '101' };
const ended: CallRecord = {
  ...answered,
  endedAt: '2026-03-02T09:03:25.000Z',
  durationSec: 200,
  outcome: 'answered',
};
const missed: CallRecord = { ...base, endedAt: '2026-03-02T09:00:30.000Z', outcome: 'missed' };

describe('call records', () => {
  it('parse JSON and form posts alike, with ISO or Unix-second times, and normalise the caller', () => {
    const parsed = callInputSchema.parse({
      callId: '1772442000.1',
      line: '19833',
      from: '064 123 4567',
      to: '19833',
      direction: 'inbound',
      startedAt: '1772442000',
      answeredAt: '0',
      endedAt: '2026-03-02T10:00:30+01:00',
      durationSec: '0',
    });
    const rec = toCallRecord(parsed, 'RS');
    expect(rec).toMatchObject({
      from: '+381641234567',
      startedAt: '2026-03-02T09:00:00.000Z',
      answeredAt: null,
      endedAt: '2026-03-02T09:00:30.000Z',
      durationSec: 0,
      outcome: 'missed',
    });
  });

  it('name the failing fields', () => {
    const r = callInputSchema.safeParse({ callId: 'x', line: '1', direction: 'sideways', startedAt: 'yesterday' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['direction', 'startedAt']);
    expect(callInputSchema.safeParse({ ...ended, callId: 'manual:1' }).success).toBe(false);
  });

  it('rank ringing < answered < ended, and among ended answered > voicemail > abandoned > missed', () => {
    expect([ringing, answered, ended].map(callState)).toEqual(['ringing', 'answered', 'ended']);
    const rank = (o: CallRecord['outcome']) => callRank({ ...missed, outcome: o });
    expect(callRank(ringing)).toBeLessThan(callRank(answered));
    expect(callRank(answered)).toBeLessThan(rank('missed'));
    expect(rank('missed')).toBeLessThan(rank('abandoned'));
    expect(rank('abandoned')).toBeLessThan(rank('voicemail'));
    expect(rank('voicemail')).toBeLessThan(rank('answered'));
  });
});

describe('merging posts of one call', () => {
  it('moves forward ringing → answered → ended, and a repeated post changes nothing', () => {
    let r = mergeCall(null, ringing);
    expect(r.effect).toBe('created');
    r = mergeCall(r.next, answered);
    expect(r).toMatchObject({ effect: 'updated', stale: false });
    r = mergeCall(r.next, ended);
    expect(callState(r.next)).toBe('ended');
    expect(mergeCall(r.next, ended)).toMatchObject({ effect: 'unchanged', stale: false });
  });

  it('never moves back when posts arrive out of order, but fills what was unknown', () => {
    const endedNoAgent = { ...ended, agent: null };
    const late = mergeCall(endedNoAgent, answered);
    expect(late.stale).toBe(true);
    expect(callState(late.next)).toBe('ended');
    expect(late.next.agent).toBe('101');
    expect(late.effect).toBe('updated');
    expect(mergeCall(ended, ringing)).toMatchObject({ effect: 'unchanged', stale: true });
  });

  it('breaks a tie between two posts of the same state by updatedAt', () => {
    const newer = { ...answered, agent: '102', updatedAt: '2026-03-02T09:00:10.000Z' };
    const older = { ...answered, agent: '101', updatedAt: '2026-03-02T09:00:06.000Z' };
    expect(mergeCall(newer, older)).toMatchObject({ effect: 'unchanged', stale: true });
    expect(mergeCall(older, newer).next.agent).toBe('102');
  });

  it('lets an answered leg of the same call win over an agent that did not pick up', () => {
    const r = mergeCall(missed, { ...ended, agent: '102' });
    expect(r.next).toMatchObject({ outcome: 'answered', agent: '102' });
    expect(mergeCall(r.next, missed).effect).toBe('unchanged');
  });
});

describe('what a call means for the callback task', () => {
  it('a missed inbound call asks for a callback once; a voicemail transcript arriving later updates it', () => {
    expect(callbackAction(ringing, missed)).toMatchObject({ kind: 'missed', newMiss: true, number: '+381641234567' });
    expect(callbackAction(missed, missed)).toEqual({ kind: 'none' });
    const vm = { ...missed, outcome: 'voicemail' as const, transcript: 'Pozovite me' };
    expect(callbackAction(missed, vm)).toMatchObject({ kind: 'missed', newMiss: false, transcript: 'Pozovite me' });
  });

  it('a withheld caller cannot be called back', () => {
    expect(callbackAction(null, { ...missed, from: null })).toEqual({ kind: 'none' });
  });

  it('our answered outgoing call reaches the person; an unanswered one is an attempt', () => {
    const out: CallRecord = { ...base, direction: 'outbound', from: '101', to: '+381641234567' };
    expect(callbackAction(null, { ...out, answeredAt: out.startedAt })).toMatchObject({
      kind: 'reached',
      via: 'outbound',
    });
    expect(callbackAction(out, { ...out, endedAt: out.startedAt, outcome: 'missed' })).toMatchObject({
      kind: 'no_answer',
    });
  });

  it('the caller getting through on a new call closes the task too', () => {
    expect(callbackAction(ringing, answered)).toMatchObject({ kind: 'reached', via: 'inbound' });
  });
});

describe('the call as an inbox message', () => {
  it('summarises in each language without the number, and carries the call data in fields', () => {
    const m = { call: ended, source: 'pbx' as const, version: 3 };
    const env = callEnvelope(m, { thread: {}, lang: 'sr-Latn', receivedAt: new Date('2026-03-02T09:04:00Z') });
    expect(env).toMatchObject({
      channel: 'phone',
      externalId: 'c-1',
      sender: { kind: 'phone', value: '+381641234567' },
      thread: { newCase: { kind: 'call', anonymous: false } },
      message: { direction: 'inbound', fields: { state: 'ended', version: 3, durationSec: 200, agent: '101' } },
    });
    expect(env.message.text).toBe('Dolazni poziv · odgovoren · 3 min 20 s · savetnik 101 · linija 19833');
    expect(callSummary(ended, 'sr-Cyrl')).toBe('Долазни позив · одговорен · 3 мин 20 с · саветник 101 · линија 19833');
    expect(callSummary(ended, 'en')).toBe('Incoming call · answered · 3 min 20 s · counselor 101 · line 19833');
    expect(env.message.text).not.toContain('1234567');
  });

  it('a withheld number makes an anonymous case with no sender', () => {
    const env = callEnvelope(
      { call: { ...missed, from: null }, source: 'pbx', version: 1 },
      { thread: {}, lang: 'en', receivedAt: new Date() },
    );
    expect(env.sender).toBeUndefined();
    expect(env.thread.newCase.anonymous).toBe(true);
    expect(env.message.text).toBe('Incoming call (number withheld) · missed · line 19833');
  });
});
