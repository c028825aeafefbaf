/**
 * The contract between the server and the web inbox: socket events and the shapes they carry.
 * web-inbox imports only types from here.
 */
import type { CaseDetail, CaseSummary, DomainEvent, MessageView } from '../domain/views.ts';
import type { Notice } from './notify.ts';

export type { Carried } from '../domain/case-merge.service.ts';
export type { CannedResponse } from '../domain/inbox-extras.service.ts';
export type { RecordedOutcome } from '../domain/outcomes.ts';
export type {
  LinkSuggestion,
  NoteResult,
  PersonCase,
  PersonChange,
  PersonIdentity,
  PersonNote,
  PersonPage,
  SplitResult,
} from '../domain/people.service.ts';
export type { InstitutionView, ReferralDraft, ReferralView } from '../domain/referrals.ts';
export type { LabelledCount, ReportSummary } from '../domain/report-summary.ts';
export type { CaseStats } from '../domain/stats.ts';
export type {
  UrlActionView,
  UrlItemDetail,
  UrlItemView,
  UrlReportView,
} from '../domain/url-items.ts';
export type { PlatformView } from '../domain/url-platforms.ts';
export type { UrlStats } from '../domain/url-stats.ts';
export type { CaseExtras, CasePage } from '../domain/views.ts';
export type { Notice, NoticeKind } from './notify.ts';
export type { CaseDetail, CaseSummary, MessageView };

type EventOf<T extends DomainEvent['type']> = Omit<Extract<DomainEvent, { type: T }>, 'type'>;

export interface Viewer {
  userId: string;
  name: string;
}

/** Who has a case open and who is typing in it right now (across every api node). */
export interface Presence {
  caseId: string;
  viewers: Viewer[];
  typing: Viewer[];
}

/** One channel probe as the inbox sees it: no error text, only a short reason code. */
export interface ChannelHealthState {
  /** "email", "smtp:<mailbox>", "meta:<pageId>" */
  name: string;
  ok: boolean;
  /** When the current state began (ISO). */
  since: string;
  /** "connection", "auth", "temporary", "imap-down", "token-refused", "timeout", "failing"; null when ok. */
  reason: string | null;
}

/** Server → client */
export interface ServerToClientEvents {
  'case:created': (e: EventOf<'case:created'>) => void;
  'case:updated': (e: EventOf<'case:updated'>) => void;
  'message:created': (e: EventOf<'message:created'>) => void;
  'message:updated': (e: EventOf<'message:updated'>) => void;
  /** A phone callback task changed (and the open/attempted/overdue counts for the view's badge). */
  'callback:updated': (e: EventOf<'callback:updated'>) => void;
  /** A reported URL was found (each role gets only the items it may see). */
  'url:created': (e: EventOf<'url:created'>) => void;
  /** A reported URL changed: a new report, its assessment, an action, a reminder. */
  'url:updated': (e: EventOf<'url:updated'>) => void;
  /** To counselors: an item they had is now restricted (abuse material): drop it. */
  'url:hidden': (e: { id: string }) => void;
  /** Sent right after connecting: who the server thinks you are. */
  hello: (e: { userId: string; serverTime: string }) => void;
  /** A case's tags changed (the whole new set). */
  'case:tags': (e: EventOf<'case:tags'>) => void;
  /** A case's description changed: the whole description and what closing still needs. */
  'case:described': (e: EventOf<'case:described'>) => void;
  /** A case became urgent by the urgency rules: the inbox alerts supervisors and admins. */
  'case:urgent': (e: EventOf<'case:urgent'>) => void;
  /** A referral of a case changed (its whole new state, with the overdue flag). */
  'referral:updated': (e: EventOf<'referral:updated'>) => void;
  /** Contacts were linked, split or noted: a contact page or case showing any of them reloads. */
  'person:updated': (e: EventOf<'person:updated'>) => void;
  /** A case was merged into another: it leaves the list, an open view of it moves to `into`. */
  'case:merged': (e: EventOf<'case:merged'>) => void;
  /** A message moved from one case to another: both views and list rows update. */
  'message:moved': (e: EventOf<'message:moved'>) => void;
  /** A new urgent case (every case worker), a case assigned to you, a reply on your case: reference only. */
  notify: (e: Notice) => void;
  /** A case worker set available, busy or away (to every case worker). */
  'presence:updated': (e: EventOf<'presence:updated'>) => void;
  /** To the case room and to 'inbox' (the list's "viewing" marker). */
  'presence:update': (e: Presence) => void;
  /** Some channel probe changed state (IMAP, SMTP sending, a Meta page): the whole current list. */
  'channels:health': (e: { channels: ChannelHealthState[] }) => void;
}

/** Client → server */
export interface ClientToServerEvents {
  'case:watch': (e: { caseId: string }, ack?: (r: { ok: boolean; presence?: Presence }) => void) => void;
  'case:unwatch': (e: { caseId: string }) => void;
  /** Sent while the counselor types a reply or note (true) and when they stop or send (false). */
  'case:typing': (e: { caseId: string; typing: boolean }) => void;
  /** Every case someone is viewing: asked for after each (re)connect. */
  'presence:all': (ack: (r: Presence[]) => void) => void;
}

export const INBOX_ROOM = 'inbox';
export const caseRoom = (caseId: string) => `case:${caseId}`;
