import type { AvailabilityState, Board, NotificationSettings, OnDuty } from '../../../src/shift/shift.ts';
import { request } from '../api.ts';

/* The shift's answers as the server sends them (src/shift/, docs/shift.md): the types and the states are the server's own. */
export type { AvailabilityState, Board, BoardCase, NotificationSettings, OnDuty } from '../../../src/shift/shift.ts';
export { AVAILABILITY_STATES } from '../../../src/shift/shift.ts';

export interface Handover {
  id: string;
  author: { id: string; name: string };
  note: string;
  open: {
    urgentCases: { id: string; reference: string; channel: string; assigneeName: string | null; since: string }[];
    callbacks: { id: string; reason: string; dueAt: string; attempts: number; overdue: boolean }[];
    overdueReferrals: { id: string; caseId: string; reference: string; institution: string; sentAt: string }[];
  };
  createdAt: string;
  acknowledged: { by: { id: string; name: string }; at: string } | null;
}

export const shiftApi = {
  availability: () => request<{ state: AvailabilityState }>('GET', '/api/me/availability'),
  setAvailability: (state: AvailabilityState) =>
    request<{ state: AvailabilityState }>('PUT', '/api/me/availability', { state }),
  onDuty: () => request<{ items: OnDuty[] }>('GET', '/api/on-duty'),
  settings: () => request<NotificationSettings>('GET', '/api/me/notification-settings'),
  saveSettings: (s: NotificationSettings) => request<NotificationSettings>('PUT', '/api/me/notification-settings', s),
  board: () => request<Board>('GET', '/api/board'),
  writeHandover: (note: string) => request<Handover>('POST', '/api/handovers', { note }),
  pendingHandovers: () => request<{ items: Handover[] }>('GET', '/api/handovers/pending'),
  acknowledge: (id: string) => request<Handover>('POST', `/api/handovers/${encodeURIComponent(id)}/acknowledge`, {}),
  searchHandovers: (q: string) =>
    request<{ items: Handover[]; next: string | null }>(
      'GET',
      `/api/handovers${q ? `?${new URLSearchParams({ q })}` : ''}`,
    ),
};
