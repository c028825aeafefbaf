import { createDocument } from 'zod-openapi';
import { channelPaths } from '../../channels/channels.openapi.ts';
import { outreachPaths } from '../../outreach/outreach.openapi.ts';
import { partnerPaths } from '../../partners/partners.openapi.ts';
import { replyLinkPaths } from '../../referrals/reply-link/reply-link.openapi.ts';
import { searchPaths } from '../../search/search.openapi.ts';
import { shiftPaths } from '../../shift/shift.openapi.ts';
import { triageFeedbackPaths } from '../../triage-feedback/triage-feedback.openapi.ts';
import { SESSION_COOKIE } from '../session.ts';
import { apiError, type RouteDoc, toPaths } from './openapi.registry.ts';
import { accountPaths } from './paths/account.paths.ts';
import { casesPaths } from './paths/cases.paths.ts';
import { operationsPaths } from './paths/operations.paths.ts';
import { oversightPaths } from './paths/oversight.paths.ts';
import { peoplePaths } from './paths/people.paths.ts';
import { recordPaths } from './paths/record.paths.ts';
import { referralsPaths } from './paths/referrals.paths.ts';
import { urlsPaths } from './paths/urls.paths.ts';
import { usersPaths } from './paths/users.paths.ts';

/** Every route the app can register, whichever channels are configured. */
export const ROUTE_DOCS: readonly RouteDoc[] = [
  ...accountPaths,
  ...usersPaths,
  ...casesPaths,
  ...searchPaths,
  ...peoplePaths,
  ...referralsPaths,
  ...urlsPaths,
  ...oversightPaths,
  ...recordPaths,
  ...channelPaths,
  ...outreachPaths,
  ...partnerPaths,
  ...replyLinkPaths,
  ...triageFeedbackPaths,
  ...shiftPaths,
  ...operationsPaths,
];

const TAGS = [...new Set(ROUTE_DOCS.map((r) => r.tag))];

/**
 * The OpenAPI 3.1 document, built from the route descriptions and the very zod schemas the
 * routes validate with: requests are rendered as the schemas accept them (zod's input side).
 */
export function buildOpenApiDocument(): ReturnType<typeof createDocument> {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Kontakt API',
      // The contract's own version: raised when a change would break an integrator.
      version: '1',
      description:
        'The HTTP API of Kontakt: the inbox (session cookie), the public report form, the PBX call log (bearer ' +
        'token) and the Meta webhook (signature). Errors are JSON `{ error, message?, fields? }`.',
    },
    tags: TAGS.map((name) => ({ name })),
    security: [{ sessionCookie: [] }],
    components: {
      schemas: { Error: apiError },
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'Set by sign-in (HttpOnly, SameSite=Lax). Writes must send JSON (CSRF guard).',
        },
        pbxToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'CALLS_API_TOKEN (every line) or a per-line token from the phone settings.',
        },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, for a Prometheus scraper.' },
        metaSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Hub-Signature-256',
          description: "`sha256=` HMAC of the raw body with the Meta app's secret (META_APP_SECRET).",
        },
      },
    },
    paths: toPaths(ROUTE_DOCS),
  });
}
