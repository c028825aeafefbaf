import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneCallbackAttempts, phoneCallbacks, phoneCalls, phoneDoNotCall } from '../../src/store/schema/index.ts';
import { addUser, at, newCall, postCall, startPhoneKontakt } from '../fixtures/phone/phone-test-kit.ts';
import { eventually, type TestKontakt } from '../helpers/kontakt.ts';
import { whileAuditRefuses } from '../helpers/refuse-audit.ts';

/*
 * The phone line's hand-made changes (a call logged in the inbox, a task changed or tried, a number
 * marked "do not call back") are written with their audit entry in one transaction: while the log
 * refuses the entry, nothing of the change is there; then the same request succeeds.
 */
describe('phone changes and their audit entries (postgres)', () => {
  let t: TestKontakt;
  let supervisor: { id: string; cookie: string };

  beforeAll(async () => {
    t = await startPhoneKontakt('postgres');
    supervisor = await addUser(t, 'supervisor', 'supervizor@test.kontakt');
  }, 120_000);
  afterAll(async () => t?.cleanup());

  const db = () => t.k.store.db;
  const refusing = <T>(action: string, fn: () => Promise<T>) => whileAuditRefuses(db(), action, fn);
  const call = (method: string, path: string, json: unknown, headers?: Record<string, string>) =>
    t.api(path, { method, cookie: supervisor.cookie, json, ...(headers && { headers }) });

  it('a call logged by hand is not stored without its entry', async () => {
    const log = () =>
      call(
        'POST',
        '/api/calls/manual',
        { number: '064 130 0001', durationSec: 60, category: 'addiction', notes: 'Pitanje o igricama.' },
        { 'idempotency-key': 'audit-tx-1' },
      );
    expect((await refusing('call.logged', log)).status).toBe(500);
    expect(await db().select().from(phoneCalls)).toEqual([]);
    const res = await log();
    expect(res.status).toBe(202);
    const { callId } = (await res.json()) as { callId: string };
    expect((await db().select().from(phoneCalls).where(eq(phoneCalls.callId, callId))).length).toBe(1);
  });

  it('a callback task is not changed or tried, and a number not marked, without its entry', async () => {
    const missed = newCall({ from: '064 130 0002', outcome: 'missed' });
    await postCall(t, { ...missed, endedAt: at(missed.startedAt, 20) });
    const task = () =>
      eventually(
        async () => (await db().select().from(phoneCallbacks).where(eq(phoneCallbacks.firstCallId, missed.callId)))[0],
      );
    const { id } = await task();

    const assign = () => call('PATCH', `/api/callbacks/${id}`, { assigneeId: supervisor.id });
    expect((await refusing('callback.changed', assign)).status).toBe(500);
    expect((await task()).assigneeId).toBeNull();
    expect((await assign()).status).toBe(200);
    expect((await task()).assigneeId).toBe(supervisor.id);

    const attempt = () => call('POST', `/api/callbacks/${id}/attempts`, { result: 'busy' });
    const attempts = () => db().select().from(phoneCallbackAttempts).where(eq(phoneCallbackAttempts.callbackId, id));
    expect((await refusing('callback.attempt', attempt)).status).toBe(500);
    expect(await attempts()).toEqual([]);
    expect((await task()).status).toBe('open');
    expect((await attempt()).status).toBe(201);
    expect(await attempts()).toHaveLength(1);

    const mark = () => call('POST', '/api/calls/do-not-call', { number: '064 130 0002', reason: 'roditelj tražio' });
    expect((await refusing('phone.do_not_call.set', mark)).status).toBe(500);
    expect(await db().select().from(phoneDoNotCall)).toEqual([]);
    expect((await task()).status).toBe('attempted');
    expect((await mark()).status).toBe(200);
    expect(await db().select().from(phoneDoNotCall)).toHaveLength(1);
    expect((await task()).status).toBe('cancelled');
  });
});
