import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, startTestKontakt, type TestKontakt, testPassword } from '../helpers/kontakt.ts';

interface Listed {
  id: string;
  email: string;
  lock: { until: string; scope: 'account' | 'address'; addresses: number } | null;
}

/** A raw request, so the Host header is exactly what a forger sends (fetch would replace it). */
function rawPost(url: string, path: string, body: unknown, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const u = new URL(url);
    const data = JSON.stringify(body);
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('sign-in throttling that a stranger cannot turn into a lock-out', { timeout: 90_000 }, () => {
  let t: TestKontakt;
  let admin: string;

  beforeAll(async () => {
    t = await startTestKontakt('pglite', {
      TRUST_PROXY: 'true',
      LOGIN_RATE_LIMIT: '6',
      LOGIN_ACCOUNT_MAX_FAILURES: '8',
      TRUSTED_NETWORKS: '10.0.0.0/8, 2001:db8::/32',
    });
    admin = await t.login();
  }, 180_000);
  afterAll(async () => t?.cleanup());

  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const signIn = (email: string, password: string, ip: string) =>
    t.api('/api/auth/login', { method: 'POST', json: { email, password }, headers: from(ip) });
  const post = (path: string, json: unknown, cookie = admin) => t.api(path, { method: 'POST', cookie, json });
  const password = testPassword;
  const newUser = (email: string) => addUser(t, admin, email);
  const listed = async (id: string) =>
    ((await (await t.api('/api/users', { cookie: admin })).json()) as { items: Listed[] }).items.find(
      (u) => u.id === id,
    );

  it("a stranger's failures delay only the stranger's address; the user signs in from their own", async () => {
    const email = 'mila@test.kontakt';
    await newUser(email);
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'pogresna', '203.0.113.1')).status).toBe(401);
    // The sixth try from the stranger's address is refused even with the right password, for a while.
    const delayed = await signIn(email, password(email), '203.0.113.1');
    expect(delayed.status).toBe(429);
    expect(await delayed.json()).toMatchObject({ error: 'account_locked' });
    const wait = Number(delayed.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    expect((await signIn(email, password(email), '198.51.100.7')).status).toBe(200);
  });

  it('a guess spread over many addresses still meets the per-account ceiling; an admin unlocks it, audited', async () => {
    const email = 'nada@test.kontakt';
    const id = await newUser(email);
    expect((await listed(id))?.lock).toBeNull();
    for (let i = 1; i <= 8; i++) expect((await signIn(email, 'pogresna', `192.0.2.${i}`)).status).toBe(401);
    const refused = await signIn(email, password(email), '198.51.100.8');
    expect(refused.status).toBe(429);
    expect((await listed(id))?.lock).toMatchObject({ scope: 'account' });

    const counselor = await t.login('mila@test.kontakt', password('mila@test.kontakt'));
    expect((await post(`/api/users/${id}/unlock`, {}, counselor)).status).toBe(403);
    expect((await post(`/api/users/${id}/unlock`, {})).status).toBe(200);
    expect((await listed(id))?.lock).toBeNull();
    expect((await signIn(email, password(email), '198.51.100.8')).status).toBe(200);
    const audit = (await (await t.api(`/api/audit?action=user.unlocked&entityId=${id}`, { cookie: admin })).json()) as {
      items: { action: string; actorName: string }[];
    };
    expect(audit.items).toEqual([expect.objectContaining({ action: 'user.unlocked', actorName: 'Administrator' })]);
    expect((await post('/api/users/00000000-0000-4000-8000-000000000000/unlock', {})).status).toBe(404);
  });

  it('the users list shows an address delay, and unlock clears it', async () => {
    const email = 'zora@test.kontakt';
    const id = await newUser(email);
    for (let i = 0; i < 5; i++) await signIn(email, 'pogresna', '203.0.113.2');
    expect((await listed(id))?.lock).toMatchObject({ scope: 'address', addresses: 1 });
    expect((await post(`/api/users/${id}/unlock`, {})).status).toBe(200);
    expect((await signIn(email, password(email), '203.0.113.2')).status).toBe(200);
  });

  it('failures behind one trusted address do not refuse the right password of another account there', async () => {
    // Six failed sign-ins on six accounts from one office address: the per-address limit (6) is reached.
    for (let i = 0; i < 6; i++) expect((await signIn(`kolega${i}@test.kontakt`, 'x', '10.1.2.3')).status).toBe(401);
    expect((await signIn(t.admin.email, t.admin.password, '10.1.2.3')).status).toBe(200);
    // The same from an untrusted address is throttled per address.
    for (let i = 0; i < 6; i++) expect((await signIn(`kolega${i}@test.kontakt`, 'x', '203.0.113.3')).status).toBe(401);
    const limited = await signIn(t.admin.email, t.admin.password, '203.0.113.3');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    // Per-account limits still apply on a trusted network.
    const email = 'vesna@test.kontakt';
    await newUser(email);
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'pogresna', '2001:db8::5')).status).toBe(401);
    expect((await signIn(email, password(email), '2001:db8::5')).status).toBe(429);
  });

  it('parallel wrong sign-ins from a trusted address cannot outrun the per-account count', async () => {
    const email = 'roj@test.kontakt';
    await newUser(email);
    // All twenty are in flight before any password check ends: each try is counted as it is let in.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => signIn(email, 'pogresna', '10.7.7.7').then((r) => r.status)),
    );
    const wrong = answers.filter((s) => s === 401).length;
    expect(wrong).toBeLessThanOrEqual(5);
    expect(answers.filter((s) => s === 429)).toHaveLength(answers.length - wrong);
  });

  it('a right password takes its own provisional count back off the account-wide count', async () => {
    const email = 'tara@test.kontakt';
    const id = await newUser(email);
    for (let i = 1; i <= 7; i++) expect((await signIn(email, 'pogresna', `198.18.0.${i}`)).status).toBe(401);
    // Seven of eight counted; the right password is let in (counted for a moment) and then not a failure.
    expect((await signIn(email, password(email), '198.18.1.1')).status).toBe(200);
    expect((await listed(id))?.lock).toBeNull();
    // Still seven: the eighth failure, not the seventh, meets the ceiling.
    expect((await signIn(email, 'pogresna', '198.18.0.8')).status).toBe(401);
    expect((await listed(id))?.lock).toMatchObject({ scope: 'account' });
  });

  it('an invitation or reset link never takes its host from a forged Host header', async () => {
    const invite = { email: 'host@test.kontakt', name: 'Host', role: 'counselor' };
    const headers = { cookie: admin, host: 'evil.example' };
    const refused = await rawPost(t.url, '/api/users', invite, headers);
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.body)).toMatchObject({ error: 'public_url_required' });
    expect(refused.body).not.toContain('evil.example');
    const id = await newUser('reset@test.kontakt');
    const reset = await rawPost(t.url, `/api/users/${id}/link`, {}, headers);
    expect(reset.status).toBe(409);
    expect(reset.body).not.toContain('evil.example');
    // The address a newcomer's `npm start` answers on still works without PUBLIC_URL.
    const local = await rawPost(t.url, `/api/users/${id}/link`, {}, { cookie: admin });
    expect(local.status).toBe(201);
    expect(JSON.parse(local.body).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#set-password=/);

    const pub = await t.restart({ PUBLIC_URL: 'https://kontakt.example.org' });
    t = pub;
    admin = await t.login();
    const made = await rawPost(t.url, '/api/users', invite, { cookie: admin, host: 'evil.example' });
    expect(made.status).toBe(201);
    expect(made.body).not.toContain('evil.example');
    expect(JSON.parse(made.body).link.url).toMatch(/^https:\/\/kontakt\.example\.org\/#set-password=/);
  });
});
