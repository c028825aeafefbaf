import { Router } from 'express';
import type { SavedSearchService } from '../domain/saved-search.service.ts';
import type { SearchFilters, SearchService } from '../domain/search.service.ts';
import { STAFF_ROLES } from '../domain/taxonomy.ts';
import { actorOf, requireRole } from '../http/session.ts';
import { savedSearchBody, savedSearchIdParam, savedSearchPatch, searchQuery } from './search.schema.ts';

/** Search over every case the signed-in case worker may see, and their saved searches. */
export function searchRoutes(search: SearchService, saved: SavedSearchService): Router {
  const r = Router();
  const staff = requireRole(...STAFF_ROLES);

  r.get('/api/search', staff, async (req, res) => {
    const { q, limit, cursor, sort, assignee, hasAttachments, ...rest } = searchQuery.parse(req.query);
    const actor = actorOf(req);
    const filters: SearchFilters = Object.fromEntries(
      Object.entries({
        ...rest,
        assignee: assignee === 'me' ? actor.id : assignee,
        hasAttachments: hasAttachments === undefined ? undefined : hasAttachments === 'true',
      }).filter(([, v]) => v !== undefined),
    );
    res.json(await search.search(actor, { q, filters, sort, limit, ...(cursor && { cursor }) }));
  });

  r.get('/api/saved-searches', staff, async (req, res) => {
    res.json({ items: await saved.list(actorOf(req)) });
  });

  r.post('/api/saved-searches', staff, async (req, res) => {
    const body = savedSearchBody.parse(req.body);
    res.status(201).json(await saved.create(actorOf(req), body.name, body.query));
  });

  r.patch('/api/saved-searches/:id', staff, async (req, res) => {
    const { id } = savedSearchIdParam.parse(req.params);
    const patch = savedSearchPatch.parse(req.body);
    res.json(
      await saved.update(actorOf(req), id, {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.query !== undefined && { query: patch.query }),
      }),
    );
  });

  r.delete('/api/saved-searches/:id', staff, async (req, res) => {
    const { id } = savedSearchIdParam.parse(req.params);
    await saved.remove(actorOf(req), id);
    res.status(204).end();
  });

  return r;
}
