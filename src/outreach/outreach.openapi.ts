import type { RouteDoc } from '../http/openapi/openapi.registry.ts';
import { OUTREACH_KEEPERS } from './outreach.routes.ts';
import { activityBody, activityIdParam, activityListQuery, activityPatch, importBody } from './outreach.schema.ts';

const tag = 'Outreach';

/** The education team's register: educators keep it, supervisors and admins too. */
export const outreachPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/outreach',
    tag,
    auth: OUTREACH_KEEPERS,
    summary: 'Activities, newest first, filtered by period, kind, municipality and institution',
    description:
      'Municipality and institution match whatever the case, script (Latin or Cyrillic) or diacritics. ' +
      'Page on with `cursor` = the `next` of the page before (null on the last page).',
    query: activityListQuery,
    responses: { 200: '`{ items, next }`.' },
  },
  {
    method: 'post',
    path: '/api/outreach',
    tag,
    auth: OUTREACH_KEEPERS,
    summary: 'Record an activity (audited)',
    body: activityBody,
    responses: { 201: 'The activity.' },
  },
  {
    method: 'post',
    path: '/api/outreach/import',
    tag,
    auth: OUTREACH_KEEPERS,
    summary: 'Import a spreadsheet saved as CSV: every row or none (audited)',
    description:
      'The header row names the columns in Serbian (Latin or Cyrillic) or English; see docs/outreach.md. ' +
      'A file with any bad row is refused with `rows: [{ row, field, message }]` (row = line of the file) ' +
      'and nothing is stored. Up to 10,000 activities and 5 MB of text.',
    body: importBody,
    responses: { 201: '`{ imported }`: how many activities were stored.' },
  },
  {
    method: 'get',
    path: '/api/outreach/:id',
    tag,
    auth: OUTREACH_KEEPERS,
    summary: 'One activity',
    params: activityIdParam,
    responses: { 200: 'The activity.', 404: 'No such activity.' },
  },
  {
    method: 'patch',
    path: '/api/outreach/:id',
    tag,
    auth: OUTREACH_KEEPERS,
    summary: 'Correct an activity: any of its fields (audited with before and after)',
    params: activityIdParam,
    body: activityPatch,
    responses: { 200: 'The activity.', 404: 'No such activity.' },
  },
];
