import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackCounts, CallbackView } from '../../src/channels/phone/phone-callback.repository.ts';
import type { MessageView } from '../../src/inbox/contract.ts';
import { addUser, at, newCall, postCall, startPhoneKontakt } from '../fixtures/phone/phone-test-kit.ts';
import { eventually, nextEvent, type TestKontakt } from '../helpers/kontakt.ts';

type CallbackEvent = { callback: CallbackView; counts: CallbackCounts };

describe('callback tasks for missed calls on PostgreSQL', () => {
  let t: TestKontakt;
  let admin: string;
  let counselor: { id: string; cookie: string };
  let supervisor: { id: string; cookie: string };
  let socket: Socket;
  beforeAll(async () => {
    t = await startPhoneKontakt('postgres');
    admin = await t.login();
    counselor = await addUser(t, 'counselor', 'savetnik@test.kontakt');
    supervisor = await addUser(t, 'supervisor', 'supervizor@test.kontakt');
    socket = await t.socket(counselor.cookie);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const onCallback = (pred: (c: CallbackView) => boolean) =>
    nextEvent<CallbackEvent>(socket, 'callback:updated', (e) => pred(e.callback));
  const missed = (from: string, over: Record<string, unknown> = {}) => {
    const c = newCall({ from, outcome: 'missed', ...over });
    return { ...c, endedAt: at(c.startedAt, 25) };
  };
  const outbound = (to: string, answered: boolean) => {
    const c = newCall({ direction: 'outbound', from: '101', to, startedAt: new Date().toISOString(), agent: '101' });
    return answered
      ? { ...c, answeredAt: at(c.startedAt, 6), endedAt: at(c.startedAt, 186), durationSec: 180, outcome: 'answered' }
      : { ...c, endedAt: at(c.startedAt, 30), outcome: 'missed' };
  };
  const list = async (query = '') =>
    (await (await t.api(`/api/callbacks${query}`, { cookie: counselor.cookie })).json()) as {
      items: CallbackView[];
      counts: CallbackCounts;
    };

  it('a missed call opens a task live; more missed calls count on it; our calls back attempt and close it', async () => {
    const number = '+381641100001';
    const first = missed('064 110 0001');
    const opened = onCallback((c) => c.number === number && c.status === 'open');
    expect((await postCall(t, first)).status).toBe(202);
    const { callback, counts } = await opened;
    expect(callback).toMatchObject({ reason: 'missed', missedCalls: 1, attempts: [], firstCallId: first.callId });
    expect(counts.open).toBeGreaterThanOrEqual(1);
    // A PBX retry of the same missed call counts nothing.
    expect(await (await postCall(t, first)).json()).toMatchObject({ result: 'unchanged' });

    const second = missed('0641100001');
    const counted = onCallback((c) => c.id === callback.id && c.missedCalls === 2);
    await postCall(t, second);
    expect((await counted).callback.lastCallId).toBe(second.callId);

    // The inbox view lists it with the case of the latest missed call.
    const listed = await eventually(async () => {
      const l = await list();
      const item = l.items.find((i) => i.id === callback.id);
      return item?.caseReference ? item : null;
    });
    expect(listed.caseReference).toMatch(/^KC-\d{4}-\d{6}$/);

    const assigned = onCallback((c) => c.id === callback.id && c.assigneeId === counselor.id);
    const patch = await t.api(`/api/callbacks/${callback.id}`, {
      method: 'PATCH',
      cookie: counselor.cookie,
      json: { assigneeId: counselor.id },
    });
    expect(patch.status).toBe(200);
    await assigned;
    expect((await list('?assignee=me')).items.map((i) => i.id)).toContain(callback.id);

    const noAnswer = outbound('064 110 0001', false);
    const attempted = onCallback((c) => c.id === callback.id && c.status === 'attempted');
    await postCall(t, noAnswer);
    expect((await attempted).callback.attempts).toEqual([
      expect.objectContaining({ result: 'no_answer', callId: noAnswer.callId }),
    ]);

    const reached = outbound('+381 64 110 0001', true);
    const done = onCallback((c) => c.id === callback.id && c.status === 'done');
    const callMessage = nextEvent<{ message: MessageView }>(
      socket,
      'message:created',
      (e) => e.message.fields?.callId === reached.callId,
    );
    await postCall(t, reached);
    const closed = (await done).callback;
    expect(closed).toMatchObject({ resolution: 'reached', attempts: [{ result: 'no_answer' }, { result: 'reached' }] });
    // The call back is an outbound message in the case of the missed call.
    const { message } = await callMessage;
    expect(message).toMatchObject({ direction: 'outbound', caseId: listed.caseId });
    expect((await list()).items.map((i) => i.id)).not.toContain(callback.id);
    expect((await list('?status=done')).items.map((i) => i.id)).toContain(callback.id);
  });

  it('a voicemail carries its transcript; a counselor logs attempts until the person is reached', async () => {
    const vm = missed('011/110-0002', { outcome: 'voicemail', transcript: 'Zdravo, pozovite me posle 17h. Hvala!' });
    const opened = onCallback((c) => c.number === '+381111100002');
    await postCall(t, vm);
    const { callback } = await opened;
    expect(callback).toMatchObject({ reason: 'voicemail', transcript: 'Zdravo, pozovite me posle 17h. Hvala!' });

    const attempt = (result: string) =>
      t.api(`/api/callbacks/${callback.id}/attempts`, {
        method: 'POST',
        cookie: counselor.cookie,
        json: { result, note: 'zvonilo' },
      });
    expect((await attempt('busy')).status).toBe(201);
    const reached = await attempt('reached');
    expect(await reached.json()).toMatchObject({ status: 'done', resolution: 'reached', attempts: [{}, {}] });
    expect((await attempt('no_answer')).status).toBe(409);
    expect((await attempt('hung_up')).status).toBe(400);
  });

  it('a caller who gets through on a new call closes their own task', async () => {
    const opened = onCallback((c) => c.number === '+381641100003');
    await postCall(t, missed('064 110 0003'));
    const { callback } = await opened;
    const done = onCallback((c) => c.id === callback.id && c.status === 'done');
    const again = newCall({ from: '064 110 0003', startedAt: new Date().toISOString() });
    await postCall(t, { ...again, answeredAt: at(again.startedAt, 2) });
    expect((await done).callback.resolution).toBe('caller_called_again');
  });

  it('a number marked "do not call back" by a supervisor gets no task; clearing the mark restores them', async () => {
    const number = '+381641100004';
    const opened = onCallback((c) => c.number === number && c.status === 'open');
    await postCall(t, missed('0641100004'));
    const { callback } = await opened;

    const mark = (cookie: string, doNotCall: boolean) =>
      t.api('/api/calls/do-not-call', {
        method: 'POST',
        cookie,
        json: { number: '064 110 0004', doNotCall, reason: 'roditelj tražio' },
      });
    expect((await mark(counselor.cookie, true)).status).toBe(403);
    const cancelled = onCallback((c) => c.id === callback.id && c.status === 'cancelled');
    const res = await mark(supervisor.cookie, true);
    expect(await res.json()).toMatchObject({ number, doNotCall: true, cancelledCallbackId: callback.id });
    expect((await cancelled).callback.resolution).toBe('do_not_call');

    const ignored = missed('064 110 0004');
    await postCall(t, ignored);
    const caller = await (
      await t.api(`/api/calls/caller?number=${encodeURIComponent(number)}`, { cookie: counselor.cookie })
    ).json();
    expect(caller).toMatchObject({ doNotCall: { reason: 'roditelj tražio' }, callback: null });
    expect(
      ((await (await t.api('/api/calls/do-not-call', { cookie: admin })).json()) as { items: unknown[] }).items,
    ).toEqual([expect.objectContaining({ number, setBy: supervisor.id })]);

    expect((await mark(admin, false)).status).toBe(200);
    const reopened = onCallback((c) => c.number === number && c.status === 'open');
    await postCall(t, missed('064 110 0004'));
    expect((await reopened).callback.id).not.toBe(callback.id);
  });

  it('an old missed call (an import of last month) is recorded without a task', async () => {
    const old = missed('064 110 0005', { startedAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    expect((await postCall(t, old)).status).toBe(202);
    const caller = await (await t.api('/api/calls/caller?number=%2B381641100005', { cookie: admin })).json();
    expect(caller).toMatchObject({ callback: null, calls: [expect.objectContaining({ callId: old.callId })] });
  });
});
