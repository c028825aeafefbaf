import type {
  AnyEnvelope,
  IdentityKind,
  InboundEnvelope,
  MessageUpdate,
  SenderIdentity,
  UpdateEnvelope,
} from '../contract.ts';
import { attachmentLinks, safeUrl } from './attachments.ts';
import { type MetaChannel, type PageFinder, toDate } from './meta-page.ts';
import type { MessagingEvent } from './webhook.schema.ts';

export interface EventContext {
  channel: MetaChannel;
  /** entry.id: the page id (Messenger) or Instagram account id. */
  accountId: string;
  receivedAt: Date;
  findPage: PageFinder;
}

/** Reaction names Meta sends when no emoji is given. */
const REACTION_EMOJI: Record<string, string> = {
  love: '❤️',
  like: '👍',
  dislike: '👎',
  smile: '😆',
  laugh: '😆',
  wow: '😮',
  sad: '😢',
  angry: '😠',
};

export const identityKind = (channel: MetaChannel): IdentityKind =>
  channel === 'facebook' ? 'facebook_psid' : 'instagram_igsid';

/** A person's conversation with the page is one case: join the open one, or open a new one. */
const CONVERSATION = { kind: 'conversation', anonymous: false, consent: true } as const;

/**
 * One messaging event → at most one envelope. Messages (and postbacks) carry their mid as the
 * idempotency key; reads, deliveries, reactions, edits and unsends become update envelopes whose
 * key is derived from the event itself, so a redelivered POST is the same event again.
 * Returns { skipped } when the event is not one Kontakt handles.
 */
export function mapMessagingEvent(ev: MessagingEvent, ctx: EventContext): AnyEnvelope | { skipped: string } {
  const page = ctx.findPage(ctx.accountId) ?? ctx.findPage(ev.recipient.id) ?? ctx.findPage(ev.sender.id);
  const own = new Set([ctx.accountId, page?.pageId, page?.instagramId].filter((x): x is string => !!x));
  const at = toDate(ev.timestamp, ctx.receivedAt);
  // Echoes come from the page (or Instagram account) to the person; the person is the contact.
  const fromPage = own.has(ev.sender.id) || ev.message?.is_echo === true;
  const user: SenderIdentity = {
    kind: identityKind(ctx.channel),
    value: fromPage ? ev.recipient.id : ev.sender.id,
  };
  const base = {
    channel: ctx.channel,
    receivedAt: ctx.receivedAt.toISOString(),
  };
  const pageFields = {
    pageId: page?.pageId ?? ctx.accountId,
    ...(ctx.channel === 'instagram' && { instagramId: page?.instagramId ?? ctx.accountId }),
  };
  const update = (externalId: string, ...updates: MessageUpdate[]): UpdateEnvelope => ({
    type: 'update',
    ...base,
    externalId,
    updates,
  });

  if (ev.message?.is_deleted) {
    return update(`unsend:${ev.message.mid}`, { kind: 'unsend', target: ev.message.mid, at: at.toISOString() });
  }
  if (ev.message) {
    const m = ev.message;
    const echo = fromPage;
    const attachments = attachmentLinks(m.attachments);
    const storyReply = m.reply_to?.story;
    const fields: Record<string, unknown> = {
      ...pageFields,
      ...(attachments.length > 0 && { attachments }),
      ...(m.quick_reply && { quickReply: m.quick_reply.payload }),
      ...(storyReply && { storyReply: { id: storyReply.id ?? null, url: safeUrl(storyReply.url) } }),
      ...(attachments.some((a) => a.type === 'story_mention') && { storyMention: true }),
      ...(m.is_unsupported && { unsupported: true }),
      ...(echo && m.app_id && { appId: m.app_id }),
    };
    const env: InboundEnvelope = {
      ...base,
      externalId: m.mid,
      occurredAt: at.toISOString(),
      sender: user,
      // Meta vouches for the sender (the PSID/IGSID) and for what its reply_to.mid names.
      thread: {
        newCase: CONVERSATION,
        joinOpenCase: true,
        senderAsserted: false,
        ...(m.reply_to?.mid && { replyTo: [m.reply_to.mid] }),
      },
      message: {
        text: m.text ?? '',
        fields,
        ...(echo && { direction: 'outbound' as const }),
        ...(m.is_unsupported && { flags: ['unsupported'] }),
      },
    };
    return env;
  }
  if (ev.postback) {
    const p = ev.postback;
    return {
      ...base,
      externalId: p.mid ?? `postback:${ev.sender.id}:${at.getTime()}`,
      occurredAt: at.toISOString(),
      sender: user,
      thread: { newCase: CONVERSATION, joinOpenCase: true, senderAsserted: false },
      message: {
        text: p.title ?? '',
        fields: { ...pageFields, postback: { title: p.title ?? null, payload: p.payload ?? null } },
        ...(fromPage && { direction: 'outbound' as const }),
      },
    };
  }
  if (ev.reaction) {
    const r = ev.reaction;
    const reaction =
      r.action === 'unreact' ? null : (r.emoji ?? REACTION_EMOJI[r.reaction ?? ''] ?? r.reaction ?? 'other');
    return update(`reaction:${ev.sender.id}:${r.mid}:${r.action}:${at.getTime()}`, {
      kind: 'reaction',
      target: r.mid,
      reaction,
      from: fromPage ? 'staff' : 'contact',
      at: at.toISOString(),
    });
  }
  if (ev.message_edit) {
    const e = ev.message_edit;
    if (e.text === undefined) return { skipped: 'message_edit_without_text' };
    return update(`edit:${e.mid}:${e.num_edit ?? at.getTime()}`, {
      kind: 'edit',
      target: e.mid,
      text: e.text,
      at: at.toISOString(),
    });
  }
  if (ev.read) {
    // Messenger gives a watermark; Instagram's messaging_seen names the last mid seen, so
    // everything sent to the person before the moment they looked counts as read.
    const watermark = toDate(ev.read.watermark ?? ev.timestamp, ctx.receivedAt);
    return update(`read:${user.value}:${watermark.getTime()}`, {
      kind: 'delivery_watermark',
      recipient: user,
      watermark: watermark.toISOString(),
      status: 'read',
      at: at.toISOString(),
    });
  }
  if (ev.delivery) {
    const watermark = toDate(ev.delivery.watermark, ctx.receivedAt);
    return update(`delivery:${user.value}:${watermark.getTime()}`, {
      kind: 'delivery_watermark',
      recipient: user,
      watermark: watermark.toISOString(),
      status: 'delivered',
      at: at.toISOString(),
    });
  }
  // Opt-ins, referrals, handovers and the like change no message; the caller names them.
  return { skipped: 'unhandled' };
}
