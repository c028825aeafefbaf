import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const COUNSELOR = { email: 'savetnica@test.kontakt', password: 'savetnica lozinka 1' };

describe('queue dashboard (Bull Board) at /admin/queues', () => {
  let t: TestKontakt;

  beforeAll(async () => {
    t = await startTestKontakt('postgres');
    await seedUser(t, COUNSELOR.email, 'counselor', COUNSELOR.password, 'Savetnica');
  });
  afterAll(async () => t?.cleanup());

  it('is refused signed out (401) and to a counselor (403), page and API alike', async () => {
    expect((await t.api('/admin/queues')).status).toBe(401);
    expect((await t.api('/admin/queues/api/queues')).status).toBe(401);
    const counselor = await t.login(COUNSELOR.email, COUNSELOR.password);
    expect((await t.api('/admin/queues', { cookie: counselor })).status).toBe(403);
    expect((await t.api('/admin/queues/api/queues', { cookie: counselor })).status).toBe(403);
    const retry = await t.api('/admin/queues/api/queues/inbound/retry/failed', { method: 'PUT', cookie: counselor });
    expect(retry.status).toBe(403);
  });

  it('shows an admin the page, its assets under the route CSP, and both queues', async () => {
    const admin = await t.login();
    const page = await t.api('/admin/queues', { cookie: admin });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/"');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");

    const script = /<script defer src="([^"]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await t.api(`/admin/queues/${script}`, { cookie: admin });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);

    const api = await t.api('/admin/queues/api/queues', { cookie: admin });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['inbound', 'outbound', 'referrals', 'retention']);

    // The inbox keeps its strict policy.
    const inbox = await t.api('/', { cookie: admin });
    expect(inbox.headers.get('content-security-policy')).toContain("style-src 'self';");
  });

  it('refuses a cross-site write even with an admin session', async () => {
    const admin = await t.login();
    const res = await t.api('/admin/queues/api/queues/inbound/retry/failed', {
      method: 'PUT',
      cookie: admin,
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(403);
    const same = await t.api('/admin/queues/api/queues/inbound/retry/failed', {
      method: 'PUT',
      cookie: admin,
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(same.status).toBe(200);
  });

  it('a malformed Origin on a write is refused, not a server error', async () => {
    const admin = await t.login();
    for (const origin of ['not a url', 'http://[::1', 'null']) {
      const res = await t.api('/admin/queues/api/queues/inbound/retry/failed', {
        method: 'PUT',
        cookie: admin,
        headers: { origin },
      });
      expect(res.status).toBe(403);
    }
  });
});
