import { z } from 'zod';
import { baseSchema as reportFields } from '../../../connectors/web-form/report-submission.ts';
import type { RouteDoc } from '../../http/openapi/openapi.registry.ts';
import { additionBody, statusBody } from './report-status.routes.ts';

const tag = 'Public report form';
const html = (description: string) => ({ description, type: 'text/html' });
const FORM_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] as const;
const limited = 'Too many posts from this address for a while.';

const reportKey = z.object({
  'Idempotency-Key': z.uuid().optional().meta({ description: 'The same as the form field `submission`.' }),
});

/** The reporter's side: the form and the status page (HTML, no JavaScript needed) and their JSON twins. */
export const webFormPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/report',
    tag,
    auth: 'public',
    summary: 'The report form (`?kind=help` for a question), in the browser’s language',
    responses: { 200: html('The form, never cached: it carries its submission key.') },
  },
  {
    method: 'post',
    path: '/report',
    tag,
    auth: 'public',
    summary: 'Send the form (works with JavaScript off); files are refused by field name, never stored',
    body: { types: ['application/x-www-form-urlencoded', 'multipart/form-data'], schema: reportFields },
    responses: {
      200: html('Thanks, with the case reference and the receipt code for the status page.'),
      400: html('The form again, with each problem beside its field.'),
      409: html('The form again: this submission key was used for other content.'),
      413: html('Too large.'),
      429: limited,
    },
  },
  {
    method: 'get',
    path: '/report/assets/:file',
    mount: '/report/assets',
    tag,
    auth: 'public',
    summary: "The form's stylesheet and script",
    params: z.object({ file: z.string() }),
    unchecked: true,
    responses: { 200: { description: 'The file.', type: 'text/css' }, 404: 'No such file.' },
  },
  {
    method: 'post',
    path: '/api/reports',
    tag,
    auth: 'public',
    summary: 'Send a report as JSON (or as a form post): the same fields and checks as the form',
    description: 'Posting again with the same `Idempotency-Key` and content answers the same reference and receipt.',
    headers: reportKey,
    body: { types: FORM_TYPES, schema: reportFields },
    responses: {
      202: '`{ reference, receipt }`.',
      400: 'Each refused field, with a code and a sentence in the request’s language.',
      409: 'This key was used for other content (`idempotency_key_reused`).',
      413: 'Too large (`payload_too_large`).',
      429: limited,
    },
  },
  {
    method: 'get',
    path: '/report/status',
    tag,
    auth: 'public',
    summary: 'The status page: reference and receipt code in, what was done out',
    responses: { 200: html('The page.') },
  },
  {
    method: 'post',
    path: '/report/status',
    tag,
    auth: 'public',
    summary: 'Look up a report by reference and receipt code',
    body: { types: ['application/x-www-form-urlencoded'], schema: statusBody },
    unchecked: true,
    responses: { 200: html('The status.'), 404: html('Not found (one answer for any wrong part).'), 429: limited },
  },
  {
    method: 'post',
    path: '/report/status/add',
    tag,
    auth: 'public',
    summary: 'Add information to a report from the status page',
    body: { types: ['application/x-www-form-urlencoded'], schema: additionBody },
    responses: {
      200: html('The status, with the addition.'),
      400: html('The status page, with the problem.'),
      403: { description: 'A cross-site post.', type: 'text/plain' },
      404: html('Not found.'),
      409: html('This key was used for other text.'),
      429: limited,
    },
  },
  {
    method: 'post',
    path: '/api/reports/status',
    tag,
    auth: 'public',
    summary: 'Look up a report by reference and receipt code (JSON)',
    body: statusBody,
    unchecked: true,
    responses: { 200: 'The status.', 404: 'Not found (one answer for any wrong part).', 429: limited },
  },
  {
    method: 'post',
    path: '/api/reports/status/add',
    tag,
    auth: 'public',
    summary: 'Add information to a report (JSON)',
    body: additionBody,
    responses: {
      202: '`{ reference, added: true, duplicate }`.',
      400: 'Each refused field, with a code and a sentence.',
      403: 'A cross-site post (`cross_site`).',
      404: 'No report with this reference and code.',
      409: 'This key was used for other text (`idempotency_key_reused`).',
      429: limited,
    },
  },
];
