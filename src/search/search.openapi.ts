import { ANY_ROLE, type RouteDoc } from '../http/openapi/openapi.registry.ts';
import {
  savedSearchBody,
  savedSearchIdParam,
  savedSearchPatch,
  savedSearchSchema,
  searchPageSchema,
  searchQuery,
} from './search.schema.ts';

const tag = 'Search';
const notFound = 'No saved search of yours with that id.';
const saved = { description: 'The saved search.', schema: savedSearchSchema };

/** One search over everything a case worker may see, and their saved searches. */
export const searchPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/search',
    tag,
    auth: ANY_ROLE,
    summary: 'Search cases in both scripts: text and filters, by relevance or newest, with highlighted snippets',
    description:
      'Every word must match the beginning of a word somewhere in the case (reference, subject, message and note ' +
      'texts, form fields and reported links, contact names, e-mail addresses, phone numbers in any written form, ' +
      'Facebook/Instagram names, tags); Latin and Cyrillic, with or without diacritics, match each other. A quoted ' +
      'phrase matches its words in a row. Filters narrow by the case (any of a list; `tags`: every tag). Relevance ' +
      'lists first the cases whose own reference, contact or tags match, then the rest, newest activity first in ' +
      'each. Cases a role may not see (for counselors, those with known abuse material) are never found nor ' +
      'counted. Each search is audited (`case.search`: query, filters, number of results). `nextCursor` may come ' +
      'with fewer than `limit` results when a query of common words stopped after looking at about 3,200 cases: ask again with it.',
    query: searchQuery,
    responses: { 200: { description: 'One page of results.', schema: searchPageSchema } },
  },
  {
    method: 'get',
    path: '/api/saved-searches',
    tag,
    auth: ANY_ROLE,
    summary: 'Your saved searches, oldest first',
    responses: { 200: '`{ items: [{ id, name, query, createdAt, updatedAt }] }`.' },
  },
  {
    method: 'post',
    path: '/api/saved-searches',
    tag,
    auth: ANY_ROLE,
    summary: 'Save a search (its text, filters and order) under a name (audited)',
    body: savedSearchBody,
    responses: { 201: saved },
  },
  {
    method: 'patch',
    path: '/api/saved-searches/:id',
    tag,
    auth: ANY_ROLE,
    summary: 'Rename a saved search or change its query (audited)',
    params: savedSearchIdParam,
    body: savedSearchPatch,
    responses: { 200: saved, 404: notFound },
  },
  {
    method: 'delete',
    path: '/api/saved-searches/:id',
    tag,
    auth: ANY_ROLE,
    summary: 'Remove a saved search (audited)',
    params: savedSearchIdParam,
    responses: { 204: 'Removed.', 404: notFound },
  },
];
