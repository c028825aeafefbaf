import * as audit from '../../routes/audit.routes.ts';
import * as reveals from '../../routes/reveal-counts.routes.ts';
import * as stats from '../../routes/stats.routes.ts';
import * as taxonomy from '../../routes/taxonomy.routes.ts';
import { ADMIN, ANY_ROLE, LEADS, type RouteDoc } from '../openapi.registry.ts';

/** Audit log, statistics, reveal counts (staff welfare) and the category taxonomy. */
export const oversightPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/audit',
    tag: 'Oversight',
    auth: LEADS,
    summary: 'Search the audit log (the search itself is audited)',
    query: audit.query,
    responses: { 200: '`{ items, nextBefore }`: newest first; page on with `before`.' },
  },
  {
    method: 'get',
    path: '/api/stats',
    tag: 'Oversight',
    auth: LEADS,
    summary: "The centre's figures over a period (default: this year so far), as JSON or CSV (audited)",
    query: stats.query,
    responses: {
      200: { description: 'The figures; with `format=csv` a CSV download (UTF-8 with BOM).', type: 'application/json' },
    },
  },
  {
    method: 'get',
    path: '/api/reveals',
    tag: 'Oversight',
    auth: LEADS,
    summary: 'How many attachments each counselor revealed over a period (staff welfare)',
    query: reveals.periodQuery,
    responses: { 200: 'Counts per counselor.' },
  },
  {
    method: 'get',
    path: '/api/me/reveals',
    tag: 'Oversight',
    auth: ANY_ROLE,
    summary: 'How many attachments you revealed',
    responses: { 200: 'Your counts.' },
  },
  {
    method: 'get',
    path: '/api/categories',
    tag: 'Taxonomy',
    auth: ANY_ROLE,
    summary: 'The case categories, with labels in sr-Latn, sr-Cyrl and en',
    responses: { 200: '`{ items }`.' },
  },
  {
    method: 'post',
    path: '/api/categories',
    tag: 'Taxonomy',
    auth: ADMIN,
    summary: 'Add a category (a missing sr-Cyrl label is transliterated from sr-Latn)',
    body: taxonomy.categoryAddBody,
    responses: { 201: 'The category.' },
  },
  {
    method: 'patch',
    path: '/api/categories/:code',
    tag: 'Taxonomy',
    auth: ADMIN,
    summary: 'Relabel, retire or bring back a category',
    params: taxonomy.categoryCodeParam,
    body: taxonomy.categoryPatchBody,
    responses: { 200: 'The category.', 404: 'No such category.' },
  },
];
