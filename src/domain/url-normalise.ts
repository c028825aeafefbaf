import { domainToASCII } from 'node:url';

/**
 * One reported link in the form every report of it shares: lower-case punycode host, no default
 * port, no fragment, no user name or password, tracking parameters removed, everything else
 * (path, the other parameters in their order and encoding) kept. Pure string work: nothing here
 * resolves or fetches anything.
 */
export interface NormalisedUrl {
  /** The link as stored and shown: `https://xn--e1afmkfd.xn--90a3ac/put?a=1`. */
  url: string;
  /** What makes two reports the same item: the url without its scheme and without a leading `www.`. */
  key: string;
  /** Punycode, lower case, no trailing dot. */
  host: string;
}

/** Longer links are not links people report; they are cut-off junk or payloads. */
export const URL_MAX_LENGTH = 4096;

/** Tracking parameters dropped everywhere (compared lower-case); `utm_*` by its prefix. */
const TRACKING = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'igshid',
  'igsh',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  'twclid',
  'ttclid',
  'srsltid',
]);

/** Parameters that are tracking only on some platforms' hosts (elsewhere they may mean something). */
const TRACKING_ON_HOST: { hosts: string[]; params: string[] }[] = [
  { hosts: ['youtube.com', 'youtu.be'], params: ['si', 'feature', 'pp'] },
  { hosts: ['tiktok.com'], params: ['_t', '_r', 'is_from_webapp', 'sender_device', 'is_copy_url', 'sec_uid'] },
  { hosts: ['x.com', 'twitter.com'], params: ['s', 't', 'ref_src'] },
  { hosts: ['facebook.com'], params: ['mibextid', 'rdid', 'share_url', '__cft__', '__tn__'] },
  { hosts: ['spotify.com'], params: ['si'] },
];

/** `sub.example.com` is on `example.com`; `badexample.com` is not. */
export const hostIsOn = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

function trackingParam(name: string, host: string): boolean {
  const n = name.toLowerCase();
  if (n.startsWith('utm_') || TRACKING.has(n)) return true;
  return TRACKING_ON_HOST.some((t) => t.params.includes(n) && t.hosts.some((h) => hostIsOn(host, h)));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** The query without tracking parameters; the rest byte for byte, in order. */
function cleanQuery(search: string, host: string): string {
  if (search.length <= 1) return '';
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !trackingParam(safeDecode(pair.split('=')[0] ?? ''), host));
  return kept.length > 0 ? `?${kept.join('&')}` : '';
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A host a link can point at: an IP address, or at least two valid labels with a letter-bearing TLD. */
function validHost(host: string): boolean {
  if (host.startsWith('[') || IPV4.test(host)) return true;
  const labels = host.split('.');
  if (labels.length < 2 || host.length > 253) return false;
  const tld = labels[labels.length - 1] as string;
  return labels.every((l) => LABEL.test(l)) && /^(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/.test(tld);
}

/**
 * Normalise a candidate link as written (a scheme is assumed `https` when missing). Null when it is
 * not an http(s) link to a plausible host.
 */
export function normaliseUrl(candidate: string): NormalisedUrl | null {
  const raw = candidate.trim();
  if (raw.length === 0 || raw.length > URL_MAX_LENGTH) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw.replace(/^\/+/, '')}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  // The WHATWG parser already lower-cases and punycodes the host; domainToASCII refuses what is no domain.
  const bare = u.hostname.replace(/\.+$/, '');
  const host = bare.startsWith('[') || IPV4.test(bare) ? bare : domainToASCII(bare);
  if (!host || !validHost(host)) return null;
  const port = u.port ? `:${u.port}` : '';
  const rest = `${u.pathname}${cleanQuery(u.search, host)}`;
  const url = `${u.protocol}//${host}${port}${rest}`;
  if (url.length > URL_MAX_LENGTH) return null;
  return { url, key: `${host.replace(/^www\./, '')}${port}${rest}`, host };
}
