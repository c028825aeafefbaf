import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOX_CLIENT_PATHS, SCREENS } from '../../src/http/inbox-paths.ts';
import { parseRoute, routeHref } from '../../web-inbox/src/shell/routes.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const MARKER = '<!-- inbox-routes test page -->';

/** A concrete URL for each client path pattern. */
const concrete = (p: string) =>
  p
    .replace(':view', 'mine')
    .replace(':reference', 'KC-2026-000001')
    .replace(':id', '0b0f7a3e-8d4c-4f38-9a53-2f1c0d9e6b11');

describe('the inbox has a URL per screen: the server answers each with the inbox page', () => {
  let t: TestKontakt;
  let cookie: string;
  const inboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-inbox-'));

  beforeAll(async () => {
    fs.writeFileSync(path.join(inboxDir, 'index.html'), `<!doctype html><title>Kontakt</title>${MARKER}`);
    t = await startTestKontakt('pglite', { WEB_INBOX_DIR: inboxDir });
    cookie = await t.login();
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(inboxDir, { recursive: true, force: true });
  });

  it('serves index.html for a deep link to a case, with the same CSP as the inbox', async () => {
    const res = await t.api('/cases/KC-2026-000001', { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain(MARKER);
    const root = await t.api('/', { cookie });
    expect(root.headers.get('content-security-policy')).toBe(res.headers.get('content-security-policy'));
    // The start page is the same page: the same handler, so the same caching (always revalidated).
    expect(root.headers.get('cache-control')).toBe(res.headers.get('cache-control'));
    expect(await root.text()).toContain(MARKER);
  });

  it('serves it for every client path, and each is a screen the inbox router knows', async () => {
    for (const p of INBOX_CLIENT_PATHS) {
      const url = concrete(p);
      const res = await t.api(p === '/search' ? `${url}?q=nasilje` : url);
      expect(res.status, url).toBe(200);
      expect(await res.text(), url).toContain(MARKER);
      const [pathname, search] = (p === '/search' ? `${url}?q=nasilje` : url).split('?');
      expect(parseRoute(pathname ?? '', search ? `?${search}` : ''), url).not.toEqual({ name: 'inbox', view: null });
    }
    // And the other way: every screen the router has is a path the server answers.
    for (const screen of SCREENS) {
      const href = routeHref({ name: 'screen', screen });
      expect(INBOX_CLIENT_PATHS, screen).toContain(href);
      expect((await t.api(href)).status, href).toBe(200);
    }
  });

  it('keeps the API, the socket, the form, webhooks, health, metrics and the queue dashboard their own', async () => {
    const nope = await t.api('/api/nope', { cookie });
    expect(nope.status).toBe(404);
    expect(await nope.json()).toEqual({ error: 'not_found' });
    expect(await (await t.api('/api/cases/KC-2026-000001')).text()).not.toContain(MARKER);
    for (const p of ['/report', '/healthz', '/metrics', '/admin/queues', '/webhooks/meta', '/socket.io/?EIO=4']) {
      expect(await (await t.api(p)).text(), p).not.toContain(MARKER);
    }
    // Only the known shapes: an unknown path is not the inbox.
    expect((await t.api('/cases/KC-2026-000001/extra')).status).toBe(404);
    expect((await t.api('/admin/other')).status).toBe(404);
  });

  it('opens a case by its reference (same read, same audit), 404 for an unknown one, 400 for a bad one', async () => {
    const res = await t.api('/api/reports', { method: 'POST', json: { description: 'veza po broju predmeta' } });
    const { reference } = (await res.json()) as { reference: string };
    const caseId = await eventually(async () => {
      const list = (await (await t.api(`/api/cases?q=${reference}`, { cookie })).json()) as { items: { id: string }[] };
      return list.items[0]?.id;
    });
    const byRef = await t.api(`/api/cases/by-reference/${reference}`, { cookie });
    expect(byRef.status).toBe(200);
    expect(await byRef.json()).toMatchObject({ id: caseId, reference });
    const views = (await (await t.api(`/api/audit?action=case.view&entityId=${caseId}`, { cookie })).json()) as {
      items: { action: string; entityId: string }[];
    };
    expect(views.items).toEqual([expect.objectContaining({ action: 'case.view', entityId: caseId })]);

    expect((await t.api('/api/cases/by-reference/KC-1999-999999', { cookie })).status).toBe(404);
    const bad = await t.api('/api/cases/by-reference/DROP%20TABLE', { cookie });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('reference');
    expect((await t.api(`/api/cases/by-reference/${reference}`)).status).toBe(401);
  });
});
