import { ANY_ROLE, type RouteDoc } from '../http/openapi/openapi.registry.ts';
import { HANDOVER_SEARCHERS } from './handover.routes.ts';
import { handoverBody, handoverIdParam, handoverListQuery } from './shift.schema.ts';

const tag = 'Shift';
const handover =
  '`{ id, author: { id, name }, note, open: { urgentCases, callbacks, overdueReferrals }, createdAt, ' +
  'acknowledged: { by, at } | null }`; `open` lists by reference only (no words, no phone numbers).';

/** Shift handovers. */
export const handoverPaths: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/handovers',
    tag,
    auth: ANY_ROLE,
    summary: 'Write a handover note; the server lists what is open into it (audited)',
    description:
      'Open urgent cases, unanswered phone callbacks (open or attempted) and referrals overdue for an ' +
      'acknowledgement are listed as they are at this moment, in the same transaction as the note.',
    body: handoverBody,
    responses: { 201: handover },
  },
  {
    method: 'get',
    path: '/api/handovers/pending',
    tag,
    auth: ANY_ROLE,
    summary: 'Handovers nobody has acknowledged yet, written by someone else (the next shift reads these)',
    responses: { 200: '`{ items }`, newest first.' },
  },
  {
    method: 'post',
    path: '/api/handovers/:id/acknowledge',
    tag,
    auth: ANY_ROLE,
    summary: 'Acknowledge a handover as the next shift (once; not your own; audited)',
    params: handoverIdParam,
    responses: {
      200: handover,
      404: 'No such handover.',
      409: '`own_handover` (the author cannot) or `already_acknowledged`.',
    },
  },
  {
    method: 'get',
    path: '/api/handovers',
    tag,
    auth: HANDOVER_SEARCHERS,
    summary: 'Search handovers (note, author, a reference listed in it), newest first',
    query: handoverListQuery,
    responses: { 200: '`{ items, next }`: page on with `before` = `next`.' },
  },
];
