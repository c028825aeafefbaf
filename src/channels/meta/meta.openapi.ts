import { webhookSchema } from '../../../connectors/meta/webhook.schema.ts';
import { ADMIN, ANY_ROLE, type RouteDoc } from '../../http/openapi/openapi.registry.ts';
import { windowQuery } from './meta-api.routes.ts';
import { handshakeQuery } from './meta-webhook.routes.ts';

const tag = 'Facebook and Instagram';

/** The webhook Meta calls (signed), and the inbox's view of the messaging window and the pages. */
export const metaPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/webhooks/meta',
    tag,
    auth: 'public',
    summary: "Meta's subscription handshake: the challenge is echoed when the verify token matches",
    query: handshakeQuery,
    unchecked: true,
    responses: {
      200: { description: 'The challenge, as plain text.', type: 'text/plain' },
      403: { description: 'Wrong mode, token or challenge: `forbidden`.', type: 'text/plain' },
    },
  },
  {
    method: 'post',
    path: '/webhooks/meta',
    tag,
    auth: 'metaSignature',
    summary: 'Messenger, Instagram and Page feed events from Meta (up to 1 MB per batch)',
    description:
      'The signature is checked on the raw bytes before anything is parsed. Every event is stored ' +
      'durably before the 200, so a batch delivered again is recognised event by event.',
    body: webhookSchema,
    responses: {
      200: { description: '`EVENT_RECEIVED`.', type: 'text/plain' },
      400: 'Not JSON (`malformed_json`), or not a webhook batch (`unexpected_payload`).',
      401: 'No signature (`signature_missing`).',
      403: 'Wrong signature (`signature_invalid`).',
      500: 'Not stored: Meta delivers the batch again.',
    },
  },
  {
    method: 'get',
    path: '/api/channels/meta/window',
    tag,
    auth: ANY_ROLE,
    summary: 'For the composer: can a reply go out on this case now, in which mode, until when, or why not',
    query: windowQuery,
    responses: {
      200: '`{ applicable, channel, canReply, mode, closesAt, lastUserMessageAt, humanAgent, maxText, reason, message }`.',
      404: 'No such case.',
    },
  },
  {
    method: 'get',
    path: '/api/channels/meta/status',
    tag,
    auth: ADMIN,
    summary: 'The configured pages, and whether any needs re-authorising',
    responses: { 200: '`{ pages }`.' },
  },
];
