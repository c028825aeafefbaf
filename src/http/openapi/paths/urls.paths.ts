import * as urls from '../../routes/urls.schema.ts';
import { ADMIN, ANY_ROLE, LEADS, type RouteDoc } from '../openapi.registry.ts';

const tag = 'Reported URLs';
/** The case workers (ANY_ROLE): every URL route but the export, the figures and the platform list's changes. */
const STAFF = ANY_ROLE;
const noItem = 'No such item, or one the caller may not see (abuse material is for supervisors and admins).';

/** The hotline's URL workflow: items, assessment, actions, export, figures, the platform list. */
export const urlsPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/urls',
    tag,
    auth: STAFF,
    summary: 'Reported URLs: filters (comma-separated or repeated), a part of the link, cursor paging',
    description:
      'Newest report first. Counselors never see restricted items (assessed as csam, or reported in a case with ' +
      'a known-hash match or the "abuse material" tag): not listed, not counted. A link is text, never fetched.',
    query: urls.urlListQuery,
    responses: { 200: '`{ items, nextCursor }`.' },
  },
  {
    method: 'get',
    path: '/api/urls/export',
    tag,
    auth: LEADS,
    summary: 'Assessed items for the police or a partner hotline, as CSV or JSON (audited)',
    description:
      'URL, host, platform, hosting country, assessment, first/last reported, report count, status, actions (kind and time). Nothing about who reported it.',
    query: urls.urlExportQuery,
    responses: { 200: { description: 'A CSV (UTF-8 with BOM) or JSON download.', type: 'text/csv' } },
  },
  {
    method: 'get',
    path: '/api/urls/stats',
    tag,
    auth: LEADS,
    summary: 'Figures: items by assessment, platform, hosting country; time to takedown; open items by age (audited)',
    query: urls.urlStatsQuery,
    responses: {
      200: { description: 'The figures; with `format=csv` a CSV download (UTF-8 with BOM).', type: 'application/json' },
    },
  },
  {
    method: 'get',
    path: '/api/urls/:id',
    tag,
    auth: STAFF,
    summary: 'One item with its reports (case, message, when) and actions (the reading is audited)',
    params: urls.urlIdParam,
    responses: { 200: 'The item.', 404: noItem },
  },
  {
    method: 'patch',
    path: '/api/urls/:id',
    tag,
    auth: STAFF,
    summary: 'Assess an item, enter its hosting country, correct its platform (audited)',
    params: urls.urlIdParam,
    body: urls.urlPatchBody,
    responses: { 200: 'The item.', 404: noItem },
  },
  {
    method: 'post',
    path: '/api/urls/:id/actions',
    tag,
    auth: STAFF,
    summary: 'Record an action: reported to the platform, forwarded, takedown confirmed, still online (audited)',
    params: urls.urlIdParam,
    body: urls.urlActionBody,
    responses: { 201: 'The item with its actions.', 404: noItem },
  },
  {
    method: 'get',
    path: '/api/url-platforms',
    tag,
    auth: STAFF,
    summary: 'Platforms a link is recognised on, with their abuse-report address or form (`all=true`: retired too)',
    query: urls.platformListQuery,
    responses: { 200: '`{ items }`.' },
  },
  {
    method: 'post',
    path: '/api/url-platforms',
    tag,
    auth: ADMIN,
    summary: 'Add a platform; items on no platform whose host is on it join it (audited)',
    body: urls.platformBody,
    responses: { 201: 'The platform.' },
  },
  {
    method: 'patch',
    path: '/api/url-platforms/:code',
    tag,
    auth: ADMIN,
    summary: 'Rename, re-host, change the report address, reorder, retire or bring back a platform (audited)',
    params: urls.platformCodeParam,
    body: urls.platformPatchBody,
    responses: { 200: 'The platform.', 404: 'No such platform.' },
  },
];
