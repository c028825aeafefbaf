import { z } from 'zod';
import { baseSchema as reportFields } from '../../connectors/web-form/report-submission.ts';
import type { RouteDoc } from '../http/openapi/openapi.registry.ts';
import { partnerListQuery } from './partner-reports.schema.ts';

const tag = 'Partners';
const key = z.object({
  'Idempotency-Key': z.uuid().optional().meta({ description: 'Sent again with the same content: the same report.' }),
});

/** A health centre's contact person: submits reports for someone, follows their own. */
export const partnerPaths: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/partner/reports',
    tag,
    auth: ['partner'],
    summary: "Submit a report on someone's behalf: the public form's fields and checks, marked as a partner report",
    description:
      'The case opens through the same intake as the public form, marked with the partner and their institution ' +
      '(as an admin recorded it on the account). Audited (`partner.report`).',
    headers: key,
    body: reportFields,
    responses: {
      202: '`{ reference, receipt }`.',
      400: 'Each refused field, with a code and a sentence in the request’s language.',
      409: 'No institution recorded for the account (`no_institution`), or the key was used for other content.',
    },
  },
  {
    method: 'get',
    path: '/api/partner/reports',
    tag,
    auth: ['partner'],
    summary: 'Your own submissions and the status of each case (nothing of its content)',
    query: partnerListQuery,
    responses: { 200: '`{ items: [{ reference, institution, submittedAt, status, updatedAt, closedAt }], next }`.' },
  },
];
