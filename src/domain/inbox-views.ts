import type { CaseStatus, Priority } from './taxonomy.ts';

/**
 * The inbox's views, defined once on the server so that a view's list and its count can never
 * disagree. "callbacks" is not here: it belongs to the phone channel's own endpoint.
 */
export const INBOX_VIEWS = ['mine', 'unassigned', 'open', 'urgent', 'waiting', 'closed'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'open', 'waiting', 'referred'];

export interface ViewFilter {
  status: readonly CaseStatus[];
  /** "me" resolves to the signed-in counselor, "none" = unassigned. */
  assignee?: 'me' | 'none';
  priority?: readonly Priority[];
}

export const VIEW_FILTERS: Readonly<Record<InboxView, ViewFilter>> = {
  mine: { status: OPEN_STATUSES, assignee: 'me' },
  unassigned: { status: OPEN_STATUSES, assignee: 'none' },
  open: { status: OPEN_STATUSES },
  urgent: { status: OPEN_STATUSES, priority: ['urgent'] },
  waiting: { status: ['waiting'] },
  closed: { status: ['closed'] },
};

export type ViewCounts = Record<InboxView, number>;
