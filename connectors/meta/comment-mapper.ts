import { createHash } from 'node:crypto';
import type { AnyEnvelope, InboundEnvelope } from '../contract.ts';
import { safeUrl } from './attachments.ts';
import { type MetaChannel, type MetaPage, toDate } from './meta-page.ts';
import { feedChangeSchema, instagramCommentChangeSchema } from './webhook.schema.ts';

export interface CommentContext {
  channel: MetaChannel;
  page: MetaPage;
  /** entry.time: the moment Meta reports the change. */
  at: Date;
  receivedAt: Date;
}

/**
 * A public comment is its own case: it may expose a child in public, and its author never wrote
 * to the centre. There is no contact behind it (no private reply goes out by accident); the
 * author's public name is kept with the message. Replies in the comment thread join the case.
 */
const COMMENT_CASE = { kind: 'comment', anonymous: true, consent: false } as const;

const commentKey = (commentId: string) => `comment:${commentId}`;

function commentEnvelope(
  ctx: CommentContext,
  c: {
    id: string;
    text: string;
    parentId?: string | undefined;
    author?: { id: string; name?: string | undefined; username?: string | undefined } | undefined;
    occurredAt: Date;
    fields: Record<string, unknown>;
  },
): InboundEnvelope {
  const fromPage = c.author && (c.author.id === ctx.page.pageId || c.author.id === ctx.page.instagramId);
  return {
    channel: ctx.channel,
    externalId: commentKey(c.id),
    receivedAt: ctx.receivedAt.toISOString(),
    occurredAt: c.occurredAt.toISOString(),
    thread: { newCase: COMMENT_CASE, senderAsserted: false, ...(c.parentId && { replyTo: [commentKey(c.parentId)] }) },
    message: {
      text: c.text,
      fields: {
        source: 'comment',
        pageId: ctx.page.pageId,
        commentId: c.id,
        ...(c.parentId && { parentCommentId: c.parentId }),
        ...(c.author && {
          author: { id: c.author.id, name: c.author.name ?? null, username: c.author.username ?? null },
        }),
        ...c.fields,
      },
      flags: ['public_comment'],
      ...(fromPage && { direction: 'outbound' as const }),
    },
  };
}

/** One `changes` item of a page or Instagram entry → an envelope, or why it was skipped. */
export function mapCommentChange(raw: unknown, ctx: CommentContext): AnyEnvelope | { skipped: string } {
  if (ctx.channel === 'facebook') {
    const parsed = feedChangeSchema.safeParse(raw);
    if (!parsed.success) return { skipped: 'feed_change_not_a_comment' };
    const v = parsed.data.value;
    if (v.item !== 'comment' || !v.comment_id) return { skipped: `feed_${v.item}` };
    const occurredAt = toDate(v.created_time, ctx.at);
    switch (v.verb) {
      case 'add':
        return commentEnvelope(ctx, {
          id: v.comment_id,
          text: v.message ?? '',
          // A comment on the post itself has the post as parent; only a reply has a comment parent.
          parentId: v.parent_id && v.parent_id !== v.post_id ? v.parent_id : undefined,
          author: v.from,
          occurredAt,
          fields: { postId: v.post_id ?? null, permalink: safeUrl(v.post?.permalink_url) },
        });
      case 'edited': {
        const text = v.message ?? '';
        const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
        return {
          type: 'update',
          channel: ctx.channel,
          externalId: `comment-edit:${v.comment_id}:${digest}`,
          receivedAt: ctx.receivedAt.toISOString(),
          updates: [{ kind: 'edit', target: commentKey(v.comment_id), text, at: ctx.at.toISOString() }],
        };
      }
      case 'remove':
        return {
          type: 'update',
          channel: ctx.channel,
          externalId: `comment-remove:${v.comment_id}`,
          receivedAt: ctx.receivedAt.toISOString(),
          updates: [{ kind: 'unsend', target: commentKey(v.comment_id), at: ctx.at.toISOString() }],
        };
      default:
        return { skipped: `comment_${v.verb}` };
    }
  }
  const parsed = instagramCommentChangeSchema.safeParse(raw);
  if (!parsed.success) return { skipped: 'instagram_change_not_a_comment' };
  const v = parsed.data.value;
  return commentEnvelope(ctx, {
    id: v.id,
    text: v.text ?? '',
    parentId: v.parent_id,
    author: v.from,
    occurredAt: ctx.at,
    fields: { mediaId: v.media?.id ?? null, mediaType: v.media?.media_product_type ?? null },
  });
}
