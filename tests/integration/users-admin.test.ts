import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

interface Listed {
  id: string;
  email: string;
  role: string;
  status: string;
  active: boolean;
}

const tokenOf = (url: string) => {
  const m = /#set-password=([A-Za-z0-9_-]+)$/.exec(url);
  if (!m?.[1]) throw new Error(`not a link: ${url}`);
  return m[1];
};

describe('user management by admins', { timeout: 90_000 }, () => {
  let t: TestKontakt;
  let admin: string;

  beforeAll(async () => {
    t = await startTestKontakt('postgres', { LOGIN_RATE_LIMIT: '1000', PUBLIC_URL: 'https://kontakt.example.org/' });
    admin = await t.login();
  }, 180_000);
  afterAll(async () => t?.cleanup());

  const post = (path: string, json: unknown, cookie = admin) => t.api(path, { method: 'POST', cookie, json });
  const list = async (cookie = admin) =>
    ((await (await t.api('/api/users', { cookie })).json()) as { items: Listed[] }).items;
  const audit = async (action: string, entityId: string) =>
    (
      (await (await t.api(`/api/audit?action=${action}&entityId=${entityId}`, { cookie: admin })).json()) as {
        items: { action: string; actorName: string | null; details: Record<string, unknown> | null }[];
      }
    ).items;
  const signIn = (email: string, password: string) =>
    t.api('/api/auth/login', { method: 'POST', json: { email, password } });

  it('invites a user with a one-time link that sets their password and then says nothing useful', async () => {
    const res = await post('/api/users', { email: 'Nova@Test.Kontakt', name: 'Nova Savetnica', role: 'counselor' });
    expect(res.status).toBe(201);
    const { user, link } = (await res.json()) as { user: { id: string }; link: { url: string; kind: string } };
    expect(link.kind).toBe('invite');
    expect(link.url.startsWith('https://kontakt.example.org/#set-password=')).toBe(true);
    const token = tokenOf(link.url);
    expect(token.length).toBeGreaterThanOrEqual(40);

    expect((await list()).find((u) => u.id === user.id)).toMatchObject({ status: 'invited', active: false });
    // Not usable before the invitation is accepted, whatever password is tried.
    expect((await signIn('nova@test.kontakt', '')).status).toBe(400);
    expect((await signIn('nova@test.kontakt', 'anything at all')).status).toBe(401);
    // Only a hash of the token is stored.
    const stored = await t.k.store.db.execute(sql`select token_hash from user_tokens where user_id = ${user.id}`);
    expect(JSON.stringify(stored)).not.toContain(token);

    const info = await post('/api/account/link', { token }, '');
    expect(await info.json()).toEqual({ kind: 'invite', email: 'nova@test.kontakt', name: 'Nova Savetnica' });
    const weak = await post('/api/account/password', { token, password: 'short' }, '');
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ fields: [expect.objectContaining({ field: 'password' })] });
    expect((await post('/api/account/password', { token, password: 'nova lozinka 2026' }, '')).status).toBe(204);

    const unknown = await post('/api/account/password', { token: 'x'.repeat(43), password: 'nova lozinka 2027' }, '');
    const reused = await post('/api/account/password', { token, password: 'nova lozinka 2027' }, '');
    expect(reused.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await reused.json()).toEqual(await unknown.json());
    const usedInfo = await post('/api/account/link', { token }, '');
    expect(usedInfo.status).toBe(404);

    expect((await signIn('nova@test.kontakt', 'nova lozinka 2027')).status).toBe(401);
    expect((await signIn('nova@test.kontakt', 'nova lozinka 2026')).status).toBe(200);
    expect((await list()).find((u) => u.id === user.id)).toMatchObject({ status: 'active', active: true });
    expect(await audit('user.invite', user.id)).toEqual([expect.objectContaining({ actorName: 'Administrator' })]);
    expect(await audit('user.invite_accepted', user.id)).toEqual([
      expect.objectContaining({ actorName: 'Nova Savetnica' }),
    ]);
  });

  it('an expired link looks exactly like an unknown one, and a new link replaces the old', async () => {
    const res = await post('/api/users', { email: 'kasni@test.kontakt', name: 'Kasni', role: 'supervisor' });
    const { user, link } = (await res.json()) as { user: { id: string }; link: { url: string } };
    await t.k.store.db.execute(
      sql`update user_tokens set expires_at = now() - interval '1 minute' where user_id = ${user.id}`,
    );
    const expired = await post(
      '/api/account/password',
      { token: tokenOf(link.url), password: 'kasnim sa lozinkom' },
      '',
    );
    expect(expired.status).toBe(404);
    expect(await expired.json()).toMatchObject({ error: 'link_invalid' });
    // No password yet: the account cannot simply be switched on, it needs a fresh invitation.
    expect((await post(`/api/users/${user.id}/reactivate`, {})).status).toBe(409);
    const first = (await (await post(`/api/users/${user.id}/link`, {})).json()) as { url: string; kind: string };
    const second = (await (await post(`/api/users/${user.id}/link`, {})).json()) as { url: string; kind: string };
    expect(second.kind).toBe('invite');
    expect((await post('/api/account/link', { token: tokenOf(first.url) }, '')).status).toBe(404);
    expect(
      (await post('/api/account/password', { token: tokenOf(second.url), password: 'sada na vreme 1' }, '')).status,
    ).toBe(204);
    expect((await signIn('kasni@test.kontakt', 'sada na vreme 1')).status).toBe(200);
  });

  it('creates an account with a password, changes its role, deactivates and reactivates it', async () => {
    const created = await post('/api/users', {
      email: 'mira@test.kontakt',
      name: 'Mira',
      role: 'counselor',
      password: 'mirina lozinka 1',
    });
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: string; active: boolean } };
    expect(user.active).toBe(true);
    const mira = await t.login('mira@test.kontakt', 'mirina lozinka 1');
    expect((await t.api('/api/stats', { cookie: mira })).status).toBe(403);

    const socket = await t.socket(mira);
    const kicked = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const promoted = await t.api(`/api/users/${user.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { role: 'supervisor' },
    });
    expect(promoted.status).toBe(200);
    // The open socket connected as a counselor; it is dropped so that it reconnects with the new role.
    expect(await kicked).toBe('io server disconnect');
    expect((await t.api('/api/stats', { cookie: mira })).status).toBe(200);
    expect(await audit('user.role_change', user.id)).toEqual([
      expect.objectContaining({ details: { from: 'counselor', to: 'supervisor' } }),
    ]);

    const socket2 = await t.socket(mira);
    const dropped = new Promise<string>((resolve) => socket2.once('disconnect', resolve));
    expect((await post(`/api/users/${user.id}/deactivate`, {})).status).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    expect((await t.api('/api/me', { cookie: mira })).status).toBe(401);
    expect((await signIn('mira@test.kontakt', 'mirina lozinka 1')).status).toBe(401);
    await expect(t.socket(mira)).rejects.toThrow();
    // Never deleted: still listed, and the audit log still names her.
    expect((await list()).find((u) => u.id === user.id)).toMatchObject({ status: 'deactivated' });
    expect((await audit('auth.login', user.id))[0]).toMatchObject({ actorName: 'Mira' });
    expect((await audit('user.deactivate', user.id))[0]?.details).toEqual({ sessions: 1 });

    expect((await post(`/api/users/${user.id}/reactivate`, {})).status).toBe(200);
    expect((await signIn('mira@test.kontakt', 'mirina lozinka 1')).status).toBe(200);
  });

  it('resets a password by a one-time link or directly, ending the old sessions', async () => {
    await post('/api/users', {
      email: 'zaboravna@test.kontakt',
      name: 'Zaboravna',
      role: 'counselor',
      password: 'stara lozinka 12',
    });
    const id = (await list()).find((u) => u.email === 'zaboravna@test.kontakt')?.id as string;
    const before = await t.login('zaboravna@test.kontakt', 'stara lozinka 12');
    const link = (await (await post(`/api/users/${id}/link`, {})).json()) as { url: string; kind: string };
    expect(link.kind).toBe('reset');
    expect((await post('/api/account/link', { token: tokenOf(link.url) }, '')).status).toBe(200);
    expect(
      (await post('/api/account/password', { token: tokenOf(link.url), password: 'nova lozinka 123' }, '')).status,
    ).toBe(204);
    expect((await t.api('/api/me', { cookie: before })).status).toBe(401);
    expect((await signIn('zaboravna@test.kontakt', 'stara lozinka 12')).status).toBe(401);
    const after = await t.login('zaboravna@test.kontakt', 'nova lozinka 123');
    expect(await audit('user.password_reset', id)).toHaveLength(1);

    expect((await post(`/api/users/${id}/password`, { password: 'admin je postavio' })).status).toBe(204);
    expect((await t.api('/api/me', { cookie: after })).status).toBe(401);
    expect((await signIn('zaboravna@test.kontakt', 'admin je postavio')).status).toBe(200);
    expect(await audit('user.password_set', id)).toHaveLength(1);
  });

  it('never leaves the centre without an active admin', async () => {
    const me = (await (await t.api('/api/me', { cookie: admin })).json()) as { user: { id: string } };
    const selfDemote = await t.api(`/api/users/${me.user.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { role: 'counselor' },
    });
    expect(selfDemote.status).toBe(409);
    expect(await selfDemote.json()).toMatchObject({ error: 'last_admin' });
    expect((await post(`/api/users/${me.user.id}/deactivate`, {})).status).toBe(409);

    await post('/api/users', {
      email: 'drugi@test.kontakt',
      name: 'Drugi Admin',
      role: 'admin',
      password: 'drugi admin 1234',
    });
    const second = (await list()).find((u) => u.email === 'drugi@test.kontakt') as Listed;
    const other = await t.login('drugi@test.kontakt', 'drugi admin 1234');
    // Both try to demote the other at the same moment: exactly one of them wins.
    const [a, b] = await Promise.all([
      t.api(`/api/users/${second.id}`, { method: 'PATCH', cookie: admin, json: { role: 'counselor' } }),
      t.api(`/api/users/${me.user.id}`, { method: 'PATCH', cookie: other, json: { role: 'counselor' } }),
    ]);
    const statuses = [a.status, b.status];
    expect(statuses.filter((x) => x === 200)).toHaveLength(1);
    expect(statuses.filter((x) => x !== 200)).toEqual([expect.toBeOneOf([403, 409])]);
    // Either may win; only the one still an admin may list the users.
    const boss = a.status === 200 ? admin : other;
    const admins = (await list(boss)).filter((u) => u.role === 'admin' && u.active);
    expect(admins.map((u) => u.id)).toEqual([a.status === 200 ? me.user.id : second.id]);
    // Whoever is left in charge puts things back as they were.
    const demoted = a.status === 200 ? second.id : me.user.id;
    expect(
      (await t.api(`/api/users/${demoted}`, { method: 'PATCH', cookie: boss, json: { role: 'admin' } })).status,
    ).toBe(200);
    expect((await post(`/api/users/${second.id}/deactivate`, {}, boss)).status).toBe(200);
    expect((await list()).filter((u) => u.role === 'admin' && u.active)).toHaveLength(1);
  });

  it('refuses bad input with the field named, duplicates with 409, and non-admins with 403', async () => {
    const bad = await post('/api/users', { email: 'not-an-address', name: '', role: 'boss' });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { fields: { field: string }[] }).fields.map((f) => f.field).sort();
    expect(fields).toEqual(['email', 'name', 'role']);
    const dup = await post('/api/users', { email: 'NOVA@test.kontakt', name: 'Opet', role: 'counselor' });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ error: 'email_taken' });
    expect((await post('/api/users/not-a-uuid/deactivate', {})).status).toBe(400);
    expect((await post('/api/users/00000000-0000-4000-8000-000000000000/deactivate', {})).status).toBe(404);
    expect((await post('/api/account/password', { token: '<script>', password: 'x'.repeat(20) }, '')).status).toBe(400);

    const nova = await t.login('nova@test.kontakt', 'nova lozinka 2026');
    expect((await t.api('/api/users', { cookie: nova })).status).toBe(403);
    expect((await post('/api/users', { email: 'x@test.kontakt', name: 'X', role: 'admin' }, nova)).status).toBe(403);
    expect((await t.api('/api/users')).status).toBe(401);
  });

  it('does not mark the session cookie Secure for a forwarded https header it must not trust', async () => {
    const res = await t.api('/api/auth/login', {
      method: 'POST',
      json: { email: t.admin.email, password: t.admin.password },
      headers: { 'x-forwarded-proto': 'https' },
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it('lets a signed-in user change their own password: current one first, other sessions end, lockout shared', async () => {
    const email = 'mila@test.kontakt';
    const first = 'milina prva lozinka';
    const created = await post('/api/users', { email, name: 'Mila', role: 'counselor', password: first });
    const { user } = (await created.json()) as { user: { id: string } };
    const here = await t.login(email, first);
    const elsewhere = await t.login(email, first);
    const elsewhereSocket = await t.socket(elsewhere);
    const dropped = new Promise((resolve) => elsewhereSocket.once('disconnect', resolve));
    const reset = (await (await post(`/api/users/${user.id}/link`, {})).json()) as { url: string };
    const change = (json: unknown, cookie = here) => post('/api/me/password', json, cookie);
    const fieldsOf = async (res: Response) =>
      ((await res.json()) as { fields: { field: string }[] }).fields.map((f) => f.field);

    expect((await change({ current: first, password: 'milina druga lozinka' }, '')).status).toBe(401);
    const wrong = await change({ current: 'not the password', password: 'milina druga lozinka' });
    expect(wrong.status).toBe(400);
    expect(await fieldsOf(wrong)).toEqual(['current']);
    const weak = await change({ current: first, password: 'short' });
    expect(weak.status).toBe(400);
    expect(await fieldsOf(weak)).toEqual(['password']);
    const same = await change({ current: first, password: first });
    expect(same.status).toBe(400);
    expect(await fieldsOf(same)).toEqual(['password']);
    expect((await change({ current: first, password: 'milina druga lozinka', role: 'admin' })).status).toBe(400);
    // Nothing changed so far.
    expect((await signIn(email, first)).status).toBe(200);

    const ok = await change({ current: first, password: 'milina druga lozinka' });
    expect(ok.status).toBe(204);
    expect((await t.api('/api/me', { cookie: here })).status).toBe(200);
    expect((await t.api('/api/me', { cookie: elsewhere })).status).toBe(401);
    await dropped;
    expect((await signIn(email, first)).status).toBe(401);
    expect((await signIn(email, 'milina druga lozinka')).status).toBe(200);
    // The reset link issued before the change is dead.
    expect((await post('/api/account/link', { token: tokenOf(reset.url) }, '')).status).toBe(404);
    const changed = await audit('user.password_changed', user.id);
    expect(changed).toHaveLength(1);
    // The second session made above and the one signIn() opened before the change.
    expect(changed[0]?.details).toEqual({ sessions: 2 });
    expect((await audit('auth.reauth_failed', user.id)).length).toBe(1);

    // Guessing through an open session counts toward the same lockout as signing in (5 here).
    for (let i = 0; i < 5; i++)
      expect((await change({ current: `guess ${i}`, password: 'milina treca lozinka' })).status).toBe(400);
    const locked = await change({ current: 'milina druga lozinka', password: 'milina treca lozinka' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await locked.json()) as { error: string }).error).toBe('account_locked');
    expect((await signIn(email, 'milina druga lozinka')).status).toBe(429);
    elsewhereSocket.close();
  });
});
