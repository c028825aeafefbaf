import { z } from 'zod';
import type {
  ZodOpenApiOperationObject,
  ZodOpenApiPathsObject,
  ZodOpenApiResponseObject,
  ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { ROLES, type Role, STAFF_ROLES } from '../../domain/taxonomy.ts';

/**
 * One route as integrators see it, described once beside the schemas the route validates with.
 * `path` is the express pattern the route is registered under (`/api/cases/:id`), so the test can
 * hold it against express's own router stack.
 */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** For an express `use` mount (static files, the queue dashboard): the prefix it is mounted at. */
  mount?: string;
  summary: string;
  description?: string;
  tag: string;
  auth: Auth;
  params?: z.ZodType<unknown, Record<string, unknown>>;
  query?: z.ZodType<unknown, Record<string, unknown>>;
  headers?: z.ZodType<unknown, Record<string, unknown>>;
  /** A JSON body, or the same fields in other encodings too (a PBX's or a plain HTML form's post). */
  body?: z.ZodType | { types: readonly string[]; schema: z.ZodType; description?: string };
  responses: Record<number, string | ResponseDoc>;
  /** The path parameters are not validated (a page whose browser router reads them): no 400. */
  unchecked?: true;
}

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Content type of the answer; JSON when a schema is given and nothing else is said. */
  type?: string;
}

/**
 * Who may call a route: anyone (`public`: the form, sign-in, the one-time links), a signed-in
 * session with one of the roles, a PBX's bearer token, Meta's signature, or the metrics token.
 */
export type Auth = 'public' | 'pbx' | 'metaSignature' | 'metrics' | readonly Role[];

/**
 * The case workers (counselor, supervisor, admin): every case route. The name predates educators
 * and partners, who are not case workers; a route for every signed-in account uses SIGNED_IN.
 */
export const ANY_ROLE: readonly Role[] = STAFF_ROLES;
/** Every account whatever its role: its own session, password, second factor, language. */
export const SIGNED_IN: readonly Role[] = ROLES;
export const LEADS: readonly Role[] = ['supervisor', 'admin'];
export const ADMIN: readonly Role[] = ['admin'];

/** The one error shape of this API; `fields` on 400 names each field that was refused. */
export const apiError = z
  .object({
    error: z.string().meta({ description: 'machine-readable code: validation, not_found, forbidden, …' }),
    message: z.string().optional(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    retryAfterSec: z.number().int().optional(),
  })
  .meta({ id: 'Error' });

const error = (description: string): ZodOpenApiResponseObject => ({
  description,
  content: { 'application/json': { schema: apiError } },
});

/** How express lists the route: `GET /api/cases/:id`, or `USE /admin/queues` for a mount. */
export const expressKey = (r: RouteDoc) => (r.mount ? `USE ${r.mount}` : `${r.method.toUpperCase()} ${r.path}`);

/** Express `:name` segments become OpenAPI `{name}`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

const operationId = (r: RouteDoc) =>
  r.method +
  r.path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((s) => s[0]?.toUpperCase() + s.slice(1))
    .join('');

function security(auth: Auth): ZodOpenApiOperationObject['security'] {
  if (auth === 'public') return [];
  if (auth === 'pbx') return [{ pbxToken: [] }];
  if (auth === 'metaSignature') return [{ metaSignature: [] }];
  if (auth === 'metrics') return [{ metricsToken: [] }, { sessionCookie: [] }];
  return [{ sessionCookie: [] }];
}

/** A bare description is enough: a 4xx answers the error shape, a 2xx says in words what it holds. */
function response(code: number, doc: string | ResponseDoc): ZodOpenApiResponseObject {
  if (typeof doc === 'string') return code >= 400 ? error(doc) : { description: doc };
  if (!doc.schema && !doc.type) return { description: doc.description };
  return {
    description: doc.description,
    content: { [doc.type ?? 'application/json']: { schema: doc.schema ?? { type: 'string' } } },
  };
}

/** The answers every route of a kind gives besides its own: refused input, no session, wrong role. */
function commonResponses(r: RouteDoc): ZodOpenApiResponsesObject {
  const out: ZodOpenApiResponsesObject = {};
  if (!r.unchecked && (r.params || r.query || r.body))
    out['400'] = error('Refused input: `fields` names each field and why.');
  if (Array.isArray(r.auth)) {
    out['401'] = error('No valid session.');
    if (r.auth.length < ROLES.length) out['403'] = error(`Signed in, but not as ${r.auth.join(' or ')}.`);
  }
  if (r.auth === 'metrics') {
    out['401'] = error('Neither the metrics token nor a session.');
    out['403'] = error('Signed in, but not as admin.');
  }
  return out;
}

function operation(r: RouteDoc): ZodOpenApiOperationObject {
  const roles = Array.isArray(r.auth) ? (r.auth as readonly Role[]) : undefined;
  const own = Object.fromEntries(Object.entries(r.responses).map(([code, doc]) => [code, response(+code, doc)]));
  const body = r.body && !(r.body instanceof z.ZodType) ? r.body : undefined;
  return {
    operationId: operationId(r),
    summary: r.summary,
    ...(r.description && { description: r.description }),
    tags: [r.tag],
    security: security(r.auth),
    ...(roles && { 'x-roles': [...roles] }),
    ...((r.params || r.query || r.headers) && {
      requestParams: {
        ...(r.params && { path: r.params }),
        ...(r.query && { query: r.query }),
        ...(r.headers && { header: r.headers }),
      },
    }),
    ...(r.body && {
      requestBody: body
        ? {
            required: true,
            ...(body.description && { description: body.description }),
            content: Object.fromEntries(body.types.map((type) => [type, { schema: body.schema }])),
          }
        : { required: true, content: { 'application/json': { schema: r.body as z.ZodType } } },
    }),
    responses: { ...commonResponses(r), ...own } as ZodOpenApiResponsesObject,
  };
}

/** Route descriptions → OpenAPI paths; a (method, path) described twice is a mistake caught here. */
export function toPaths(routes: readonly RouteDoc[]): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const r of routes) {
    const path = openApiPath(r.path);
    if (path !== r.path && !r.params) throw new Error(`OpenAPI: ${r.path} needs its path parameters described`);
    const item = paths[path] ?? {};
    paths[path] = item;
    if (item[r.method]) throw new Error(`OpenAPI: ${r.method.toUpperCase()} ${r.path} is described twice`);
    item[r.method] = operation(r);
  }
  return paths;
}
