import type { IncomingMessage } from 'node:http';

export interface OriginRule {
  /** PUBLIC_URL: when set, the one origin the inbox is served from (leave unset for pages served on any host). */
  publicUrl?: string | undefined;
  /** Behind a proxy that sets X-Forwarded-Host (TRUST_PROXY), that is the host the browser used. */
  trustProxy: boolean;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v?.split(',')[0])?.trim();

/**
 * Whether a request comes from our own page: the Socket.IO handshake, the queues dashboard's
 * writes, the report status page's additions. Cookies travel to every subdomain of a site, so
 * without this a page on a sibling subdomain could act with the counselor's session; CORS does not
 * stop a WebSocket or a form post. A browser always names the page's origin on a cross-origin
 * request or a WebSocket, so a request without Origin is a same-origin one or not a browser at all
 * (and then it holds the cookie itself). "null" (sandboxed frames, files) and anything that is not
 * a URL are refused. X-Forwarded-Host counts only behind a trusted proxy (TRUST_PROXY): anyone can
 * send it.
 */
export function originAllowed(req: IncomingMessage, rule: OriginRule): boolean {
  const origin = first(req.headers.origin);
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === 'null') return false;
  if (rule.publicUrl) return url.origin === new URL(rule.publicUrl).origin;
  const host = (rule.trustProxy && first(req.headers['x-forwarded-host'])) || first(req.headers.host);
  return !!host && url.host === host.toLowerCase();
}

/**
 * Whether a write (a form post, a dashboard's fetch) comes from our own page. Our pages send
 * `Referrer-Policy: no-referrer`, and under it a browser sends `Origin: null` with a same-origin
 * post, so Origin alone would refuse our own forms; a browser that sends Sec-Fetch-Site is judged by
 * it (only "same-origin" passes), and a client that does not by its Origin.
 */
export function sameOriginWrite(req: IncomingMessage, rule: OriginRule): boolean {
  const site = first(req.headers['sec-fetch-site']);
  return site ? site === 'same-origin' : originAllowed(req, rule);
}
