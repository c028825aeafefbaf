/** A known-hash list as the arrival check sees it: the list entry for a sha256, if it is on the list. */
export interface KnownHashLookup {
  lookup(sha256: string): Promise<string | undefined>;
}

export interface ParsedHashList {
  /** sha256 (lower-case hex) → "file:line" plus the comment on that line. */
  entries: Map<string, string>;
  /** Lines that were neither a hash, a comment nor blank (line numbers, 1-based). */
  rejected: number[];
}

const HASH_LINE = /^([0-9a-fA-F]{64})(?:\s+(.*))?$/;

/**
 * One hex sha256 per line; `#` starts a comment (whole line or after the hash); blank lines are
 * ignored. Anything else is reported, not guessed at.
 */
export function parseHashList(text: string, source: string): ParsedHashList {
  const entries = new Map<string, string>();
  const rejected: number[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = HASH_LINE.exec(line);
    if (!m?.[1]) {
      rejected.push(i + 1);
      continue;
    }
    const comment = (m[2] ?? '').replace(/^#\s*/, '').trim().slice(0, 200);
    const hash = m[1].toLowerCase();
    if (!entries.has(hash)) entries.set(hash, `${source}:${i + 1}${comment ? ` ${comment}` : ''}`);
  }
  return { entries, rejected };
}

export const NO_KNOWN_HASHES: KnownHashLookup = { lookup: async () => undefined };
