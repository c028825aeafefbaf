import type { ActivityBody, ActivityPatchBody, OutreachActivity } from '../../../src/outreach/outreach.schema.ts';
import { request } from '../api.ts';

export type { ActivityBody, OutreachActivity };

export interface ActivityFilter {
  from?: string;
  to?: string;
  kind?: string;
  municipality?: string;
  institution?: string;
}

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

/** One page of the register, newest first; `next` pages on. */
export function listActivities(f: ActivityFilter, cursor?: string | null, limit = 50) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  q.set('limit', String(limit));
  if (cursor) q.set('cursor', cursor);
  return request<{ items: OutreachActivity[]; next: string | null }>('GET', `/api/outreach?${q}`);
}

export const createActivity = (body: ActivityBody) => request<OutreachActivity>('POST', '/api/outreach', body);

export const correctActivity = (id: string, patch: ActivityPatchBody) =>
  request<OutreachActivity>('PATCH', `/api/outreach/${encodeURIComponent(id)}`, patch);

export const importCsv = (csv: string) => request<{ imported: number }>('POST', '/api/outreach/import', { csv });
