import { foldWithOrigin } from './search-fold.ts';
import type { SearchTerm } from './search-query.ts';

/** Where a highlighted run starts and ends in the snippet (UTF-16 offsets, end exclusive). */
export interface Highlight {
  start: number;
  end: number;
}

/** A text of the case a snippet may come from, and what it is (shown beside the snippet). */
export interface SnippetSource {
  /** reference, contact, identity, tag, subject, text, note, or a message field (urls, from, …) */
  source: string;
  text: string;
  /** The message it belongs to, if any. */
  messageId?: string;
}

export interface Snippet {
  source: string;
  messageId: string | null;
  /** Plain text, never HTML: the inbox escapes it and marks the highlights itself. */
  text: string;
  highlights: Highlight[];
}

export const SNIPPET_LENGTH = 180;
/** How much of the text before the first match the snippet keeps. */
const LEAD = 50;

interface Found {
  start: number;
  end: number;
  term: number;
}

/** Every place in `text` where a form of a term matches, in original offsets. */
function findTerms(text: string, terms: SearchTerm[]): Found[] {
  const f = foldWithOrigin(text);
  const padded = ` ${f.text} `;
  const found: Found[] = [];
  terms.forEach((t, term) => {
    for (const form of t.forms) {
      const joined = form.join(' ');
      const needle = ` ${joined}${t.prefix ? '' : ' '}`;
      for (let at = padded.indexOf(needle); at !== -1; at = padded.indexOf(needle, at + 1)) {
        // padded[at] is the space before the match; in f.text the match starts at `at`.
        const first = at;
        const last = at + joined.length - 1;
        found.push({ start: f.origin[first] ?? 0, end: f.originEnd[last] ?? text.length, term });
      }
    }
  });
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

/** Cut around the first match on word boundaries; whitespace becomes one space each (offsets kept). */
function cut(text: string, found: Found[]): Omit<Snippet, 'source' | 'messageId'> {
  const first = found[0];
  let from = first ? Math.max(0, first.start - LEAD) : 0;
  while (from > 0 && from < (first?.start ?? 0) && !isSpace(text[from - 1])) from++;
  let to = Math.min(text.length, from + SNIPPET_LENGTH);
  if (to < text.length) {
    let back = to;
    while (back > from && !isSpace(text[back])) back--;
    if (back > (first?.end ?? from)) to = back;
  }
  const lead = from > 0 ? '…' : '';
  const body = text.slice(from, to).replace(/\s/g, ' ');
  const shift = lead.length - from;
  const highlights: Highlight[] = [];
  for (const m of found) {
    if (m.start < from || m.end > to) continue;
    const prev = highlights[highlights.length - 1];
    if (prev && m.start + shift <= prev.end) prev.end = Math.max(prev.end, m.end + shift);
    else highlights.push({ start: m.start + shift, end: m.end + shift });
  }
  return { text: `${lead}${body}${to < text.length ? '…' : ''}`, highlights };
}

/**
 * The snippet of a case: the source that matches the most terms (the first such, so callers list
 * sources best first: the reference, the contact, then messages newest first), cut around its
 * first match, with every match in it highlighted. Null when no source matches (a filter-only
 * search), then the caller shows the case's preview.
 */
export function bestSnippet(sources: SnippetSource[], terms: SearchTerm[]): Snippet | null {
  if (terms.length === 0) return null;
  let best: { s: SnippetSource; found: Found[]; score: number } | null = null;
  for (const s of sources) {
    const found = findTerms(s.text, terms);
    const score = new Set(found.map((f) => f.term)).size;
    if (score > 0 && (!best || score > best.score)) best = { s, found, score };
    if (best?.score === terms.length) break;
  }
  if (!best) return null;
  return { source: best.s.source, messageId: best.s.messageId ?? null, ...cut(best.s.text, best.found) };
}
