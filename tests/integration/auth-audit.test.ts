import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const COUNSELOR = { email: 'savetnica@test.kontakt', password: 'savetnica lozinka 1' };
/** Never used for a wrong password: whatever ran before, she can sign in. */
const READER = { email: 'citateljka@test.kontakt', password: 'citateljka lozinka 1' };

describe('sign-in lockout, sign out everywhere, audit search', () => {
  let t: TestKontakt;

  beforeAll(async () => {
    t = await startTestKontakt('pglite', { LOGIN_LOCKOUT_ATTEMPTS: '3', LOGIN_RATE_LIMIT: '1000' });
    for (const [who, name] of [
      [COUNSELOR, 'Savetnica'],
      [READER, 'Čitateljka'],
    ] as const)
      await seedUser(t, who.email, 'counselor', who.password, name);
  });
  afterAll(async () => t?.cleanup());

  const login = (email: string, password: string) =>
    t.api('/api/auth/login', { method: 'POST', json: { email, password } });

  it('locks an account after repeated failures, with a clear answer, and leaves others alone', async () => {
    for (let i = 0; i < 3; i++) expect((await login(COUNSELOR.email, 'wrong')).status).toBe(401);
    const locked = await login(COUNSELOR.email, COUNSELOR.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ error: 'account_locked' });
    expect((await login(t.admin.email, t.admin.password)).status).toBe(200);
    // An unknown address behaves the same, so lockout reveals no accounts.
    for (let i = 0; i < 3; i++) expect((await login('nobody@test.kontakt', 'x')).status).toBe(401);
    expect((await login('nobody@test.kontakt', 'x')).status).toBe(429);
  });

  it('signs out everywhere', async () => {
    const a = await t.login();
    const b = await t.login();
    expect((await t.api('/api/me', { cookie: b })).status).toBe(200);
    expect((await t.api('/api/auth/logout-all', { method: 'POST', cookie: a, json: {} })).status).toBe(204);
    expect((await t.api('/api/me', { cookie: a })).status).toBe(401);
    expect((await t.api('/api/me', { cookie: b })).status).toBe(401);
  });

  it('lets supervisors and admins search the audit log, never change it, and records the search', async () => {
    const cookie = await t.login();
    // Enough auth.* entries of its own for a second page, whichever tests ran before.
    await t.login();
    await t.login();
    const res = await t.api('/api/reports', { method: 'POST', json: { description: 'za reviziju' } });
    const { reference } = (await res.json()) as { reference: string };
    let caseId: string | undefined;
    for (let i = 0; i < 100 && !caseId; i++) {
      const list = (await (await t.api(`/api/cases?q=${reference}`, { cookie })).json()) as { items: { id: string }[] };
      caseId = list.items[0]?.id;
      if (!caseId) await new Promise((r) => setTimeout(r, 50));
    }
    await t.api(`/api/cases/${caseId}`, { cookie });

    const views = (await (await t.api(`/api/audit?action=case.view&entityId=${caseId}`, { cookie })).json()) as {
      items: { action: string; actorName: string; entityId: string }[];
    };
    expect(views.items).toEqual([
      expect.objectContaining({ action: 'case.view', actorName: 'Administrator', entityId: caseId }),
    ]);
    const auth = (await (await t.api('/api/audit?action=auth.*&limit=2', { cookie })).json()) as {
      items: { action: string }[];
      nextBefore: number | null;
    };
    expect(auth.items).toHaveLength(2);
    expect(auth.items.every((i) => i.action.startsWith('auth.'))).toBe(true);
    expect(auth.nextBefore).not.toBeNull();
    const searched = (await (await t.api('/api/audit?action=audit.search', { cookie })).json()) as { items: unknown[] };
    expect(searched.items.length).toBeGreaterThanOrEqual(2);

    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await t.api('/api/audit', { method, cookie, json: {} })).status).toBe(404);
    }
    expect((await t.api('/api/audit?action=DROP TABLE', { cookie })).status).toBe(400);
    const counselorCookie = await t.login(READER.email, READER.password);
    expect((await t.api('/api/audit', { cookie: counselorCookie })).status).toBe(403);
    expect((await t.api('/api/audit')).status).toBe(401);
  });
});
