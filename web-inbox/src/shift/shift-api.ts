import { request } from '../api.ts';

/* The shift's answers as the server sends them (src/shift/, docs/shift.md). */

export const AVAILABILITY_STATES = ['available', 'busy', 'away'] as const;
export type AvailabilityState = (typeof AVAILABILITY_STATES)[number];

export interface NotificationSettings {
  urgent: boolean;
  assigned: boolean;
  reply: boolean;
  sound: boolean;
  doNotDisturb: boolean;
  showContent: boolean;
}

export interface OnDuty {
  id: string;
  name: string;
  role: string;
  state: AvailabilityState;
  openCases: number;
}

export interface BoardCase {
  id: string;
  reference: string;
  channel: string;
  priority: string;
  createdAt: string;
  dueAt: string | null;
  assigneeName: string | null;
}

export interface Board {
  at: string;
  waiting: { channel: string; count: number; oldestSince: string }[];
  urgent: BoardCase[];
  unassigned: { count: number; oldest: BoardCase[] };
  breaches: { now: BoardCase[]; nextHour: BoardCase[] };
  callbacks: {
    id: string;
    reason: string;
    dueAt: string;
    attempts: number;
    overdue: boolean;
    assigneeName: string | null;
  }[];
  onDuty: OnDuty[];
}

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
