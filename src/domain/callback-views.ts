/** Callback tasks as the inbox and the socket events see them (phone channel). */
export const CALLBACK_STATUSES = ['open', 'attempted', 'done', 'cancelled'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];
export const ACTIVE: CallbackStatus[] = ['open', 'attempted'];
export const ATTEMPT_RESULTS = ['reached', 'no_answer', 'busy', 'wrong_number'] as const;
export type AttemptResult = (typeof ATTEMPT_RESULTS)[number];

export interface CallbackView {
  id: string;
  number: string;
  status: CallbackStatus;
  reason: 'missed' | 'abandoned' | 'voicemail';
  missedCalls: number;
  transcript: string | null;
  firstCallId: string;
  lastCallId: string;
  caseId: string | null;
  caseReference: string | null;
  contactId: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  dueAt: string;
  overdue: boolean;
  attempts: { at: string; result: AttemptResult; callId: string | null; userId: string | null; note: string | null }[];
  resolution: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface CallbackCounts {
  open: number;
  attempted: number;
  overdue: number;
}
