import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ROUTE_DOCS } from '../../src/http/openapi/openapi.document.ts';
import { at, newCall, postCall, startPhoneKontakt } from '../fixtures/phone/phone-test-kit.ts';
import { eventually, type TestKontakt } from '../helpers/kontakt.ts';

/**
 * The schema the OpenAPI document gives for this route's answer: the one the server's types and
 * the inbox's types are inferred from.
 */
function documented(method: string, path: string, status: number): z.ZodType {
  const doc = ROUTE_DOCS.find((r) => r.method === method && r.path === path);
  const answer = doc?.responses[status];
  if (!answer || typeof answer === 'string' || !answer.schema)
    throw new Error(`${method.toUpperCase()} ${path} documents no schema for ${status}`);
  return answer.schema;
}

/*
 * Real answers of the running server, each checked against the schema its route documents. The
 * schemas are strict: a field the server sends but the schema (and so the inbox's type) lacks
 * fails here, as does a field the schema promises and the server leaves out.
 */
describe('REST answers match the schemas their types come from (postgres)', () => {
  let t: TestKontakt;
  let admin: string;
  let caseId: string;
  let reference: string;

  /** Call the route, expect `status`, and check the body against its documented schema. */
  const answer = async (
    method: 'get' | 'post' | 'put' | 'patch',
    pattern: string,
    url: string,
    status: number,
    json?: unknown,
    headers?: Record<string, string>,
  ) => {
    const res = await t.api(url, {
      method: method.toUpperCase(),
      cookie: admin,
      ...(json !== undefined && { json }),
      ...(headers && { headers }),
    });
    const body: unknown = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(status);
    const parsed = documented(method, pattern, status).safeParse(body);
    expect(parsed.error?.issues ?? [], `${method.toUpperCase()} ${url}`).toEqual([]);
    return body as Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await startPhoneKontakt('postgres', { PUBLIC_URL: 'https://kontakt.example.org/' });
    admin = await t.login();
    const res = await t.api('/api/reports', {
      method: 'POST',
      json: { description: 'Neko mi šalje pretnje.', category: 'integrity', email: 'dete@example.org' },
    });
    reference = ((await res.json()) as { reference: string }).reference;
    caseId = await eventually(async () => {
      const page = (await (await t.api(`/api/cases?q=${reference}`, { cookie: admin })).json()) as {
        items: { id: string }[];
      };
      return page.items[0]?.id;
    });
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it('cases: the list, a case by id and by reference, a change, a note, tags, extras, canned texts', async () => {
    const page = await answer('get', '/api/cases', '/api/cases?view=open', 200);
    expect((page.items as { id: string }[]).map((c) => c.id)).toContain(caseId);
    const detail = await answer('get', '/api/cases/:id', `/api/cases/${caseId}`, 200);
    expect((detail.messages as unknown[]).length).toBe(1);
    await answer('get', '/api/cases/by-reference/:reference', `/api/cases/by-reference/${reference}`, 200);
    await answer('patch', '/api/cases/:id', `/api/cases/${caseId}`, 200, { priority: 'high', assigneeId: null });
    await answer('post', '/api/cases/:id/messages', `/api/cases/${caseId}/messages`, 201, {
      kind: 'note',
      text: 'Proveriti sa roditeljima.',
    });
    await answer('put', '/api/cases/:id/tags', `/api/cases/${caseId}/tags`, 200, { tags: ['pretnje'] });
    const extras = await answer('get', '/api/cases/:id/extras', `/api/cases/${caseId}/extras`, 200);
    expect(extras.history).not.toEqual([]);
    const canned = await answer('get', '/api/canned-responses', '/api/canned-responses', 200);
    expect(canned.items).not.toEqual([]);
    await answer('post', '/api/canned-responses', '/api/canned-responses', 201, {
      title: 'Hvala',
      body: 'Hvala što ste nam se javili.',
      language: 'sr-Latn',
    });
  });

  it('referrals: institutions, a draft, a referral made, listed and moved on', async () => {
    const institutions = await answer('get', '/api/institutions', '/api/institutions?all=true', 200);
    const code = (institutions.items as { code: string }[])[0]?.code;
    await answer(
      'get',
      '/api/cases/:id/referral-draft',
      `/api/cases/${caseId}/referral-draft?includeContact=false`,
      200,
    );
    const made = await answer('post', '/api/cases/:id/referrals', `/api/cases/${caseId}/referrals`, 201, {
      institution: code,
      summary: 'Pretnje preko poruka.',
      includeContact: false,
      delivery: 'other',
      otherMeans: 'phone',
    });
    await answer('get', '/api/cases/:id/referrals', `/api/cases/${caseId}/referrals`, 200);
    await answer('patch', '/api/referrals/:id', `/api/referrals/${made.id}`, 200, { status: 'acknowledged' });
    const listed = await answer('get', '/api/referrals', '/api/referrals', 200);
    expect((listed.items as { id: string }[]).map((r) => r.id)).toContain(made.id);
    await answer('patch', '/api/institutions/:code', `/api/institutions/${code}`, 200, { position: 7 });
  });

  it('accounts: the signed-in user, the admins’ list, an invitation, a change, a new link', async () => {
    await answer('get', '/api/me', '/api/me', 200);
    const created = await answer('post', '/api/users', '/api/users', 201, {
      email: 'nova@test.kontakt',
      name: 'Nova',
      role: 'counselor',
    });
    const id = (created.user as { id: string }).id;
    await answer('get', '/api/users', '/api/users', 200);
    await answer('patch', '/api/users/:id', `/api/users/${id}`, 200, { role: 'supervisor' });
    await answer('post', '/api/users/:id/link', `/api/users/${id}/link`, 201, {});
  });

  it('phone: a call logged by hand, the caller, the callback tasks, an import report', async () => {
    const logged = await answer(
      'post',
      '/api/calls/manual',
      '/api/calls/manual',
      202,
      { number: '064 140 0001', durationSec: 90, category: 'integrity', notes: 'Razgovor.' },
      { 'idempotency-key': 'rest-schemas-1' },
    );
    expect(logged.duplicate).toBe(false);
    const missed = newCall({ from: '064 140 0001', outcome: 'missed' });
    await postCall(t, { ...missed, endedAt: at(missed.startedAt, 20) });
    const tasks = await eventually(async () => {
      const list = await answer('get', '/api/callbacks', '/api/callbacks', 200);
      return (list.items as { id: string }[]).length > 0 ? (list.items as { id: string }[]) : null;
    });
    await answer('get', '/api/callbacks/:id', `/api/callbacks/${tasks[0]?.id}`, 200);
    const caller = await answer('get', '/api/calls/caller', '/api/calls/caller?number=064%20140%200001', 200);
    expect((caller.calls as unknown[]).length).toBe(2);
    expect(caller.callback).not.toBeNull();
    const csv =
      'callId,line,from,to,direction,startedAt,outcome\nimp-1,19833,0641400002,19833,inbound,2026-01-05T10:00:00Z,missed\n';
    await answer('post', '/api/calls/import', '/api/calls/import', 200, { format: 'generic', csv });
  });
});
