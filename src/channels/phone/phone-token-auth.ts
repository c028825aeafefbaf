import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1] ?? null;
}

/** Who a PBX token speaks for: every line (CALLS_API_TOKEN) or the one line it was issued for. */
export type TokenScope = { ok: false } | { ok: true; line: string | null };

/**
 * Compares against every configured token in constant time per token (hashes of equal length),
 * without stopping at the first match, so timing does not tell which token nearly matched.
 */
export function createTokenCheck(global: string | null, lines: { line: string; token: string }[]) {
  const known = [
    ...(global ? [{ line: null, hash: digest(global) }] : []),
    ...lines.map((l) => ({ line: l.line, hash: digest(l.token) })),
  ];
  return (presented: string | null): TokenScope => {
    if (!presented) return { ok: false };
    const h = digest(presented);
    let match: TokenScope = { ok: false };
    for (const k of known) if (timingSafeEqual(h, k.hash) && !match.ok) match = { ok: true, line: k.line };
    return match;
  };
}
