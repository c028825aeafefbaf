import { LEADS, type RouteDoc } from '../../http/openapi/openapi.registry.ts';

/** The mailboxes' state, for supervisors. */
export const emailPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/channels/email/status',
    tag: 'E-mail',
    auth: LEADS,
    summary: 'Each mailbox: whether it receives and replies, auto-acknowledgement, and its watcher',
    responses: { 200: '`{ mailboxes }`.' },
  },
];
