import { Router } from 'express';
import { buildOpenApiDocument } from './openapi.document.ts';

/**
 * `GET /api/openapi.json`, public: the contract integrators of the PBX, the form and the webhooks
 * build against. It describes routes, never data. Built once, on first request.
 */
export function openApiRoutes(): Router {
  let body: string | undefined;
  const r = Router();
  r.get('/api/openapi.json', (_req, res) => {
    body ??= JSON.stringify(buildOpenApiDocument());
    res.set('Cache-Control', 'public, max-age=300').type('application/json').send(body);
  });
  return r;
}
