import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSignedInUser, startTestKontakt, type TestKontakt, testPassword } from '../helpers/kontakt.ts';
import { code, earlyInStep, wrongCode } from '../helpers/totp.ts';

describe('two-step settings go through the sign-in throttle (default limits)', { timeout: 90_000 }, () => {
  let t: TestKontakt;
  let admin: string;

  beforeAll(async () => {
    t = await startTestKontakt('pglite', { LOGIN_RATE_LIMIT: '1000' });
    admin = await t.login();
  }, 180_000);
  afterAll(async () => t?.cleanup());

  const post = (path: string, json: unknown, cookie?: string) =>
    t.api(path, { method: 'POST', json, ...(cookie && { cookie }) });
  const password = testPassword;
  const newUser = (email: string) => addSignedInUser(t, admin, email);
  const reauthFailures = async (id: string) =>
    (
      (await (await t.api(`/api/audit?action=auth.reauth_failed&entityId=${id}`, { cookie: admin })).json()) as {
        items: { details: Record<string, unknown> | null }[];
      }
    ).items;

  it('enrolment: five wrong passwords are counted and audited, the sixth try is refused even when right', async () => {
    const email = 'enrol@test.kontakt';
    const { id, cookie } = await newUser(email);
    for (let i = 0; i < 5; i++)
      expect((await post('/api/me/totp/enrol', { password: 'pogresna' }, cookie)).status).toBe(400);
    const refused = await post('/api/me/totp/enrol', { password: password(email) }, cookie);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: 'account_locked' });
    expect(await reauthFailures(id)).toHaveLength(5);
    expect(await (await t.api('/api/me/totp', { cookie })).json()).toEqual({ enabled: false, pending: false });
    // The lock is the signed-in user's own: audited with them as the actor.
    const locked = (await (
      await t.api(`/api/audit?action=auth.login_locked&actorId=${id}`, { cookie: admin })
    ).json()) as { items: { actorId: string | null }[] };
    expect(locked.items).toEqual([expect.objectContaining({ actorId: id })]);
  });

  it('turning it off: five wrong codes are counted and audited, the sixth is refused even when right', async () => {
    const email = 'disable@test.kontakt';
    const { id, cookie } = await newUser(email);
    const enrolled = await post('/api/me/totp/enrol', { password: password(email) }, cookie);
    const { secret } = (await enrolled.json()) as { secret: string };
    // Confirmed with the last step's code so the current one stays unused; both made early in a step.
    await earlyInStep();
    expect((await post('/api/me/totp/confirm', { code: code(secret, -1) }, cookie)).status).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await post('/api/me/totp/disable', { code: wrongCode(secret) }, cookie)).status).toBe(400);
    const refused = await post('/api/me/totp/disable', { code: code(secret) }, cookie);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: 'account_locked' });
    expect(await (await t.api('/api/me/totp', { cookie })).json()).toEqual({ enabled: true, pending: false });
    const failures = await reauthFailures(id);
    expect(failures).toHaveLength(5);
    expect(failures.every((f) => f.details?.factor === 'totp')).toBe(true);
  });
});

describe('two-step settings are behind the per-address sign-in limiter too', { timeout: 90_000 }, () => {
  let t: TestKontakt;
  let admin: string;

  beforeAll(async () => {
    t = await startTestKontakt('pglite', { LOGIN_RATE_LIMIT: '3', TRUST_PROXY: 'true' });
    admin = await t.login();
  }, 180_000);
  afterAll(async () => t?.cleanup());

  const post = (path: string, json: unknown, cookie: string, ip: string) =>
    t.api(path, { method: 'POST', json, cookie, headers: { 'x-forwarded-for': ip } });

  it('enrolment and turning it off: failed tries from one address meet its limit before the account lock', async () => {
    for (const [path, email, ip] of [
      ['/api/me/totp/enrol', 'limit-enrol@test.kontakt', '203.0.113.50'],
      ['/api/me/totp/disable', 'limit-disable@test.kontakt', '203.0.113.51'],
    ] as const) {
      const { cookie } = await addSignedInUser(t, admin, email);
      const json = path.endsWith('enrol') ? { password: 'pogresna' } : { code: '000000' };
      // Three failed tries (400 wrong password, 409 nothing to turn off) count; the fourth is refused here.
      for (let i = 0; i < 3; i++) expect((await post(path, json, cookie, ip)).status).toBeGreaterThanOrEqual(400);
      const limited = await post(path, json, cookie, ip);
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    }
  });
});
