import { z } from 'zod';
import { INBOX_CLIENT_PATHS } from '../../inbox-paths.ts';
import * as deadLetters from '../../routes/admin.routes.ts';
import { erasureBody } from '../../routes/retention.routes.ts';
import { ADMIN, openApiPath, type RouteDoc } from '../openapi.registry.ts';

const tag = 'Operations';
const text = (description: string) => ({ description, type: 'text/plain' });

/** Health, metrics, queues, dead letters, retention and erasure; the root page and this reference. */
export const operationsPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/',
    tag,
    auth: 'public',
    summary: 'The web inbox (HTML); before `npm run build`, a plain-text note saying so',
    description: 'The page holds nothing private: every datum comes from `/api` with the session.',
    responses: { 200: { description: 'The inbox page, or the note.', type: 'text/html' } },
  },
  // The inbox's own screens: the same page, whose router shows the screen once the session is known.
  ...INBOX_CLIENT_PATHS.map(
    (path): RouteDoc => ({
      method: 'get',
      path,
      tag,
      auth: 'public',
      summary: `The web inbox page, opened at its screen ${openApiPath(path)}`,
      unchecked: true,
      ...(path.includes(':') && {
        params: z.object(Object.fromEntries([...path.matchAll(/:(\w+)/g)].map((m) => [m[1], z.string()]))),
      }),
      responses: {
        200: { description: 'The inbox page (the same for every screen), or the note.', type: 'text/html' },
      },
    }),
  ),
  {
    method: 'get',
    path: '/api/openapi.json',
    tag,
    auth: 'public',
    summary: 'This API reference (OpenAPI 3.1), generated from the route schemas',
    responses: { 200: 'The OpenAPI document.' },
  },
  {
    method: 'get',
    path: '/healthz',
    tag,
    auth: 'public',
    summary: 'Liveness for a load balancer: `{ status: "ok" }` or 503 `{ status: "degraded" }`, nothing more',
    responses: { 200: '`{ status: "ok" }`.', 503: 'A dependency is down: `{ status: "degraded" }`.' },
  },
  {
    method: 'get',
    path: '/api/health',
    tag,
    auth: ADMIN,
    summary: 'The same, with every probe named, its time or its error',
    responses: { 200: '`{ status, checks }`.', 503: 'A dependency is down: `{ status: "degraded", checks }`.' },
  },
  {
    method: 'get',
    path: '/metrics',
    tag,
    auth: 'metrics',
    summary: 'Prometheus metrics: the METRICS_TOKEN as a bearer token, or an admin session',
    responses: { 200: text('Prometheus text exposition format.') },
  },
  {
    method: 'get',
    path: '/admin/queues',
    mount: '/admin/queues',
    tag,
    auth: ADMIN,
    summary: 'Bull Board, the queue dashboard (HTML, with its own API under this path)',
    responses: { 200: { description: 'The dashboard page.', type: 'text/html' } },
  },
  {
    method: 'get',
    path: '/api/admin/dead-letters',
    tag,
    auth: ADMIN,
    summary: 'Jobs that failed after their retries, with the reason',
    query: deadLetters.listQuery,
    responses: { 200: '`{ items }`.' },
  },
  {
    method: 'get',
    path: '/api/admin/dead-letters/:id/payload',
    tag,
    auth: ADMIN,
    summary: "A dead letter's raw payload, as a download (audited before a byte is sent)",
    params: deadLetters.idParam,
    responses: {
      200: {
        description: 'The payload bytes; the original type is in `X-Original-Content-Type`.',
        type: 'application/octet-stream',
      },
      404: 'No such dead letter.',
    },
  },
  {
    method: 'post',
    path: '/api/admin/dead-letters/:id/replay',
    tag,
    auth: ADMIN,
    summary: 'Queue a dead letter again',
    params: deadLetters.idParam,
    responses: {
      202: 'Queued again.',
      404: 'No such dead letter.',
      409: 'Already replayed (`already_replayed`), or nothing to replay (`not_replayable`).',
    },
  },
  {
    method: 'get',
    path: '/api/admin/retention/preview',
    tag,
    auth: ADMIN,
    summary: 'Dry run: what the retention run would erase now',
    responses: { 200: 'Counts and a list of the cases it would erase.' },
  },
  {
    method: 'get',
    path: '/api/admin/retention/runs',
    tag,
    auth: ADMIN,
    summary: 'The log of retention runs',
    responses: { 200: '`{ runs }`.' },
  },
  {
    method: 'post',
    path: '/api/admin/retention/run',
    tag,
    auth: ADMIN,
    summary: 'Run retention now (queued like the daily run, so it runs once, on a worker)',
    responses: { 202: '`{ jobId }`.' },
  },
  {
    method: 'post',
    path: '/api/admin/erasure',
    tag,
    auth: ADMIN,
    summary: "Erase a case, or a contact and all their cases, on request (e.g. the reporter's)",
    body: erasureBody,
    responses: { 200: 'What was erased.', 404: 'No such case or contact.', 409: 'Under legal hold.' },
  },
];
