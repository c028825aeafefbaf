import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackView } from '../../src/channels/phone/phone-callback.repository.ts';
import type { CaseDetail, CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import { addUser, at, newCall, postCall, startPhoneKontakt } from '../fixtures/phone/phone-test-kit.ts';
import { nextEvent, type TestKontakt } from '../helpers/kontakt.ts';

type Created = { message: MessageView; case: CaseSummary; caseId: string };

describe('calls logged by hand in the inbox, on PGlite', () => {
  let t: TestKontakt;
  let counselor: { id: string; cookie: string };
  let socket: Socket;
  beforeAll(async () => {
    t = await startPhoneKontakt('pglite');
    counselor = await addUser(t, 'counselor', 'savetnica@test.kontakt');
    socket = await t.socket(counselor.cookie);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const log = (json: unknown, key?: string) =>
    t.api('/api/calls/manual', {
      method: 'POST',
      cookie: counselor.cookie,
      json,
      ...(key && { headers: { 'idempotency-key': key } }),
    });
  const created = (pred: (e: Created) => boolean) => nextEvent<Created>(socket, 'message:created', pred);
  const detail = async (id: string) =>
    (await (await t.api(`/api/cases/${id}`, { cookie: counselor.cookie })).json()) as CaseDetail;

  it('records a finished call as a new case with its category and notes; a retried request with the same key does not double it', async () => {
    const body = {
      number: '064 120 0001',
      durationSec: 420,
      category: 'integrity',
      notes: 'Devojčica (14) prijavljuje ucenu fotografijama; upućena na policiju.',
    };
    const caseEvent = nextEvent<{ case: CaseSummary }>(socket, 'case:created', (e) => e.case.category === 'integrity');
    const ev = created((e) => e.message.fields?.source === 'manual' && e.message.fields?.from === '+381641200001');
    const res = await log(body, 'form-7f3a');
    expect(res.status).toBe(202);
    const { callId } = (await res.json()) as { callId: string };
    expect(callId).toMatch(/^manual:/);
    const [{ case: opened }, { message }] = await Promise.all([caseEvent, ev]);
    expect(opened).toMatchObject({ kind: 'call', channel: 'phone', category: 'integrity', anonymous: false });
    expect(message.text).toBe(
      'Dolazni poziv · zabeležen ručno · odgovoren · 7 min 0 s · savetnik savetnica@test.kontakt · linija manual\n\n' +
        'Beleška:\nDevojčica (14) prijavljuje ucenu fotografijama; upućena na policiju.',
    );
    expect(message.fields).toMatchObject({
      callId,
      category: 'integrity',
      loggedBy: counselor.id,
      durationSec: 420,
      state: 'ended',
    });

    const retry = await log(body, 'form-7f3a');
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ callId, duplicate: true });
    expect((await detail(message.caseId)).messages).toHaveLength(1);
  });

  it('logs a call onto an existing case, and an anonymous call as its own anonymous case', async () => {
    const first = created((e) => e.message.fields?.from === '+381641200002');
    await log({ number: '+381 64 1200002', durationSec: 60, category: 'advice' });
    const { caseId } = await first;

    const onto = created((e) => e.message.fields?.notes === 'Drugi razgovor, isti slučaj.');
    const res = await log({ anonymous: true, durationSec: 90, caseId, notes: 'Drugi razgovor, isti slučaj.' });
    expect(res.status).toBe(202);
    expect((await onto).caseId).toBe(caseId);

    const anon = created((e) => e.message.fields?.notes === 'Anonimni poziv.');
    await log({ anonymous: true, durationSec: 30, category: 'wellbeing', notes: 'Anonimni poziv.' });
    const a = await anon;
    expect(a.caseId).not.toBe(caseId);
    expect(await detail(a.caseId)).toMatchObject({ anonymous: true, contact: null, category: 'wellbeing' });
  });

  it('logs a call in progress and finishes it later, live', async () => {
    const ev = created((e) => e.message.fields?.from === '+381641200003');
    const res = await log({ number: '0641200003', category: 'health' });
    const { callId } = (await res.json()) as { callId: string };
    expect((await ev).message.fields).toMatchObject({ state: 'answered', durationSec: null });

    const upd = nextEvent<{ message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.message.fields?.callId === callId && e.message.fields?.state === 'ended',
    );
    const done = await t.api(`/api/calls/manual/${encodeURIComponent(callId)}`, {
      method: 'PATCH',
      cookie: counselor.cookie,
      json: { durationSec: 600, notes: 'Razgovor završen, dogovoren novi poziv.' },
    });
    expect(done.status).toBe(200);
    const { message } = await upd;
    expect(message.fields).toMatchObject({ durationSec: 600, outcome: 'answered', category: 'health' });
    expect(message.text).toContain('10 min 0 s');
    expect(message.text).toContain('Razgovor završen, dogovoren novi poziv.');
  });

  it('an outgoing call logged by hand closes the number’s callback task', async () => {
    const miss = newCall({ from: '064 120 0004', outcome: 'missed' });
    const opened = nextEvent<{ callback: CallbackView }>(
      socket,
      'callback:updated',
      (e) => e.callback.number === '+381641200004',
    );
    await postCall(t, { ...miss, endedAt: at(miss.startedAt, 20) });
    const { callback } = await opened;
    const done = nextEvent<{ callback: CallbackView }>(
      socket,
      'callback:updated',
      (e) => e.callback.id === callback.id && e.callback.status === 'done',
    );
    await log({ number: '0641200004', direction: 'outbound', durationSec: 240, category: 'advice' });
    expect((await done).callback.resolution).toBe('reached');
  });

  it('refuses what is not a call record, naming the field', async () => {
    const fields = async (json: unknown) => {
      const res = await log(json);
      expect(res.status).toBe(400);
      return ((await res.json()) as { fields: { field: string }[] }).fields.map((f) => f.field);
    };
    expect(await fields({ durationSec: 10, category: 'advice' })).toEqual(['number']);
    expect(await fields({ number: '064 120 0005', anonymous: true, durationSec: 10, category: 'advice' })).toEqual([
      'number',
    ]);
    expect(await fields({ number: '12', durationSec: 10, category: 'advice' })).toEqual(['number']);
    expect(await fields({ number: '064 120 0005', durationSec: 10 })).toEqual(['category']);
    expect(await fields({ number: '064 120 0005', durationSec: -1, category: 'gossip' })).toEqual([
      'durationSec',
      'category',
    ]);
    const unknownCase = await log({ anonymous: true, caseId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownCase.status).toBe(404);
    const anonymous = await t.api('/api/calls/manual', {
      method: 'POST',
      json: { anonymous: true, category: 'other' },
    });
    expect(anonymous.status).toBe(401);
    const form = await t.api('/api/calls/manual', {
      method: 'POST',
      cookie: counselor.cookie,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'anonymous=true&category=other',
    });
    expect(form.status).toBe(415);
  });
});
