import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/taxonomy.ts';
import { INBOX_CLIENT_PATHS } from '../../src/http/inbox-paths.ts';
import { ROUTE_DOCS } from '../../src/http/openapi/openapi.document.ts';
import { expressKey } from '../../src/http/openapi/openapi.registry.ts';
import { SOCKET_EVENT_ROLES } from '../../src/inbox/socket-roles.ts';
import { nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { registeredRoutes } from '../helpers/registered-routes.ts';

/** Case workers: every case route. Educators and partners are refused (403) on all of them. */
const ALL: Role[] = ['counselor', 'supervisor', 'admin'];
/** Every account: its own session, language, password and second factor. */
const SIGNED_IN: Role[] = [...ROLES];
const STAFF_LEADS: Role[] = ['supervisor', 'admin'];
const ADMIN: Role[] = ['admin'];
/** The outreach register: the educators, and the supervisors and admins who answer for the figures. */
const OUTREACH: Role[] = ['educator', 'supervisor', 'admin'];
/** A health centre's contact person: their own submissions. */
const PARTNER: Role[] = ['partner'];

/**
 * Routes anyone may call without a session: the report form and status page (the reporter), webhooks
 * and the PBX (their own signatures and tokens), health, sign-in and the one-time account links.
 */
const PUBLIC = new Set([
  'GET /',
  'GET /healthz',
  'GET /report',
  'POST /report',
  'USE /report/assets',
  'POST /api/reports',
  'GET /report/status',
  'POST /report/status',
  'POST /report/status/add',
  'POST /api/reports/status',
  'POST /api/reports/status/add',
  'POST /api/calls',
  'GET /webhooks/meta',
  'POST /webhooks/meta',
  'POST /api/auth/login',
  'POST /api/auth/login/totp',
  'POST /api/account/link',
  'POST /api/account/password',
  // An institution's answer to a referral: the e-mail's one-time link is the key (no account).
  'GET /institution/reply',
  'POST /institution/reply',
  // The API reference: the integrators' contract, which describes routes and holds no data.
  'GET /api/openapi.json',
  // The inbox's own URLs (src/http/inbox-paths.ts): the same page as /, whose router asks /api/me
  // before showing anything; every screen added there is served alike.
  ...INBOX_CLIENT_PATHS.map((p) => `GET ${p}`),
]);

/**
 * Who may call each private route. Counselors do case work; supervisors also see statistics, the
 * audit log, exposure counts, and keep canned responses and templates; admins manage users,
 * the taxonomy, institutions, retention, dead letters and the queues. Educators keep the outreach
 * register and nothing else; partners submit reports and see their own, nothing else.
 */
const PRIVATE: Record<string, Role[]> = {
  'GET /metrics': ADMIN,
  'USE /admin/queues': ADMIN,
  'POST /api/auth/logout': SIGNED_IN,
  'POST /api/auth/logout-all': SIGNED_IN,
  'GET /api/me': SIGNED_IN,
  'PUT /api/me/language': SIGNED_IN,
  'POST /api/me/password': SIGNED_IN,
  'GET /api/me/totp': SIGNED_IN,
  'POST /api/me/totp/enrol': SIGNED_IN,
  'POST /api/me/totp/confirm': SIGNED_IN,
  'POST /api/me/totp/disable': SIGNED_IN,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/deactivate': ADMIN,
  'POST /api/users/:id/reactivate': ADMIN,
  'POST /api/users/:id/password': ADMIN,
  'POST /api/users/:id/link': ADMIN,
  'POST /api/users/:id/totp/reset': ADMIN,
  'POST /api/users/:id/unlock': ADMIN,
  'GET /api/cases/counts': ALL,
  'GET /api/cases': ALL,
  'GET /api/cases/:id': ALL,
  'GET /api/cases/by-reference/:reference': ALL,
  'PATCH /api/cases/:id': ALL,
  'POST /api/cases/:id/messages': ALL,
  'GET /api/cases/:id/extras': ALL,
  'PUT /api/cases/:id/tags': ALL,
  'GET /api/search': ALL,
  'GET /api/saved-searches': ALL,
  'POST /api/saved-searches': ALL,
  'PATCH /api/saved-searches/:id': ALL,
  'DELETE /api/saved-searches/:id': ALL,
  'GET /api/contacts/:id': ALL,
  'POST /api/contacts/:id/notes': ALL,
  'POST /api/contacts/:id/link': ALL,
  'POST /api/contacts/:id/split': ALL,
  'POST /api/cases/:id/merge': ALL,
  'POST /api/messages/:id/move': ALL,
  'POST /api/attachments/:id/reveal': ALL,
  'POST /api/messages/:id/links/:index/reveal': ALL,
  'GET /api/canned-responses': ALL,
  'POST /api/canned-responses': STAFF_LEADS,
  'PUT /api/canned-responses/:id': STAFF_LEADS,
  'DELETE /api/canned-responses/:id': STAFF_LEADS,
  'GET /api/health': ADMIN,
  'GET /api/admin/dead-letters': ADMIN,
  'GET /api/admin/dead-letters/:id/payload': ADMIN,
  'POST /api/admin/dead-letters/:id/replay': ADMIN,
  'GET /api/audit': STAFF_LEADS,
  'GET /api/stats': STAFF_LEADS,
  'GET /api/cases/:id/legal-hold': ALL,
  'POST /api/cases/:id/legal-hold': STAFF_LEADS,
  'POST /api/cases/:id/legal-hold/lift': STAFF_LEADS,
  'GET /api/reveals': STAFF_LEADS,
  'GET /api/me/reveals': ALL,
  'GET /api/admin/retention/preview': ADMIN,
  'GET /api/admin/retention/runs': ADMIN,
  'POST /api/admin/retention/run': ADMIN,
  'POST /api/admin/erasure': ADMIN,
  'GET /api/categories': ALL,
  'POST /api/categories': ADMIN,
  'PATCH /api/categories/:code': ADMIN,
  'GET /api/places': ALL,
  'POST /api/places/municipalities': ADMIN,
  'PATCH /api/places/municipalities/:code': ADMIN,
  'PATCH /api/places/districts/:code': ADMIN,
  'GET /api/subcategories': ALL,
  'POST /api/subcategories': ADMIN,
  'PATCH /api/subcategories/:code': ADMIN,
  'GET /api/record/settings': ALL,
  'PUT /api/record/settings': ADMIN,
  'GET /api/reports/summary': STAFF_LEADS,
  'GET /api/reports/baseline': STAFF_LEADS,
  'PUT /api/reports/baseline': ADMIN,
  'GET /api/reports/category-mapping': STAFF_LEADS,
  'PUT /api/reports/category-mapping': ADMIN,
  'GET /api/reports/annual/:year/tables/:name.csv': STAFF_LEADS,
  // The printable yearly report: a server-rendered page behind the session.
  'GET /reports/annual/:year': STAFF_LEADS,
  'GET /api/outcome-templates': ALL,
  'PUT /api/outcome-templates/:outcome/:language': STAFF_LEADS,
  'GET /api/cases/:id/outcome': ALL,
  'POST /api/cases/:id/outcome': ALL,
  'GET /api/institutions': ALL,
  'POST /api/institutions': ADMIN,
  'PATCH /api/institutions/:code': ADMIN,
  'GET /api/cases/:id/referral-draft': ALL,
  'GET /api/cases/:id/referrals': ALL,
  'POST /api/cases/:id/referrals': ALL,
  'PATCH /api/referrals/:id': ALL,
  'POST /api/referrals/:id/retry': ALL,
  'GET /api/referrals': STAFF_LEADS,
  'GET /api/urls': ALL,
  'GET /api/urls/export': STAFF_LEADS,
  'GET /api/urls/stats': STAFF_LEADS,
  'GET /api/urls/:id': ALL,
  'PATCH /api/urls/:id': ALL,
  'POST /api/urls/:id/actions': ALL,
  'GET /api/url-platforms': ALL,
  'POST /api/url-platforms': ADMIN,
  'PATCH /api/url-platforms/:code': ADMIN,
  'POST /api/calls/manual': ALL,
  'PATCH /api/calls/manual/:callId': ALL,
  'POST /api/calls/import': STAFF_LEADS,
  'GET /api/calls/caller': ALL,
  'GET /api/calls/do-not-call': ALL,
  'POST /api/calls/do-not-call': STAFF_LEADS,
  'GET /api/calls/:callId': ALL,
  'GET /api/callbacks': ALL,
  'GET /api/callbacks/:id': ALL,
  'PATCH /api/callbacks/:id': ALL,
  'POST /api/callbacks/:id/attempts': ALL,
  'GET /api/channels/meta/window': ALL,
  'GET /api/channels/meta/status': ADMIN,
  'GET /api/channels/email/status': STAFF_LEADS,
  'GET /api/channels/health': ALL,
  'GET /api/cases/:id/triage-feedback': ALL,
  'PUT /api/cases/:id/triage-feedback': ALL,
  'DELETE /api/cases/:id/triage-feedback': ALL,
  'GET /api/triage/feedback': STAFF_LEADS,
  'GET /api/me/availability': ALL,
  'PUT /api/me/availability': ALL,
  'GET /api/on-duty': ALL,
  'GET /api/me/notification-settings': ALL,
  'PUT /api/me/notification-settings': ALL,
  'GET /api/board': STAFF_LEADS,
  'POST /api/handovers': ALL,
  'GET /api/handovers/pending': ALL,
  'POST /api/handovers/:id/acknowledge': ALL,
  'GET /api/handovers': STAFF_LEADS,
  'GET /api/outreach': OUTREACH,
  'POST /api/outreach': OUTREACH,
  'POST /api/outreach/import': OUTREACH,
  'GET /api/outreach/:id': OUTREACH,
  'PATCH /api/outreach/:id': OUTREACH,
  'POST /api/partner/reports': PARTNER,
  'GET /api/partner/reports': PARTNER,
};

/** A concrete request for a route pattern: unknown ids, an empty JSON body. */
function requestFor(route: string): { method: string; path: string } {
  const [verb, pattern] = route.split(' ') as [string, string];
  const path = pattern.replace(/:(\w+)/g, (_m, name: string) =>
    name === 'index' ? '0' : name === 'language' ? 'en' : /id$/i.test(name) ? randomUUID() : 'x',
  );
  return { method: verb === 'USE' ? 'GET' : verb, path };
}

describe('role boundaries on every route and socket event', () => {
  let t: TestKontakt;
  const cookies = {} as Record<Role, string>;
  let routes: string[] = [];
  const signIn = (role: Role) =>
    role === 'admin' ? t.login() : t.login(`${role}@roles.test.kontakt`, `${role} password 1234`);

  beforeAll(async () => {
    t = await startTestKontakt('pglite', {
      LOGIN_RATE_LIMIT: '10000',
      LOGIN_LOCKOUT_ATTEMPTS: '1000',
      // Channels with private routes of their own, so that those are checked too.
      META_APP_SECRET: 'role-boundary-test-secret',
      META_VERIFY_TOKEN: 'role-boundary-verify',
      META_PAGE_ID: '1234567890',
      META_PAGE_ACCESS_TOKEN: 'role-boundary-page-token',
      META_GRAPH_URL: 'http://127.0.0.1:9',
      SMTP_URL: 'smtp://127.0.0.1:9',
      MAIL_FROM: 'kontakt@test.kontakt',
    });
    cookies.admin = await t.login();
    for (const role of ['counselor', 'supervisor', 'educator', 'partner'] as const) {
      const email = `${role}@roles.test.kontakt`;
      const res = await t.api('/api/users', {
        method: 'POST',
        cookie: cookies.admin,
        json: {
          email,
          name: role,
          role,
          password: `${role} password 1234`,
          ...(role === 'partner' && { institution: 'Dom zdravlja Niš' }),
        },
      });
      expect(res.status).toBe(201);
      cookies[role] = await signIn(role);
    }
    routes = registeredRoutes(t.k.app as Express);
  }, 180_000);
  afterAll(async () => t?.cleanup());

  it('has an expectation for every registered route (a new route must be listed here)', () => {
    expect(routes.length).toBeGreaterThan(40);
    const unlisted = routes.filter((r) => !PUBLIC.has(r) && !(r in PRIVATE));
    expect(unlisted).toEqual([]);
  });

  it('the API reference (GET /api/openapi.json) names the same callers for every route', () => {
    const same = (a: readonly string[], b: readonly string[] = []) => [...a].sort().join() === [...b].sort().join();
    const wrong = ROUTE_DOCS.filter((r) => {
      const key = expressKey(r);
      if (PUBLIC.has(key)) return Array.isArray(r.auth) || r.auth === 'metrics';
      if (r.auth === 'metrics') return !same(['admin'], PRIVATE[key]);
      return !Array.isArray(r.auth) || !same(r.auth, PRIVATE[key]);
    }).map(expressKey);
    expect(ROUTE_DOCS.length).toBeGreaterThan(90);
    expect(wrong).toEqual([]);
  });

  it('answers 401 to anonymous callers of every private route', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r in PRIVATE)) {
      const { method, path } = requestFor(route);
      const res = await t.api(path, { method, ...(method !== 'GET' && { json: {} }) });
      if (res.status !== 401) wrong.push(`${route} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  for (const role of ROLES) {
    it(`lets a ${role} call exactly the routes of the role (403 for the rest)`, async () => {
      const wrong: string[] = [];
      for (const route of routes.filter((r) => r in PRIVATE)) {
        const allowed = (PRIVATE[route] as Role[]).includes(role);
        const { method, path } = requestFor(route);
        const res = await t.api(path, { method, cookie: cookies[role], ...(method !== 'GET' && { json: {} }) });
        // Signing out (everywhere) ends the session it was called with: take a new one.
        if (route.startsWith('POST /api/auth/logout')) cookies[role] = await signIn(role);
        const ok = allowed ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === 403;
        if (!ok) wrong.push(`${route} → ${res.status} (expected ${allowed ? 'allowed' : '403'})`);
      }
      expect(wrong).toEqual([]);
      // The role's own session survived the walk.
      expect((await t.api('/api/me', { cookie: cookies[role] })).status).toBe(200);
    }, 120_000);
  }

  it('lets an educator and a partner keep their own language, as every account (their page has the picker)', async () => {
    for (const role of ['educator', 'partner'] as const) {
      const res = await t.api('/api/me/language', { method: 'PUT', cookie: cookies[role], json: { language: 'en' } });
      expect(res.status, role).toBe(204);
      const me = (await (await t.api('/api/me', { cookie: cookies[role] })).json()) as { user: { language: string } };
      expect(me.user.language, role).toBe('en');
    }
  });

  it('refuses sockets without a session and socket events beyond the role', async () => {
    await expect(t.socket('kontakt_sid=not-a-session-token-at-all')).rejects.toThrow();
    const me = (await (await t.api('/api/me', { cookie: cookies.admin })).json()) as { user: { id: string } };
    for (const role of ALL) {
      const s = await t.socket(cookies[role]);
      for (const [event, roles] of Object.entries(SOCKET_EVENT_ROLES)) expect(roles, event).toContain(role);
      const caseId = randomUUID();
      expect(await s.timeout(5000).emitWithAck('case:watch', { caseId })).toMatchObject({ ok: true });
      expect(Array.isArray(await s.timeout(5000).emitWithAck('presence:all'))).toBe(true);
      // Not a room a socket may join by name: another user's private room, or the inbox by a trick.
      expect(await s.timeout(5000).emitWithAck('case:watch', { caseId: `user:${me.user.id}` })).toEqual({ ok: false });
      // Events outside the contract are refused before any handler runs.
      for (const event of ['users:list', 'audit:search', 'stats:export', 'join', '__proto__', 'constructor']) {
        expect(await s.timeout(5000).emitWithAck(event, {})).toEqual({ ok: false, error: 'forbidden' });
      }
      s.disconnect();
    }
  }, 60_000);

  it('gives educators and partners a socket that sends no case event and hears none', async () => {
    for (const [event, roles] of Object.entries(SOCKET_EVENT_ROLES)) {
      expect(roles, event).not.toContain('educator');
      expect(roles, event).not.toContain('partner');
    }
    const counselor = await t.socket(cookies.counselor);
    const outsiders = await Promise.all((['educator', 'partner'] as const).map((r) => t.socket(cookies[r])));
    const heard: string[] = [];
    for (const s of outsiders) s.onAny((event: string) => heard.push(event));
    for (const s of outsiders) {
      expect(await s.timeout(5000).emitWithAck('case:watch', { caseId: randomUUID() })).toEqual({
        ok: false,
        error: 'forbidden',
      });
      expect(await s.timeout(5000).emitWithAck('presence:all')).toEqual({ ok: false, error: 'forbidden' });
    }
    // A new case: every case worker's socket hears it at once.
    const created = nextEvent<{ case: { reference: string } }>(counselor, 'case:created');
    const res = await t.api('/api/reports', { method: 'POST', json: { description: 'Neko preti mom detetu.' } });
    expect(res.status).toBe(202);
    const { reference } = (await res.json()) as { reference: string };
    expect((await created).case.reference).toBe(reference);
    // A round trip on each outsider's socket after that: had the event been sent to it, it would
    // have arrived before this answer (one connection keeps its order).
    for (const s of outsiders) await s.timeout(5000).emitWithAck('case:watch', { caseId: randomUUID() });
    expect(heard).toEqual([]);
    for (const s of [counselor, ...outsiders]) s.disconnect();
  }, 60_000);
});
