import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { GraphError } from './graph-errors.ts';
import { appSecretProof } from './signature.ts';

export interface GraphClientOptions {
  /** https://graph.facebook.com, or a local stand-in in tests. */
  baseUrl: string;
  /** e.g. v23.0 */
  version: string;
  appSecret: string;
  timeoutMs?: number;
}

export type MessagingType = { messaging_type: 'RESPONSE' } | { messaging_type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' };

export type OutgoingContent =
  | { text: string }
  | { attachment: { type: 'image' | 'video' | 'audio' | 'file'; url: string } };

export interface Profile {
  /** Facebook first + last name, or the Instagram name. */
  name: string | null;
  /** Instagram only. */
  username: string | null;
}

export interface GraphClient {
  /** Send API; returns Meta's message id. */
  send(
    pageId: string,
    token: string,
    recipientId: string,
    content: OutgoingContent,
    type: MessagingType,
  ): Promise<string>;
  /** User Profile API (PSID) or Instagram user profile (IGSID). */
  profile(token: string, userId: string, kind: 'facebook' | 'instagram'): Promise<Profile>;
  close(): void;
}

interface GraphErrorBody {
  error?: {
    message?: unknown;
    type?: unknown;
    code?: unknown;
    error_subcode?: unknown;
    fbtrace_id?: unknown;
    is_transient?: unknown;
  };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Turn whatever axios threw into a GraphError; the token never appears in it. */
function toGraphError(err: unknown): GraphError {
  if (!isAxiosError(err)) return new GraphError(err instanceof Error ? err.message : 'graph call failed', blank());
  const body = err.response?.data as GraphErrorBody | undefined;
  const e = body?.error;
  const status = err.response?.status ?? null;
  const message = str(e?.message) ?? (status ? `HTTP ${status}` : (err.code ?? 'no answer'));
  return new GraphError(message.slice(0, 500), {
    status,
    code: num(e?.code),
    subcode: num(e?.error_subcode),
    type: str(e?.type),
    fbtraceId: str(e?.fbtrace_id),
    transient: e?.is_transient === true,
  });
}

const blank = () => ({ status: null, code: null, subcode: null, type: null, fbtraceId: null, transient: false });

export function createGraphClient(opts: GraphClientOptions): GraphClient {
  const agents = { httpAgent: new http.Agent({ keepAlive: true }), httpsAgent: new https.Agent({ keepAlive: true }) };
  const api: AxiosInstance = axios.create({
    baseURL: `${opts.baseUrl.replace(/\/+$/, '')}/${opts.version}`,
    timeout: opts.timeoutMs ?? 15_000,
    ...agents,
    // Meta's answers are small; a huge one is not Meta.
    maxContentLength: 1_000_000,
    headers: { 'content-type': 'application/json' },
  });
  // The token goes in a header, not the URL, so it never lands in a proxy's access log.
  const auth = (token: string) => ({
    headers: { authorization: `Bearer ${token}` },
    params: { appsecret_proof: appSecretProof(token, opts.appSecret) },
  });

  return {
    async send(pageId, token, recipientId, content, type) {
      try {
        const res = await api.post(
          `/${encodeURIComponent(pageId)}/messages`,
          {
            recipient: { id: recipientId },
            ...type,
            message:
              'text' in content
                ? { text: content.text }
                : { attachment: { type: content.attachment.type, payload: { url: content.attachment.url } } },
          },
          auth(token),
        );
        const id = str((res.data as { message_id?: unknown })?.message_id);
        if (!id) throw new GraphError('Send API answered without a message_id', { ...blank(), status: res.status });
        return id;
      } catch (err) {
        throw err instanceof GraphError ? err : toGraphError(err);
      }
    },

    async profile(token, userId, kind) {
      const fields = kind === 'facebook' ? 'first_name,last_name' : 'name,username';
      try {
        const { params, headers } = auth(token);
        const res = await api.get(`/${encodeURIComponent(userId)}`, { headers, params: { ...params, fields } });
        const d = res.data as Record<string, unknown>;
        const name =
          kind === 'facebook'
            ? [str(d.first_name), str(d.last_name)].filter(Boolean).join(' ') || null
            : str(d.name)?.trim() || null;
        return { name: name?.slice(0, 200) ?? null, username: str(d.username)?.slice(0, 100) ?? null };
      } catch (err) {
        throw toGraphError(err);
      }
    },

    close() {
      agents.httpAgent.destroy();
      agents.httpsAgent.destroy();
    },
  };
}
