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
