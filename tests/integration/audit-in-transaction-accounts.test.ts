import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users, userTotp } from '../../src/store/schema/index.ts';
import { addSignedInUser, addUser, startTestKontakt, type TestKontakt, testPassword } from '../helpers/kontakt.ts';
import { whileAuditRefuses } from '../helpers/refuse-audit.ts';
import { code, earlyInStep } from '../helpers/totp.ts';

/*
 * Accounts and sign-in: every change is made with its audit entry in one transaction. While the
 * audit log refuses the entry, the request fails and nothing of the change is left: no account, no
 * new role, no new password, no session made or ended, no second factor. Then, with the log
 * working again, the same request succeeds (the refusal was the only obstacle).
 */
describe.each(['pglite', 'postgres'] as const)('account changes and their audit entries (%s)', (engine) => {
  let t: TestKontakt;
  let admin: string;

  beforeAll(async () => {
    t = await startTestKontakt(engine, { LOGIN_RATE_LIMIT: '1000', PUBLIC_URL: 'https://kontakt.example.org/' });
    admin = await t.login();
  }, 120_000);
  afterAll(async () => t?.cleanup());

  const db = () => t.k.store.db;
  const refusing = <T>(action: string, fn: () => Promise<T>) => whileAuditRefuses(db(), action, fn);
  const post = (path: string, json: unknown, cookie = admin) => t.api(path, { method: 'POST', cookie, json });
  const signIn = (email: string, password: string) =>
    t.api('/api/auth/login', { method: 'POST', json: { email, password } });
  const signedIn = async (cookie: string) => (await t.api('/api/me', { cookie })).status === 200;
  const userRow = async (id: string) =>
    (await db().select({ role: users.role, active: users.active }).from(users).where(eq(users.id, id)))[0];
  const accountOf = async (email: string) => db().select({ id: users.id }).from(users).where(eq(users.email, email));
  const sessionCount = async (userId: string) =>
    (await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).length;
  const tokenOf = (url: string) => /#set-password=([A-Za-z0-9_-]+)$/.exec(url)?.[1] ?? '';

  it('an account created or invited is not there without its entry', async () => {
    const input = { email: 'nova@test.kontakt', name: 'Nova', role: 'counselor', password: testPassword('nova@x') };
    expect((await refusing('user.create', () => post('/api/users', input))).status).toBe(500);
    expect(await accountOf('nova@test.kontakt')).toEqual([]);
    expect((await post('/api/users', input)).status).toBe(201);

    // The invitation and its link: refusing the link's entry takes the account down too.
    const invite = { email: 'pozvana@test.kontakt', name: 'Pozvana', role: 'counselor' };
    expect((await refusing('user.invite_link', () => post('/api/users', invite))).status).toBe(500);
    expect(await accountOf('pozvana@test.kontakt')).toEqual([]);
    expect((await post('/api/users', invite)).status).toBe(201);
  });

  it('a role change or a deactivation is not made without its entry; sessions stay', async () => {
    const { id, cookie } = await addSignedInUser(t, admin, 'uloga@test.kontakt');
    const patch = (json: unknown) => t.api(`/api/users/${id}`, { method: 'PATCH', cookie: admin, json });
    expect((await refusing('user.role_change', () => patch({ role: 'supervisor' }))).status).toBe(500);
    expect((await userRow(id))?.role).toBe('counselor');

    expect((await refusing('user.deactivate', () => post(`/api/users/${id}/deactivate`, {}))).status).toBe(500);
    expect((await userRow(id))?.active).toBe(true);
    expect(await signedIn(cookie)).toBe(true);

    expect((await patch({ role: 'supervisor' })).status).toBe(200);
    expect((await post(`/api/users/${id}/deactivate`, {})).status).toBe(200);
    expect(await userRow(id)).toEqual({ role: 'supervisor', active: false });
    expect(await signedIn(cookie)).toBe(false);
  });

  it('a password set by an admin, by the user, or by a link is not replaced without its entry', async () => {
    const email = 'lozinka@test.kontakt';
    const { id, cookie } = await addSignedInUser(t, admin, email);
    const other = await t.login(email, testPassword(email));
    const byAdmin = () => post(`/api/users/${id}/password`, { password: 'od admina 2026 nova' });
    expect((await refusing('user.password_set', byAdmin)).status).toBe(500);
    expect(await signedIn(cookie)).toBe(true);
    expect((await signIn(email, testPassword(email))).status).toBe(200);

    const own = () => post('/api/me/password', { current: testPassword(email), password: 'moja nova 2026 x' }, cookie);
    expect((await refusing('user.password_changed', own)).status).toBe(500);
    expect(await signedIn(other)).toBe(true);
    expect((await signIn(email, testPassword(email))).status).toBe(200);

    // A reset link: a second one refused leaves the first working; using it refused leaves it unused.
    const first = tokenOf(((await (await post(`/api/users/${id}/link`, {})).json()) as { url: string }).url);
    expect((await refusing('user.reset_link', () => post(`/api/users/${id}/link`, {}))).status).toBe(500);
    expect((await post('/api/account/link', { token: first }, '')).status).toBe(200);
    const use = () => post('/api/account/password', { token: first, password: 'sa linka 2026 nova' }, '');
    expect((await refusing('user.password_reset', use)).status).toBe(500);
    expect((await post('/api/account/link', { token: first }, '')).status).toBe(200);
    expect((await signIn(email, testPassword(email))).status).toBe(200);

    expect((await use()).status).toBe(204);
    expect((await signIn(email, 'sa linka 2026 nova')).status).toBe(200);
    expect(await signedIn(cookie)).toBe(false);
  });

  it('no session starts or ends without its entry', async () => {
    const email = 'sesija@test.kontakt';
    const id = await addUser(t, admin, email);
    expect((await refusing('auth.login', () => signIn(email, testPassword(email)))).status).toBe(500);
    expect(await sessionCount(id)).toBe(0);

    const cookie = await t.login(email, testPassword(email));
    expect((await refusing('auth.logout', () => post('/api/auth/logout', {}, cookie))).status).toBe(500);
    expect(await signedIn(cookie)).toBe(true);
    expect((await refusing('auth.logout_all', () => post('/api/auth/logout-all', {}, cookie))).status).toBe(500);
    expect(await signedIn(cookie)).toBe(true);
    expect(await sessionCount(id)).toBe(1);

    expect((await post('/api/auth/logout-all', {}, cookie)).status).toBeLessThan(300);
    expect(await signedIn(cookie)).toBe(false);
  });

  it('a second factor is not enrolled, enabled or reset without its entry', async () => {
    const email = 'totp@test.kontakt';
    const { id, cookie } = await addSignedInUser(t, admin, email);
    const factor = async () => (await db().select().from(userTotp).where(eq(userTotp.userId, id)))[0];
    const enrol = () => post('/api/me/totp/enrol', { password: testPassword(email) }, cookie);
    expect((await refusing('user.totp_enrol_started', enrol)).status).toBe(500);
    expect(await factor()).toBeUndefined();

    const { secret } = (await (await enrol()).json()) as { secret: string };
    await earlyInStep();
    const confirm = (c: string) => post('/api/me/totp/confirm', { code: c }, cookie);
    expect((await refusing('user.totp_enabled', () => confirm(code(secret)))).status).toBe(500);
    expect((await factor())?.confirmedAt).toBeNull();
    // The refused try used its step; the next step's code confirms.
    expect((await confirm(code(secret, 1))).status).toBe(200);
    expect((await factor())?.confirmedAt).not.toBeNull();

    expect((await refusing('user.totp_reset', () => post(`/api/users/${id}/totp/reset`, {}))).status).toBe(500);
    expect((await factor())?.confirmedAt).not.toBeNull();
    expect(await (await post(`/api/users/${id}/totp/reset`, {})).json()).toEqual({ removed: true });
    expect(await factor()).toBeUndefined();
  });
});
