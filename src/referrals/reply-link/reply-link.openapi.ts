import type { RouteDoc } from '../../http/openapi/openapi.registry.ts';
import { replyBody, replyQuery } from './reply-link.routes.ts';

const tag = 'Referrals';
const html = (description: string) => ({ description, type: 'text/html' });
const gone = html('The link is unknown, malformed or expired (one neutral page for all three).');

/** The institution's side of a referral: the one-time link its e-mail carries (no account). */
export const replyLinkPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/institution/reply',
    tag,
    auth: 'public',
    summary: "The institution's reply page behind the referral e-mail's one-time link (`t`)",
    description:
      'Shows the case reference and institution only, the receipt button and the answer form (or the answer ' +
      'already given). Every request counts against a per-address limit (REFERRAL_LINK_RATE_LIMIT).',
    query: replyQuery,
    responses: { 200: html('The page, never cached.'), 404: gone, 429: 'Too many requests from this address.' },
  },
  {
    method: 'post',
    path: '/institution/reply',
    tag,
    auth: 'public',
    summary: 'Confirm receipt (`action=confirm`, again is harmless) or send the answer once (`action=answer`)',
    description:
      'Confirming moves a referral still `sent` to `acknowledged`; the answer moves it to `answered` with the text ' +
      'as its outcome. Audited (`referral.receipt_confirmed`, `referral.answered_by_link`) and shown live on the case.',
    body: { types: ['application/x-www-form-urlencoded'], schema: replyBody },
    responses: {
      303: 'Done: back to the page.',
      400: html(
        'The answer is missing or too long, or the outcome is not one of the list: the page with the field named.',
      ),
      403: html('Posted from another site.'),
      404: gone,
      409: html('An answer was already given through this link.'),
      429: 'Too many requests from this address.',
    },
  },
];
