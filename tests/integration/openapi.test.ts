import { Validator } from '@seriousme/openapi-schema-validator';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_DOCS } from '../../src/http/openapi/openapi.document.ts';
import { expressKey, openApiPath } from '../../src/http/openapi/openapi.registry.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { registeredRoutes } from '../helpers/registered-routes.ts';

type Doc = { openapi: string; paths: Record<string, Record<string, { responses?: unknown }>> };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

describe('GET /api/openapi.json: the API reference, generated from the route schemas', () => {
  let t: TestKontakt;
  let doc: Doc;
  let routes: string[];

  beforeAll(async () => {
    // Every channel configured, so that every route the app can have is registered.
    t = await startTestKontakt('pglite', {
      META_APP_SECRET: 'openapi-test-secret',
      META_VERIFY_TOKEN: 'openapi-verify',
      META_PAGE_ID: '1234567890',
      META_PAGE_ACCESS_TOKEN: 'openapi-page-token',
      META_GRAPH_URL: 'http://127.0.0.1:9',
      SMTP_URL: 'smtp://127.0.0.1:9',
      MAIL_FROM: 'kontakt@test.kontakt',
    });
    routes = registeredRoutes(t.k.app as Express);
    const res = await t.api('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = (await res.json()) as Doc;
  }, 180_000);
  afterAll(async () => t?.cleanup());

  it('is served without a session, as OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  it('describes every route the app registers, and none it does not', () => {
    expect(routes.length).toBeGreaterThan(90);
    const described = ROUTE_DOCS.map(expressKey).sort();
    expect(routes.filter((r) => !described.includes(r))).toEqual([]);
    expect(described.filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('serves exactly the described operations', () => {
    const served = Object.entries(doc.paths)
      .flatMap(([p, item]) =>
        Object.keys(item)
          .filter((m) => METHODS.includes(m))
          .map((m) => `${m} ${p}`),
      )
      .sort();
    expect(served).toEqual(ROUTE_DOCS.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
  });

  it('is a valid OpenAPI 3.1 document (checked by a validator, which does refuse a broken one)', async () => {
    const result = await new Validator().validate(structuredClone(doc) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const broken = structuredClone(doc) as Doc & { paths: Record<string, Record<string, { parameters?: unknown }>> };
    // A parameter in no place a parameter can be: the validator must say so.
    (broken.paths['/api/me']?.get as { parameters?: unknown }).parameters = [{ name: 'x', in: 'nowhere' }];
    expect((await new Validator().validate(broken as Record<string, unknown>)).valid).toBe(false);
  });

  it('declares every path template parameter, and no other path parameter', () => {
    const wrong: string[] = [];
    for (const [p, item] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(item)) {
        const declared = ((op as { parameters?: { in: string; name: string }[] }).parameters ?? [])
          .filter((x) => x.in === 'path')
          .map((x) => x.name)
          .sort();
        const templated = [...p.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
        if (JSON.stringify(declared) !== JSON.stringify(templated)) wrong.push(`${m} ${p}`);
      }
    expect(wrong).toEqual([]);
  });

  it('renders the schema a route validates with: the case reply body, with its limits', () => {
    const op = doc.paths['/api/cases/{id}/messages']?.post as unknown as {
      requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
      parameters: { name: string; in: string }[];
    };
    const body = op.requestBody.content['application/json'].schema;
    expect(body.properties.kind).toEqual({ type: 'string', enum: ['note', 'reply'] });
    expect(body.properties.text).toMatchObject({ type: 'string', maxLength: 20_000 });
    expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path' }));
  });

  it('names the session cookie sign-in really sets', async () => {
    const schemes = (doc as unknown as { components: { securitySchemes: Record<string, { name?: string }> } })
      .components.securitySchemes;
    const cookie = await t.login();
    expect(cookie.split('=')[0]).toBe(schemes.sessionCookie?.name);
  });
});
