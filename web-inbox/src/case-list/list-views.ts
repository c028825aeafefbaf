import type { CaseSummary } from '../../../src/inbox/contract.ts';

/** Mirrors src/domain/inbox-views.ts, to place a live event without asking the server again. */
export const VIEWS = ['mine', 'unassigned', 'open', 'urgent', 'waiting', 'closed', 'callbacks'] as const;
export type ListView = (typeof VIEWS)[number];

export interface ListFilters {
  channel?: string;
  category?: string;
  status?: string;
  assignee?: string;
}

const OPEN = ['new', 'open', 'waiting', 'referred'];

export function matchesView(view: ListView, f: ListFilters, c: CaseSummary, me: string): boolean {
  const statusOk = f.status
    ? c.status === f.status
    : view === 'closed'
      ? c.status === 'closed'
      : view === 'waiting'
        ? c.status === 'waiting'
        : OPEN.includes(c.status);
  if (!statusOk) return false;
  if (view === 'mine' && c.assigneeId !== me) return false;
  if (view === 'unassigned' && c.assigneeId !== null) return false;
  if (view === 'urgent' && c.priority !== 'urgent') return false;
  if (view === 'callbacks') return false; // callbacks are tasks, listed by the phone channel
  if (f.channel && c.channel !== f.channel) return false;
  if (f.category && c.category !== f.category) return false;
  if (f.assignee === 'me' && c.assigneeId !== me) return false;
  if (f.assignee === 'none' && c.assigneeId !== null) return false;
  return true;
}
