/* Pure data and types, no imports: the web inbox bundles this file too (SHARED_WITH_INBOX). */

/** The states a case worker can be in while on shift. */
export const AVAILABILITY_STATES = ['available', 'busy', 'away'] as const;
export type AvailabilityState = (typeof AVAILABILITY_STATES)[number];

/** What a case worker wants to be told about, and how. */
export interface NotificationSettings {
  /** A new urgent case (every case worker). */
  urgent: boolean;
  /** A case was assigned to me. */
  assigned: boolean;
  /** The reporter wrote again on a case assigned to me. */
  reply: boolean;
  /** A short sound with the notification. */
  sound: boolean;
  /** Do not disturb (on a call): nothing pops up, the tab title still counts. */
  doNotDisturb: boolean;
  /** The notification may show the message's words; off by default (shared screens). */
  showContent: boolean;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  urgent: true,
  assigned: true,
  reply: true,
  sound: false,
  doNotDisturb: false,
  showContent: false,
};

/** One case worker on duty as the inbox and the board show them. */
export interface OnDuty {
  id: string;
  name: string;
  role: string;
  state: AvailabilityState;
  /** Open cases assigned to them (not closed, not merged away). */
  openCases: number;
}

/** One case as the board shows it: by reference, never its words. */
export interface BoardCase {
  id: string;
  reference: string;
  channel: string;
  priority: string;
  createdAt: string;
  /** When the first answer is due; null when the case has none. */
  dueAt: string | null;
  assigneeName: string | null;
}

export interface Board {
  at: string;
  /** Cases still waiting for a first answer, per channel, with the longest wait. */
  waiting: { channel: string; count: number; oldestSince: string }[];
  urgent: BoardCase[];
  unassigned: { count: number; oldest: BoardCase[] };
  /** First answers overdue now, and due within the next hour. */
  breaches: { now: BoardCase[]; nextHour: BoardCase[] };
  /** Phone callbacks still open whose time has come or comes within the hour (no numbers). */
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
