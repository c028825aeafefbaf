import { ANY_ROLE, type RouteDoc } from '../http/openapi/openapi.registry.ts';
import { FEEDBACK_READERS } from './triage-feedback.routes.ts';
import { caseIdParam, feedbackListQuery, markBody } from './triage-feedback.schema.ts';

const tag = 'Triage';
const marks =
  '`{ mine, marks }`: your mark (or null) and every mark on the case `{ mark, by: { id, name }, at }`, newest first.';

/** Counselors' marks on how a case was triaged on arrival, and the supervisors' list of them. */
export const triageFeedbackPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/cases/:id/triage-feedback',
    tag,
    auth: ANY_ROLE,
    summary: 'The marks on how this case was triaged on arrival',
    params: caseIdParam,
    responses: { 200: marks, 404: 'No such case.' },
  },
  {
    method: 'put',
    path: '/api/cases/:id/triage-feedback',
    tag,
    auth: ANY_ROLE,
    summary: 'Mark the case "should have been urgent" or "should not have been urgent" (audited)',
    description:
      'One mark per case worker and case; a new one replaces yours (audited as case.triage_feedback with the ' +
      'previous mark, in the same transaction). Nothing of the case is copied: supervisors open it by reference.',
    params: caseIdParam,
    body: markBody,
    responses: { 200: marks, 404: 'No such case.' },
  },
  {
    method: 'delete',
    path: '/api/cases/:id/triage-feedback',
    tag,
    auth: ANY_ROLE,
    summary: 'Take your mark back (audited)',
    params: caseIdParam,
    responses: { 204: 'Taken back.', 404: 'No such case, or no mark of yours on it.' },
  },
  {
    method: 'get',
    path: '/api/triage/feedback',
    tag,
    auth: FEEDBACK_READERS,
    summary: "Counselors' marks on the urgency rules' triage, newest first, to improve the rules",
    description:
      'Each item: `{ id, caseId, reference, priority, priorityAtMark, mark, by: { id, name }, at }` (no text of the ' +
      'case). `counts` gives the totals of each mark over the period; page on with `cursor` = `next`.',
    query: feedbackListQuery,
    responses: { 200: '`{ items, counts, next }`.' },
  },
];
