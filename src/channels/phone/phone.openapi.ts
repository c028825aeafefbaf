import { z } from 'zod';
import { callInputSchema } from '../../../connectors/phone/call-record.ts';
import { callbackCountsSchema, callbackViewSchema } from '../../domain/views.schema.ts';
import { ANY_ROLE, LEADS, type RouteDoc } from '../../http/openapi/openapi.registry.ts';
import { callerInfoSchema, callViewSchema, importReportSchema } from './phone.schema.ts';
import * as callbacks from './phone-callbacks.routes.ts';
import * as calls from './phone-calls.routes.ts';
import { manualCallBody, manualFinishBody } from './phone-manual.ts';

const tag = 'Phone';
const task = (description: string) => ({ description, schema: callbackViewSchema });

/** The PBX's call log (bearer token), calls logged by hand, the CSV import, callers and callbacks. */
export const phonePaths: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/calls',
    tag,
    auth: 'pbx',
    summary: 'A PBX reports a call, or a later state of it (JSON, or a form post as from Asterisk CURL())',
    description:
      'The bearer token is checked before anything is read. A per-line token speaks for its line only. ' +
      'Posting the same call again is safe: a retry or a late, older state leaves the call as it is.',
    body: { types: ['application/json', 'application/x-www-form-urlencoded'], schema: callInputSchema },
    responses: {
      202: '`{ callId, result: "created", stale, state, version }`: a new call.',
      200: '`{ callId, result, stale, state, version }`: a known call, updated or unchanged.',
      401: 'No or unknown token (`WWW-Authenticate: Bearer`).',
      403: "A line's token, for another line's call.",
      415: 'Neither JSON nor a form.',
    },
  },
  {
    method: 'post',
    path: '/api/calls/manual',
    tag,
    auth: ANY_ROLE,
    summary: 'Log a call by hand (the line had no PBX hook, or it failed)',
    description: 'With an `Idempotency-Key`, posting again answers the first call (`duplicate: true`).',
    headers: calls.manualHeaders,
    body: manualCallBody,
    responses: {
      202: {
        description: 'Logged.',
        schema: z.strictObject({
          callId: z.string(),
          duplicate: z.literal(false),
          caseId: z.uuid().nullable(),
          call: callViewSchema,
        }),
      },
      200: {
        description: 'This key was used already: the first call.',
        schema: z.strictObject({ callId: z.string(), duplicate: z.literal(true), call: callViewSchema }),
      },
    },
  },
  {
    method: 'patch',
    path: '/api/calls/manual/:callId',
    tag,
    auth: ANY_ROLE,
    summary: 'Finish a call logged by hand: its length and outcome',
    params: calls.manualCallIdParam,
    body: manualFinishBody,
    responses: { 200: '`{ callId, result, call }`.', 404: 'No such call logged by hand.' },
  },
  {
    method: 'post',
    path: '/api/calls/import',
    tag,
    auth: LEADS,
    summary: "Import a PBX's CSV call log (each row as if the PBX had posted it)",
    body: calls.importBody,
    responses: { 200: { description: 'Rows taken, already known, refused and why.', schema: importReportSchema } },
  },
  {
    method: 'get',
    path: '/api/calls/caller',
    tag,
    auth: ANY_ROLE,
    summary: 'Everything known about a number: contact, earlier cases, calls, callback, do-not-call',
    query: calls.numberQuery,
    responses: { 200: { description: 'What is known about the number.', schema: callerInfoSchema } },
  },
  {
    method: 'get',
    path: '/api/calls/do-not-call',
    tag,
    auth: ANY_ROLE,
    summary: 'Numbers not to be called back',
    responses: { 200: '`{ items }`.' },
  },
  {
    method: 'post',
    path: '/api/calls/do-not-call',
    tag,
    auth: LEADS,
    summary: "Set or clear a number's do-not-call (an open callback to it is cancelled)",
    body: calls.doNotCallBody,
    responses: { 200: '`{ number, doNotCall, cancelledCallbackId }`.' },
  },
  {
    method: 'get',
    path: '/api/calls/:callId',
    tag,
    auth: ANY_ROLE,
    summary: 'A call and its history of states',
    params: calls.callIdParam,
    responses: { 200: '`{ call, history }`.', 404: 'No such call.' },
  },
  {
    method: 'get',
    path: '/api/callbacks',
    tag,
    auth: ANY_ROLE,
    summary: 'Callback tasks, soonest due first, with counts (default: the active ones)',
    query: callbacks.listQuery,
    responses: {
      200: {
        description: 'The tasks and their counts.',
        schema: z.strictObject({ items: z.array(callbackViewSchema), counts: callbackCountsSchema }),
      },
    },
  },
  {
    method: 'get',
    path: '/api/callbacks/:id',
    tag,
    auth: ANY_ROLE,
    summary: 'A callback task with its attempts',
    params: callbacks.idParam,
    responses: { 200: task('The task.'), 404: 'No such callback.' },
  },
  {
    method: 'patch',
    path: '/api/callbacks/:id',
    tag,
    auth: ANY_ROLE,
    summary: 'Assign, reschedule, finish or cancel a callback',
    params: callbacks.idParam,
    body: callbacks.patchBody,
    responses: { 200: task('The task.'), 404: 'No such callback.' },
  },
  {
    method: 'post',
    path: '/api/callbacks/:id/attempts',
    tag,
    auth: ANY_ROLE,
    summary: 'Record an attempt to call back',
    params: callbacks.idParam,
    body: callbacks.attemptBody,
    responses: { 201: task('The task with the attempt.'), 404: 'No such callback.' },
  },
];
