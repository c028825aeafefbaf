/** A run of a snippet: plain text, marked when a searched word matched there. */
export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Cuts a snippet at its highlights (UTF-16 offsets, end exclusive, as the server sends them). Ranges
 * out of bounds are clipped, empty ones dropped, overlapping or touching ones joined, so whatever
 * arrives, the segments put together are the snippet again.
 */
export function segments(text: string, ranges: readonly { start: number; end: number }[]): Segment[] {
  const clipped = ranges
    .map((r) => ({
      start: Math.max(0, Math.min(text.length, r.start)),
      end: Math.max(0, Math.min(text.length, r.end)),
    }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const joined: { start: number; end: number }[] = [];
  for (const r of clipped) {
    const last = joined[joined.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else joined.push({ ...r });
  }
  const out: Segment[] = [];
  let at = 0;
  for (const r of joined) {
    if (r.start > at) out.push({ text: text.slice(at, r.start), mark: false });
    out.push({ text: text.slice(r.start, r.end), mark: true });
    at = r.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

/** The snippet as text with <mark> around the matched words: Preact puts both in as text, never as HTML. */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly { start: number; end: number }[] }) {
  return <>{segments(text, ranges).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}
