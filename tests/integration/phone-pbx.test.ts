import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import {
  at,
  GLOBAL_TOKEN,
  LINE_TOKEN,
  newCall,
  OTHER_LINE_TOKEN,
  postCall,
  startPhoneKontakt,
} from '../fixtures/phone/phone-test-kit.ts';
import { nextEvent, type TestKontakt } from '../helpers/kontakt.ts';

type Created = { message: MessageView; case: CaseSummary; caseId: string };
type Updated = { message: MessageView; caseId: string };

describe('PBX call records on PostgreSQL', () => {
  let t: TestKontakt;
  let cookie: string;
  let socket: Socket;
  beforeAll(async () => {
    t = await startPhoneKontakt('postgres');
    cookie = await t.login();
    socket = await t.socket(cookie);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const created = (callId: string) =>
    nextEvent<Created>(socket, 'message:created', (e) => e.message.fields?.callId === callId);
  const updated = (callId: string, state: string) =>
    nextEvent<Updated>(
      socket,
      'message:updated',
      (e) => e.message.fields?.callId === callId && e.message.fields?.state === state,
    );
  const caseDetail = async (id: string) => (await (await t.api(`/api/cases/${id}`, { cookie })).json()) as CaseDetail;
  const callCount = async (callId: string) => {
    const res = await t.api(`/api/calls/${encodeURIComponent(callId)}`, { cookie });
    return res.status === 404 ? 0 : ((await res.json()) as { history: unknown[] }).history.length;
  };

  it('refuses a post without the right bearer token, and stores nothing', async () => {
    const call = newCall({ from: '0601000001' });
    for (const token of [null, 'wrong-token-0123456789abcdefgh', `${GLOBAL_TOKEN}x`]) {
      const res = await postCall(t, call, { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const otherLine = await postCall(t, call, { token: OTHER_LINE_TOKEN });
    expect(otherLine.status).toBe(403);
    expect(await callCount(call.callId as string)).toBe(0);
    // The line's own token works for its line, and only for calls of its line.
    expect((await postCall(t, call, { token: LINE_TOKEN })).status).toBe(202);
    const moved = await postCall(t, { ...call, line: 'roditelji' }, { token: OTHER_LINE_TOKEN });
    expect(moved.status).toBe(403);
  });

  it('answers bad fields with 400 naming each field', async () => {
    const res = await postCall(t, {
      callId: 'has spaces',
      line: '19833',
      direction: 'sideways',
      startedAt: 'yesterday',
      durationSec: -3,
      outcome: 'hung',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; fields: { field: string }[] };
    expect(body.error).toBe('validation');
    expect(body.fields.map((f) => f.field).sort()).toEqual([
      'callId',
      'direction',
      'durationSec',
      'outcome',
      'startedAt',
    ]);
  });

  it('turns a new call into a case live, and a retried post is the same single record', async () => {
    const call = newCall({
      from: '+381 64 1000002',
      durationSec: 200,
      outcome: 'answered',
      agent: 'savetnica@kontakt.rs',
    });
    call.answeredAt = at(call.startedAt, 5);
    call.endedAt = at(call.startedAt, 205);
    const caseEvent = nextEvent<{ case: CaseSummary }>(socket, 'case:created', (e) => e.case.channel === 'phone');
    const msg = created(call.callId as string);
    const res = await postCall(t, call);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ callId: call.callId, result: 'created', state: 'ended', version: 1 });
    const [c, m] = await Promise.all([caseEvent, msg]);
    expect(c.case).toMatchObject({ kind: 'call', anonymous: false, channel: 'phone' });
    expect(m.message).toMatchObject({
      direction: 'inbound',
      channel: 'phone',
      text: 'Dolazni poziv · odgovoren · 3 min 20 s · savetnik savetnica@kontakt.rs · linija 19833',
      fields: {
        from: '+381641000002',
        to: '19833',
        line: '19833',
        direction: 'inbound',
        outcome: 'answered',
        durationSec: 200,
        agent: 'savetnica@kontakt.rs',
        state: 'ended',
      },
    });

    const again = await postCall(t, call);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ result: 'unchanged', version: 1 });
    const detail = await caseDetail(m.caseId);
    expect(detail.messages).toHaveLength(1);
    expect(detail.contact?.identities).toEqual([{ kind: 'phone', value: '+381641000002' }]);
    expect(await callCount(call.callId as string)).toBe(1);
  });

  it('updates the same message as the call rings, is answered and ends; a late post never moves it back', async () => {
    const ringing = newCall({ from: '0601000003' });
    const first = created(ringing.callId as string);
    expect((await postCall(t, ringing)).status).toBe(202);
    const { message } = await first;
    expect(message.fields?.state).toBe('ringing');
    expect(message.text).toBe('Dolazni poziv · zvoni · linija 19833');

    const answered = { ...ringing, answeredAt: at(ringing.startedAt, 4), agent: '101' };
    const u1 = updated(ringing.callId as string, 'answered');
    expect(await (await postCall(t, answered)).json()).toMatchObject({ result: 'updated', state: 'answered' });
    expect((await u1).message).toMatchObject({
      id: message.id,
      text: 'Dolazni poziv · u toku · savetnik 101 · linija 19833',
    });

    const ended = { ...answered, endedAt: at(ringing.startedAt, 64), durationSec: 60, outcome: 'answered' };
    const u2 = updated(ringing.callId as string, 'ended');
    await postCall(t, ended, { form: true });
    expect((await u2).message).toMatchObject({ id: message.id, fields: { durationSec: 60, outcome: 'answered' } });

    // A retried "answered" arriving after "ended": stale, nothing changes.
    const late = await postCall(t, answered);
    expect(await late.json()).toMatchObject({ result: 'unchanged', stale: true, state: 'ended' });
    const detail = await caseDetail(message.caseId);
    expect(detail.messages).toHaveLength(1);
    expect(detail.messages[0]?.fields).toMatchObject({ state: 'ended', durationSec: 60, version: 3 });
  });

  it('ends at the latest state even when the updates overtake the first post in the queue', async () => {
    const ringing = newCall({ from: '0601000004' });
    const done = updated(ringing.callId as string, 'ended');
    const answered = { ...ringing, answeredAt: at(ringing.startedAt, 3) };
    const ended = { ...answered, endedAt: at(ringing.startedAt, 33), durationSec: 30, outcome: 'answered' };
    // The first state is accepted (202) and queued; the rest follow at once, out of order too.
    expect((await postCall(t, ringing)).status).toBe(202);
    await Promise.all([postCall(t, ended), postCall(t, answered)]);
    const { message } = await done;
    expect(message.fields).toMatchObject({ state: 'ended', durationSec: 30 });
    const detail = await caseDetail(message.caseId);
    expect(detail.messages).toHaveLength(1);
    expect(detail.messages[0]?.fields?.state).toBe('ended');
  });

  it('a withheld number opens an anonymous case each time', async () => {
    const ids: string[] = [];
    for (const from of ['', 'anonymous']) {
      const call = newCall({ from, endedAt: new Date().toISOString(), outcome: 'missed' });
      const ev = created(call.callId as string);
      expect((await postCall(t, call)).status).toBe(202);
      const { message } = await ev;
      ids.push(message.caseId);
      const detail = await caseDetail(message.caseId);
      expect(detail).toMatchObject({ anonymous: true, contact: null });
      expect(message.fields?.from).toBeNull();
    }
    expect(new Set(ids).size).toBe(2);
  });

  it('a known number links to its contact: a call within the window joins the open case, the caller view lists the cases', async () => {
    const first = newCall({ from: '064 100 0005', startedAt: new Date(Date.now() - 3 * 3_600_000).toISOString() });
    const firstEvent = created(first.callId as string);
    await postCall(t, {
      ...first,
      endedAt: at(first.startedAt, 120),
      outcome: 'answered',
      answeredAt: first.startedAt,
    });
    const a = await firstEvent;

    const second = newCall({ from: '+381641000005' });
    const secondEvent = created(second.callId as string);
    await postCall(t, second);
    const b = await secondEvent;
    expect(b.caseId).toBe(a.caseId);

    // Closed case: the next call opens a new one, linked to the same contact.
    const close = await t.api(`/api/cases/${a.caseId}`, {
      method: 'PATCH',
      cookie,
      json: { status: 'closed', category: 'advice' },
    });
    expect(close.status).toBe(200);
    const third = newCall({ from: '00381641000005' });
    const thirdEvent = created(third.callId as string);
    await postCall(t, third);
    const c = await thirdEvent;
    expect(c.caseId).not.toBe(a.caseId);
    expect(c.case.contactId).toBe(a.case.contactId);

    const res = await t.api(`/api/calls/caller?number=${encodeURIComponent('064 100 0005')}`, { cookie });
    const caller = (await res.json()) as { number: string; contactId: string; cases: CaseSummary[]; calls: unknown[] };
    expect(caller.number).toBe('+381641000005');
    expect(caller.contactId).toBe(a.case.contactId);
    expect(caller.cases.map((x) => x.id).sort()).toEqual([a.caseId, c.caseId].sort());
    expect(caller.calls).toHaveLength(3);
    expect((await t.api('/api/calls/caller?number=%2B381641000005')).status).toBe(401);
  });
});
