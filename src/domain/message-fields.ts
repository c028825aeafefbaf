/**
 * What of a message's `fields` a view may carry. Messenger and Instagram hand over media as
 * links (Meta's CDN, a story, a shared post): a link is the file itself, so it never travels in
 * a case view, a socket event or an API answer. It stays in the store; an attachment's link is
 * reached only through the audited reveal (POST /api/messages/:id/links/:index/reveal), a story
 * reply's or a comment's link not at all from the inbox.
 */

/** Channels whose payload links are media a person sent (or sent about a child). */
const LINK_CHANNELS = new Set(['facebook', 'instagram']);

/** Anything with a scheme and `//`: http(s) links and whatever a payload dresses up as one. */
const LINK = /[a-z][a-z0-9+.-]*:\/\//i;

/** The value without any string that holds a link; object keys are dropped, array slots become null. */
function withoutLinks(value: unknown): unknown {
  if (typeof value === 'string') return LINK.test(value) ? undefined : value;
  if (Array.isArray(value)) return value.map((v) => withoutLinks(v) ?? null);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = withoutLinks(v);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  return value;
}

/**
 * The message's fields as every role sees them. A reply a counselor wrote keeps the links the
 * counselor chose (the centre's own material, sent on purpose); whatever came from the channel
 * (inbound, or sent from Meta's own inbox and echoed back) loses every link.
 */
export function presentedFields(m: {
  channel: string;
  authorId: string | null;
  fields: Record<string, unknown> | null;
}): Record<string, unknown> | null {
  if (!m.fields || !LINK_CHANNELS.has(m.channel) || m.authorId !== null) return m.fields;
  return withoutLinks(m.fields) as Record<string, unknown>;
}
