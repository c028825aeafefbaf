/**
 * The one contract every channel connector speaks. Connectors import only this file,
 * Node and their own SDKs; provider quirks stay inside the connector.
 */

export const CHANNEL_KINDS = ['web_form', 'email', 'facebook', 'instagram', 'phone'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const IDENTITY_KINDS = ['email', 'phone', 'facebook_psid', 'instagram_igsid'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export interface SenderIdentity {
  kind: IdentityKind;
  /** Normalised value: lower-cased e-mail, E.164 phone, page-scoped id. */
  value: string;
  displayName?: string;
}

export interface AttachmentMeta {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Where the bytes sit in quarantine storage; absent when withheld (too large, refused). */
  storageKey?: string;
  withheldReason?: string;
}

/** What a new case starts with when the envelope opens one. */
export interface NewCaseHints {
  /** Pre-allocated reference (the web form tells it to the reporter before the worker runs). */
  reference?: string;
  kind: 'report' | 'help' | 'conversation' | 'call' | 'comment';
  category?: string;
  anonymous: boolean;
  consent: boolean;
  receiptHash?: string;
  reporterRole?: string;
  ageGroup?: string;
  language?: string;
}

/**
 * A change to a message already stored (by the channel's id of that message): a reaction, an
 * edit, an unsend, or a delivery report for one of our replies.
 */
export type MessageUpdate =
  | { kind: 'reaction'; target: string; reaction: string | null; from: 'contact' | 'staff'; at: string }
  | { kind: 'edit'; target: string; text: string; at: string }
  | { kind: 'unsend'; target: string; at: string }
  | { kind: 'delivery'; target: string; status: DeliveryStatus; error?: string; at: string }
  /** Everything we sent to this recipient up to the watermark (Messenger read/delivery). */
  | {
      kind: 'delivery_watermark';
      recipient: SenderIdentity;
      watermark: string;
      status: 'delivered' | 'read';
      at: string;
    };

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** An event that changes stored messages and adds none. */
export interface UpdateEnvelope {
  type: 'update';
  channel: ChannelKind;
  /** Unique per channel: the idempotency key of this event. */
  externalId: string;
  receivedAt: string;
  updates: MessageUpdate[];
}

export interface InboundEnvelope {
  type?: 'message';
  channel: ChannelKind;
  /** Unique per channel: the message's idempotency key (Message-ID, mid, form submission id, call id). */
  externalId: string;
  receivedAt: string;
  occurredAt?: string;
  /** Who wrote; absent for anonymous reports. */
  sender?: SenderIdentity;
  /** Further identities the sender gave (a web-form reporter's phone beside the e-mail). */
  extraIdentities?: SenderIdentity[];
  thread: {
    /** Open a new case with these hints when no existing case matches. */
    newCase: NewCaseHints;
    /** Case reference quoted by the sender (e-mail subject "[KC-2026-000123]"). */
    caseReference?: string;
    /** External ids of earlier messages this one answers (In-Reply-To, References, reply_to.mid). */
    replyTo?: string[];
    /**
     * `caseReference` and `replyTo` are only what the sender wrote (a subject anyone can type, mail
     * headers anyone can set), not something the channel vouches for: they join that case only when
     * the sender is that case's contact. Anyone else opens a new case, linked to it and marked.
     * Required: every mapper says whether its channel vouches for the sender, so forgetting it
     * cannot mean "trusted".
     */
    senderAsserted: boolean;
    /**
     * Chat channels: join the contact's latest case on this channel that is not closed, so a
     * conversation stays one case (Messenger, Instagram). E-mail threads by headers instead.
     */
    joinOpenCase?: boolean;
    /**
     * Attach to exactly this case (by id) and never open one: the sender proved the case is theirs
     * (a reporter adding information on the status page with their receipt code).
     */
    caseId?: string;
  };
  message: {
    text: string;
    html?: string;
    subject?: string;
    /** Channel-specific structured data shown with the message (form fields, call data). */
    fields?: Record<string, unknown>;
    attachments?: AttachmentMeta[];
    /**
     * 'outbound' for messages our staff sent outside Kontakt that the channel echoes back
     * (Meta's own inbox); they join the thread and never count as the reporter writing.
     */
    direction?: 'inbound' | 'outbound';
    /** Flags shown with the message (auto-reply, bounce, …); never answered automatically when set. */
    flags?: string[];
  };
  /** Updates to other messages that this message carries (a bounce marks our reply failed). */
  effects?: MessageUpdate[];
}

export type AnyEnvelope = InboundEnvelope | UpdateEnvelope;

export interface OutboundReply {
  messageId: string;
  caseReference: string;
  /** The case's subject (an e-mail subject; null for chats and forms). */
  subject: string | null;
  text: string;
  /**
   * Where the reply goes, chosen by the core: the contact's own identity on the delivery channel (or
   * the address a counselor picked for this one reply). A connector sends there and nowhere else:
   * never to a Reply-To or From it finds in `lastInbound`.
   */
  to: SenderIdentity;
  /** External ids of the thread so far, newest last, for threading headers. */
  threadExternalIds: string[];
  /**
   * The contact's latest message on this connector's channel, if any: which mailbox or page it
   * reached (its fields) and when (messaging windows).
   */
  lastInbound: { externalId: string | null; fields: Record<string, unknown> | null; at: string } | null;
  /** Sent by the system (an acknowledgement), not by a counselor: marked so other robots do not answer it. */
  automatic: boolean;
  /** Files the counselor attached by URL (Meta sends them as attachments; e-mail lists the links). */
  attachments: ReplyAttachment[];
}

export interface ReplyAttachment {
  type: 'image' | 'video' | 'audio' | 'file';
  url: string;
}

export interface SendResult {
  externalId: string;
}

export interface ConnectorHealth {
  ok: boolean;
  detail?: string;
}

export interface Connector {
  readonly channel: ChannelKind;
  /** Identity kinds this connector can deliver replies to; empty when it only receives. */
  readonly replyIdentityKinds: readonly IdentityKind[];
  send?(reply: OutboundReply): Promise<SendResult>;
  health(): Promise<ConnectorHealth>;
}

/** A failure that retrying cannot fix (bad payload, refused recipient). */
export class PermanentChannelError extends Error {
  override name = 'PermanentChannelError';
}
