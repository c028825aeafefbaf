import type { CaseListQueryInput, CasePatchInput } from '../../src/http/routes/cases.schema.ts';
import type { SignedInUser } from '../../src/http/routes/users.schema.ts';
import type {
  CannedResponse,
  CaseDetail,
  CaseExtras,
  CasePage,
  CaseSummary,
  MessageView,
} from '../../src/inbox/contract.ts';

/*
 * The answers' types come from the server's schemas (type-only imports: nothing of the server
 * reaches the browser); what is declared here is the inbox's own (queries, its list rows).
 */
export type { CannedResponse, CaseExtras, CasePage };
export type User = SignedInUser;
export type CasePatch = CasePatchInput;

/** A row of the list: the server's rows carry their tags, a case from a live event does not. */
export type ListedCase = CaseSummary & { tags?: string[] };

/** GET /api/cases's query as the list sends it: one value per filter (the server takes lists too). */
export type CaseListQuery = {
  [K in keyof Omit<CaseListQueryInput, 'limit'>]?: string;
} & { view: string; limit?: number };

export interface MetaWindow {
  applicable: boolean;
  canReply: boolean;
  mode?: 'response' | 'human_agent' | 'closed';
  closesAt?: string | null;
  reason: string | null;
  message: Record<string, string> | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }

  /** The server's own words for a refusal (validation fields or a domain message), if any. */
  get reason(): string | undefined {
    const b = this.body as { fields?: { field?: unknown; message?: unknown }[]; message?: unknown } | null;
    if (b && Array.isArray(b.fields) && b.fields.length > 0) {
      return b.fields.map((f) => `${String(f.field ?? '')}: ${String(f.message ?? '')}`).join('; ');
    }
    return typeof b?.message === 'string' ? b.message : undefined;
  }
}

/** Network failure (server down, connection dropped): distinct from an HTTP answer. */
export class NetworkError extends Error {}

let onUnauthorized: () => void = () => {};
/** Called when any request (other than sign-in) finds the session gone. */
export const setUnauthorizedHandler = (fn: () => void) => {
  onUnauthorized = fn;
};

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: { quiet401?: boolean; headers?: Record<string, string> } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        // Every write is JSON: that is the server's CSRF guard.
        ...(method !== 'GET' && { 'content-type': 'application/json' }),
        ...opts.headers,
      },
      ...(method !== 'GET' && { body: JSON.stringify(body ?? {}) }),
    });
  } catch (err) {
    throw new NetworkError(String(err));
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = res.headers.get('content-type')?.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    if (res.status === 401 && !opts.quiet401) onUnauthorized();
    throw new ApiError(res.status, data);
  }
  return data as T;
}

export const api = {
  me: () => request<{ user: User }>('GET', '/api/me', undefined, { quiet401: true }),
  login: (email: string, password: string) =>
    request<{ user: User }>('POST', '/api/auth/login', { email, password }, { quiet401: true }),
  logout: () => request<void>('POST', '/api/auth/logout', {}, { quiet401: true }),
  cases(q: CaseListQuery): Promise<CasePage> {
    const p = new URLSearchParams({ limit: String(q.limit ?? 50) });
    // Every filter the list holds goes out: a new one cannot be forgotten here (the status filter was).
    for (const [k, v] of Object.entries(q)) if (k !== 'limit' && v) p.set(k, String(v));
    return request<CasePage>('GET', `/api/cases?${p}`);
  },
  extras: (id: string) => request<CaseExtras>('GET', `/api/cases/${encodeURIComponent(id)}/extras`),
  setTags: (id: string, tags: string[]) =>
    request<{ tags: string[] }>('PUT', `/api/cases/${encodeURIComponent(id)}/tags`, { tags }),
  setLanguage: (language: string) => request<void>('PUT', '/api/me/language', { language }),
  canned: () => request<{ items: CannedResponse[] }>('GET', '/api/canned-responses'),
  counts: () => request<Record<string, number>>('GET', '/api/cases/counts'),
  /** The phone channel's callbacks: the view exists only where this answers. */
  async callbacksAvailable(): Promise<boolean> {
    try {
      const res = await fetch('/api/callbacks', {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      return res.status === 200;
    } catch {
      return false;
    }
  },
  metaWindow: (caseId: string) =>
    request<MetaWindow>('GET', `/api/channels/meta/window?caseId=${encodeURIComponent(caseId)}`),
  /** The bytes come back as a download (Content-Disposition: attachment), never shown inline. */
  async revealFile(id: string): Promise<{ blob: Blob; fileName: string }> {
    let res: Response;
    try {
      res = await fetch(`/api/attachments/${encodeURIComponent(id)}/reveal`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    } catch (err) {
      throw new NetworkError(String(err));
    }
    if (!res.ok) throw new ApiError(res.status, null);
    const cd = res.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)?.[1];
    return { blob: await res.blob(), fileName: star ? decodeURIComponent(star) : 'attachment' };
  },
  revealLink: (messageId: string, index: number) =>
    request<{ url: string; type: string | null }>(
      'POST',
      `/api/messages/${encodeURIComponent(messageId)}/links/${index}/reveal`,
      {},
    ),
  case: (id: string) => request<CaseDetail>('GET', `/api/cases/${encodeURIComponent(id)}`),
  caseByReference: (reference: string) =>
    request<CaseDetail>('GET', `/api/cases/by-reference/${encodeURIComponent(reference)}`),
  patchCase: (id: string, patch: CasePatch) =>
    request<CaseSummary>('PATCH', `/api/cases/${encodeURIComponent(id)}`, patch),
  /** `to`: this one reply to another address seen on the case (audited); omitted = the contact's own. */
  addMessage: (id: string, kind: 'note' | 'reply', text: string, to?: string) =>
    request<MessageView>('POST', `/api/cases/${encodeURIComponent(id)}/messages`, {
      kind,
      text,
      ...(to !== undefined && { to }),
    }),
};
