import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSignedInUser, startTestKontakt, type TestKontakt, testPassword } from '../helpers/kontakt.ts';
import { code, earlyInStep, wrongCode } from '../helpers/totp.ts';

describe('TOTP second factor and secure cookies', { timeout: 90_000 }, () => {
  let t: TestKontakt;
  let admin: string;

  beforeAll(async () => {
    t = await startTestKontakt('pglite', {
      LOGIN_RATE_LIMIT: '1000',
      LOGIN_LOCKOUT_ATTEMPTS: '3',
      TRUST_PROXY: 'true',
      TOTP_ISSUER: 'Kontakt Test',
    });
    admin = await t.login();
  }, 180_000);
  afterAll(async () => t?.cleanup());

  const post = (path: string, json: unknown, cookie?: string) =>
    t.api(path, { method: 'POST', json, ...(cookie && { cookie }) });
  const password = testPassword;

  const newUser = (email: string) => addSignedInUser(t, admin, email);

  /** Enrols and confirms with the code of the step `confirmStep` steps from now. */
  async function enrol(cookie: string, email: string, confirmStep = 0) {
    const res = await post('/api/me/totp/enrol', { password: password(email) }, cookie);
    expect(res.status).toBe(200);
    const { secret } = (await res.json()) as { secret: string };
    expect((await post('/api/me/totp/confirm', { code: code(secret, confirmStep) }, cookie)).status).toBe(200);
    return secret;
  }

  it('enrols with the password, shows the secret once, and only confirms on a right first code', async () => {
    const { id, cookie } = await newUser('ana@test.kontakt');
    await earlyInStep();
    expect((await post('/api/me/totp/enrol', { password: 'wrong password' }, cookie)).status).toBe(400);
    const res = await post('/api/me/totp/enrol', { password: password('ana@test.kontakt') }, cookie);
    const body = (await res.json()) as { secret: string; uri: string; qr: string };
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.uri).toMatch(/^otpauth:\/\/totp\/Kontakt%20Test:ana%40test\.kontakt\?/);
    expect(body.uri).toContain(`secret=${body.secret}`);
    expect(Buffer.from(body.qr.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toMatch(/^<svg/);
    expect(await (await t.api('/api/me/totp', { cookie })).json()).toEqual({ enabled: false, pending: true });

    const refused = await post('/api/me/totp/confirm', { code: wrongCode(body.secret) }, cookie);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ fields: [expect.objectContaining({ field: 'code' })] });
    expect((await post('/api/me/totp/confirm', { code: code(body.secret) }, cookie)).status).toBe(200);
    const status = await (await t.api('/api/me/totp', { cookie })).text();
    expect(JSON.parse(status)).toEqual({ enabled: true, pending: false });
    expect(status).not.toContain(body.secret);
    // A second enrolment cannot quietly replace a working factor.
    expect((await post('/api/me/totp/enrol', { password: password('ana@test.kontakt') }, cookie)).status).toBe(409);

    // At rest the secret is encrypted.
    const rows = await t.k.store.db.execute(sql`select secret_enc from user_totp where user_id = ${id}`);
    expect(JSON.stringify(rows)).toMatch(/v1\./);
    expect(JSON.stringify(rows)).not.toContain(body.secret);
    const listed = await (await t.api('/api/users', { cookie: admin })).text();
    expect(listed).not.toContain(body.secret);
    expect(JSON.parse(listed).items).toContainEqual(expect.objectContaining({ id, totpEnabled: true }));
  });

  it('asks for the code after the password, gives no session before it, and never takes a code twice', async () => {
    const email = 'boris@test.kontakt';
    await earlyInStep();
    const { cookie } = await newUser(email);
    const secret = await enrol(cookie, email, -1);

    const first = await post('/api/auth/login', { email, password: password(email) });
    expect(first.status).toBe(200);
    expect(first.headers.get('set-cookie')).toBeNull();
    const { totpRequired, challenge } = (await first.json()) as { totpRequired: boolean; challenge: string };
    expect(totpRequired).toBe(true);

    const now = code(secret);
    const ok = await post('/api/auth/login/totp', { challenge, code: now });
    expect(ok.status).toBe(200);
    const session = (ok.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect((await t.api('/api/me', { cookie: session })).status).toBe(200);
    // The challenge is spent.
    expect((await post('/api/auth/login/totp', { challenge, code: code(secret, 1) })).status).toBe(401);

    // The same code again, through a fresh password step: refused as a replay.
    const again = (await (await post('/api/auth/login', { email, password: password(email) })).json()) as {
      challenge: string;
    };
    expect((await post('/api/auth/login/totp', { challenge: again.challenge, code: now })).status).toBe(401);
    // The next step's code is still good.
    expect((await post('/api/auth/login/totp', { challenge: again.challenge, code: code(secret, 1) })).status).toBe(
      200,
    );

    const audit = (await (await t.api('/api/audit?action=auth.*&limit=20', { cookie: admin })).json()) as {
      items: { action: string; details: unknown }[];
    };
    expect(audit.items.map((i) => i.action)).toContain('auth.totp_failed');
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'auth.login', details: { factor: 'totp' } }));
    expect((await post('/api/auth/login/totp', { challenge: 'A'.repeat(43), code: '123456' })).status).toBe(401);
    expect((await post('/api/auth/login/totp', { challenge: 'bad', code: '123456' })).status).toBe(400);
  });

  it('counts wrong codes toward the account lockout', async () => {
    const email = 'vera@test.kontakt';
    await earlyInStep();
    const { cookie } = await newUser(email);
    const secret = await enrol(cookie, email, -1);
    const { challenge } = (await (await post('/api/auth/login', { email, password: password(email) })).json()) as {
      challenge: string;
    };
    for (let i = 0; i < 3; i++)
      expect((await post('/api/auth/login/totp', { challenge, code: wrongCode(secret) })).status).toBe(401);
    const locked = await post('/api/auth/login/totp', { challenge, code: code(secret) });
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: 'account_locked' });
    expect((await post('/api/auth/login', { email, password: password(email) })).status).toBe(429);
  });

  it('lets a user turn it off with a current code, and an admin reset it', async () => {
    const email = 'goran@test.kontakt';
    await earlyInStep();
    const { id, cookie } = await newUser(email);
    const secret = await enrol(cookie, email, -1);
    expect((await post('/api/me/totp/disable', { code: '' }, cookie)).status).toBe(400);
    expect((await post('/api/me/totp/disable', { code: code(secret) }, cookie)).status).toBe(200);
    expect(await (await t.api('/api/me/totp', { cookie })).json()).toEqual({ enabled: false, pending: false });
    expect((await post('/api/me/totp/disable', { code: code(secret, 1) }, cookie)).status).toBe(409);

    await enrol(cookie, email, 1);
    const pending = (await (await post('/api/auth/login', { email, password: password(email) })).json()) as {
      totpRequired?: boolean;
    };
    expect(pending.totpRequired).toBe(true);
    // A counselor cannot reset anyone's factor; an admin can.
    expect((await post(`/api/users/${id}/totp/reset`, {}, cookie)).status).toBe(403);
    const reset = await post(`/api/users/${id}/totp/reset`, {}, admin);
    expect(await reset.json()).toEqual({ removed: true });
    const direct = await post('/api/auth/login', { email, password: password(email) });
    expect(direct.headers.get('set-cookie')).toMatch(/^kontakt_sid=/);
    const audit = (await (await t.api(`/api/audit?action=user.totp_*&entityId=${id}`, { cookie: admin })).json()) as {
      items: { action: string }[];
    };
    expect(audit.items.map((i) => i.action).sort()).toEqual(
      [
        'user.totp_disabled',
        'user.totp_enabled',
        'user.totp_enabled',
        'user.totp_enrol_started',
        'user.totp_enrol_started',
        'user.totp_reset',
      ].sort(),
    );
  });

  it('marks the session cookie Secure, HttpOnly and SameSite when the proxy says https', async () => {
    const login = (proto?: string) =>
      t.api('/api/auth/login', {
        method: 'POST',
        json: { email: t.admin.email, password: t.admin.password },
        ...(proto && { headers: { 'x-forwarded-proto': proto } }),
      });
    const https = (await login('https')).headers.get('set-cookie') ?? '';
    expect(https).toMatch(/^kontakt_sid=[A-Za-z0-9_-]+;/);
    expect(https).toMatch(/;\s*Secure/i);
    expect(https).toMatch(/;\s*HttpOnly/i);
    expect(https).toMatch(/;\s*SameSite=Lax/i);
    const plain = (await login('http')).headers.get('set-cookie') ?? '';
    expect(plain).toMatch(/;\s*HttpOnly/i);
    expect(plain).not.toMatch(/;\s*Secure/i);
    const session = https.split(';')[0] as string;
    const out = await t.api('/api/auth/logout', {
      method: 'POST',
      cookie: session,
      json: {},
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0.*Secure|Secure.*Max-Age=0/i);
  });
});
