/** A failed Graph API call, with Meta's error body when there was one. */
export class GraphError extends Error {
  override name = 'GraphError';
  constructor(
    message: string,
    readonly details: {
      /** HTTP status; null when no answer came (timeout, refused connection). */
      status: number | null;
      code: number | null;
      subcode: number | null;
      type: string | null;
      fbtraceId: string | null;
      transient: boolean;
    },
  ) {
    super(message);
  }
}

/**
 * What a Graph error means for the message being sent:
 * - reauth: the page token is expired or revoked; the page needs re-authorising, the send fails.
 * - retry: rate limits and transient failures; the job backs off and tries again.
 * - permanent: retrying cannot help (outside the messaging window, person unavailable, …).
 */
export type GraphFailure =
  | { kind: 'reauth'; reason: string; detail: string }
  | { kind: 'retry'; reason: string; detail: string }
  | { kind: 'permanent'; reason: string; detail: string };

const RATE_LIMIT = new Set([4, 17, 32, 613, 80006]);
const TRANSIENT = new Set([1, 2, 1200]);

/** Reason codes the inbox can show (translated there); detail is Meta's own words, for admins. */
export function classifyGraphError(err: GraphError): GraphFailure {
  const { code, subcode, status, transient } = err.details;
  const detail = `Graph ${code ?? status ?? 'network'}${subcode ? `/${subcode}` : ''}: ${err.message}`.slice(0, 500);
  if (code === 190 || code === 102) return { kind: 'reauth', reason: 'page_needs_reauthorisation', detail };
  if (code !== null && RATE_LIMIT.has(code)) return { kind: 'retry', reason: 'rate_limited', detail };
  if ((code !== null && TRANSIENT.has(code)) || transient)
    return { kind: 'retry', reason: 'graph_unavailable', detail };
  if (code === 10 && subcode === 2018278) return { kind: 'permanent', reason: 'outside_messaging_window', detail };
  if (code === 551) return { kind: 'permanent', reason: 'recipient_unavailable', detail };
  if (code === 100 && subcode === 2018001) return { kind: 'permanent', reason: 'recipient_not_found', detail };
  if (code === 10 || (code !== null && code >= 200 && code < 300))
    return { kind: 'permanent', reason: 'permission_denied', detail };
  if (code === 368) return { kind: 'permanent', reason: 'page_blocked_by_meta', detail };
  if (code === null) {
    // No Graph body: the network or an intermediary failed; 5xx and 429 pass, other 4xx will not.
    if (status === null || status >= 500 || status === 429)
      return { kind: 'retry', reason: 'graph_unavailable', detail };
    return { kind: 'permanent', reason: `graph_http_${status}`, detail };
  }
  return { kind: 'permanent', reason: `graph_error_${code}`, detail };
}
