import type { CallerInfo, CallView, ImportReport } from '../../src/channels/phone/phone.schema.ts';
import type { ServerToClientEvents } from '../../src/inbox/contract.ts';
import { request } from './api.ts';

/** The phone routes' answers are the server's schemas (phone.schema.ts), imported as types only. */
export type { CallerInfo, CallView, ImportReport };

type CallbackEvent = Parameters<ServerToClientEvents['callback:updated']>[0];
export type CallbackView = CallbackEvent['callback'];

export interface ManualCall {
  number?: string;
  anonymous: boolean;
  direction: 'inbound' | 'outbound';
  durationSec?: number;
  category?: string;
  notes?: string;
  caseId?: string;
}

const enc = encodeURIComponent;

export const phoneApi = {
  logCall: (body: ManualCall, idempotencyKey: string) =>
    request<{ callId: string; duplicate: boolean; caseId: string | null }>('POST', '/api/calls/manual', body, {
      headers: { 'idempotency-key': idempotencyKey },
    }),
  finishCall: (callId: string, body: { durationSec: number; notes?: string }) =>
    request<{ callId: string }>('PATCH', `/api/calls/manual/${enc(callId)}`, body),
  importCalls: (format: 'asterisk' | 'generic', csv: string) =>
    request<ImportReport>('POST', '/api/calls/import', { format, csv }),
  caller: (number: string) => request<CallerInfo>('GET', `/api/calls/caller?number=${enc(number)}`),
  doNotCall: (number: string, doNotCall: boolean, reason?: string) =>
    request<{ number: string; doNotCall: boolean }>('POST', '/api/calls/do-not-call', {
      number,
      doNotCall,
      ...(reason && { reason }),
    }),
  callbackDone: (id: string) => request<CallbackView>('PATCH', `/api/callbacks/${enc(id)}`, { status: 'done' }),
};

/** crypto.randomUUID needs a secure context; an inbox on a plain-HTTP LAN address still needs keys. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** "7" → 420, "7:30" → 450, "" → undefined (call in progress); null when unreadable. */
export function parseDuration(raw: string): number | undefined | null {
  const v = raw.trim();
  if (v === '') return undefined;
  const m = /^(\d{1,4})(?::([0-5]?\d))?$/.exec(v);
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2] ?? 0);
}
