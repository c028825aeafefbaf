import type { RouteDoc } from '../http/openapi/openapi.registry.ts';
import { ANY_ROLE } from '../http/openapi/openapi.registry.ts';
import { emailPaths } from './email/email.openapi.ts';
import { metaPaths } from './meta/meta.openapi.ts';
import { phonePaths } from './phone/phone.openapi.ts';
import { webFormPaths } from './web-form/web-form.openapi.ts';

/** Every channel's routes, whether or not the channel is configured here: the contract is the same. */
export const channelPaths: RouteDoc[] = [
  ...webFormPaths,
  ...phonePaths,
  ...metaPaths,
  ...emailPaths,
  {
    method: 'get',
    path: '/api/channels/health',
    tag: 'Channels',
    auth: ANY_ROLE,
    summary: "Each channel's state: names, states and reason codes only",
    responses: { 200: '`{ ok, channels }`.' },
  },
];
