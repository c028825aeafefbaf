import { type NormalisedUrl, normaliseUrl, URL_MAX_LENGTH } from './url-normalise.ts';

/**
 * Links found in what people write, including the forms they use so that a link is not clickable
 * (`hxxp://`, `example[.]com`, `example dot com`) and links without a scheme (`tiktok.com/@name`).
 * Only text is read: nothing is resolved, fetched or looked up.
 */

/**
 * Endings a link without a scheme may have. Kept short on purpose: "slika.jpg" or "index.html" in
 * a sentence must not become a link, so file-like endings (jpg, html, js, pdf, …) are not here.
 */
// biome-ignore format: a list
const TLDS = [
  'com', 'net', 'org', 'info', 'biz', 'edu', 'gov', 'int', 'io', 'co', 'me', 'tv', 'ly', 'gg', 'be', 'to',
  'cc', 'ws', 'xyz', 'app', 'dev', 'link', 'site', 'online', 'club', 'top', 'live', 'store', 'shop', 'blog',
  'onion', 'rs', 'срб', 'ba', 'hr', 'si', 'mk', 'bg', 'ro', 'hu', 'de', 'at', 'ch', 'uk', 'fr', 'it', 'es',
  'nl', 'pl', 'cz', 'sk', 'ru', 'рф', 'ua', 'by', 'eu', 'us', 'ca', 'au', 'in', 'br', 'jp', 'cn', 'kr', 'tr',
  'gr', 'al', 'se', 'no', 'dk', 'fi', 'pt', 'ie', 'lt', 'lv', 'ee', 'vn', 'id', 'fm', 'am', 'im', 'is', 'la',
] as const;
const TLD_SET = new Set<string>(TLDS);
const TLD_ALT = [...TLDS].sort((a, b) => b.length - a.length).join('|');

/** Where a link ends: white space, quotes and angle brackets of any script. */
const END = `\\s<>"'\`«»“”‘’„‹›`;
const SCHEME_URL = new RegExp(`\\bhttps?:\\/\\/[^${END}]+`, 'giu');
const WWW_URL = new RegExp(`(?<![\\p{L}\\p{N}.@/_-])www\\.[^${END}]+`, 'giu');
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
const BARE_URL = new RegExp(
  `(?<![\\p{L}\\p{N}@.:/_-])(?:${LABEL}\\.)+(?:${TLD_ALT})(?![\\p{L}\\p{N}_@-])(?::\\d{1,5})?(?:[/?#][^${END}]*)?`,
  'giu',
);

/** "example dot com" is read as a link only when the word before "dot" is no ordinary word. */
const DOT_WORDS = new Set(['dot', 'tačka', 'tacka', 'тачка']);
// biome-ignore format: a list
const NOT_A_HOST = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'is', 'it', 'my', 'your', 'this', 'that', 'old',
  'new', 'i', 'u', 'na', 'za', 'sa', 'od', 'do', 'da', 'ne', 'je', 'ta', 'taj', 'ova', 'ovo', 'ono', 'и', 'у',
  'на', 'за', 'са', 'од', 'до', 'да', 'не', 'је', 'та', 'тај', 'ова', 'ово', 'оно',
]);

/**
 * Bracketed and written-out dots and colons, `hxxp`, escaped dots. Every quantifier here is
 * bounded or anchored on a rare character: these run over whatever a stranger sends (texts of
 * 100,000 characters), so no pattern may backtrack over a long run.
 */
function refangMarks(text: string): string {
  return text
    .replace(/[ \t]{0,3}[[({][ \t]{0,3}(?:\.|dot)[ \t]{0,3}[\])}][ \t]{0,3}/giu, '.')
    .replace(/[[(][ \t]{0,3}:[ \t]{0,3}\/\/[ \t]{0,3}[\])]/g, '://')
    .replace(/[[(][ \t]{0,3}:[ \t]{0,3}[\])]/g, ':')
    .replace(/\bh[x*t]{2}p(s?)(?=:\/\/)/gi, 'http$1')
    .replace(/([\p{L}\p{N}])\\\.(?=[\p{L}\p{N}])/gu, '$1.');
}

const TRAILING_LABEL = /[\p{L}\p{N}][\p{L}\p{N}-]{0,62}$/u;
const LEADING_LABEL = /^[\p{L}\p{N}][\p{L}\p{N}-]{0,62}/u;
const MAX_LABELS = 8;

/** `tiktok dot com/@name`, `www dot primer dot rs` → joined, where unambiguous (see NOT_A_HOST). */
function joinDotWords(text: string): string {
  const words = text.split(/(\s+)/).filter((_, i) => i % 2 === 0);
  const isDot = (w: string | undefined) => w !== undefined && DOT_WORDS.has(w.toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const first = words[i] as string;
    const head = isDot(words[i + 1]) ? TRAILING_LABEL.exec(first) : null;
    if (!head) {
      out.push(first);
      continue;
    }
    let j = i;
    const labels: string[] = [];
    while (labels.length < MAX_LABELS && isDot(words[j + 1]) && words[j + 2] !== undefined) {
      const next = words[j + 2] as string;
      const label = LEADING_LABEL.exec(next)?.[0];
      if (!label) break;
      labels.push(label);
      j += 2;
      if (label.length !== next.length) break;
    }
    const last = labels[labels.length - 1];
    const left = head[0];
    const rest = last === undefined ? '' : (words[j] as string).slice(last.length);
    const clear = rest.startsWith('/') || labels.length > 1 || !NOT_A_HOST.has(left.toLowerCase());
    if (last !== undefined && TLD_SET.has(last.toLowerCase()) && clear) {
      out.push(`${first.slice(0, head.index)}${[left, ...labels].join('.')}${rest}`);
    } else {
      // Every shorter chain inside this one ends on the same last word: none of them is a link either.
      out.push(...words.slice(i, j + 1));
    }
    i = j;
  }
  // Words joined into a link lose the spaces between them; the rest keeps single spaces.
  return out.join(' ');
}

/** Text with bracketed, spelled-out and `hxxp` forms turned back into ordinary links. */
export function refang(text: string): string {
  return joinDotWords(refangMarks(text));
}

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const count = (s: string, c: string) => s.split(c).length - 1;

/** Punctuation that ends the sentence, not the link; a closing bracket stays when the link opened it. */
function trimEnd(candidate: string): string {
  let s = candidate;
  for (;;) {
    const last = s.at(-1);
    if (last === undefined) return s;
    const opener = CLOSERS[last];
    if ('.,;:!?…*_~|\\'.includes(last) || (opener && count(s, last) > count(s, opener))) s = s.slice(0, -1);
    else return s;
  }
}

/** Each match's text, with the match blanked out so a later pattern does not find it again. */
function take(text: string, re: RegExp): { found: string[]; rest: string } {
  const found: string[] = [];
  const rest = text.replace(re, (m) => {
    found.push(m);
    return ' '.repeat(m.length);
  });
  return { found, rest };
}

/** Every distinct link in a text, normalised, in the order first written. */
export function extractUrls(text: string): NormalisedUrl[] {
  if (!text) return [];
  const plain = refang(text.normalize('NFC'));
  const withScheme = take(plain, SCHEME_URL);
  const www = take(withScheme.rest, WWW_URL);
  const bare = take(www.rest, BARE_URL);
  const seen = new Map<string, NormalisedUrl>();
  // Without a scheme, an upper-case ending is a sentence run together ("je.To"), not a link.
  const lowerEnding = (raw: string) => {
    const host = raw.split(/[:/?#]/)[0] ?? '';
    const ending = host.slice(host.lastIndexOf('.') + 1);
    return ending === ending.toLowerCase();
  };
  for (const raw of [...withScheme.found, ...www.found, ...bare.found.filter(lowerEnding)]) {
    // Far longer than any link: junk, and trimming it would be slow.
    if (raw.length > URL_MAX_LENGTH + 64) continue;
    const n = normaliseUrl(trimEnd(raw));
    if (n && !seen.has(n.key)) seen.set(n.key, n);
  }
  return [...seen.values()];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{1,8});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** The targets of an HTML body's links and the text it shows, as one text to extract from. */
export function htmlLinkText(html: string): string {
  const hrefs = [...html.matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) =>
    decodeEntities(m[1] ?? m[2] ?? m[3] ?? ''),
  );
  const shown = decodeEntities(html.replace(/<[^>]*>/g, ' '));
  return [...hrefs, shown].join('\n');
}
