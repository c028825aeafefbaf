import { z } from 'zod';

/**
 * Meta's Graph webhook payloads (Messenger Platform, Instagram Messaging, Page feed and Instagram
 * comments), as far as Kontakt reads them. The top level is checked strictly; each event is
 * checked on its own, so one event of an unknown or changed shape never costs the others.
 */

/** Ids are strings in Meta's JSON, but some (app_id, sticker_id) arrive as numbers. */
const graphId = z.union([z.string().min(1).max(256), z.number().int().nonnegative()]).transform(String);

/** Milliseconds in messaging events, seconds in feed changes; postbacks send numeric strings. */
const graphTime = z.union([
  z.number().nonnegative(),
  z
    .string()
    .regex(/^\d{1,16}$/)
    .transform(Number),
]);

const text = z.string().max(100_000);
const link = z.string().max(8192);
const mid = z.string().min(1).max(1024);

export const attachmentSchema = z.object({
  type: z.string().min(1).max(64),
  payload: z
    .object({
      url: link.optional(),
      title: z.string().max(2000).optional(),
      sticker_id: graphId.optional(),
      reel_video_id: graphId.optional(),
      ig_post_media_id: graphId.optional(),
    })
    .nullish(),
  // Older fallback attachments carry the shared link at the top level with a null payload.
  title: z.string().max(2000).nullish(),
  url: link.nullish(),
});
export type MetaAttachment = z.infer<typeof attachmentSchema>;

const messageSchema = z.object({
  mid,
  text: text.optional(),
  is_echo: z.boolean().optional(),
  app_id: graphId.optional(),
  metadata: z.string().max(2000).optional(),
  quick_reply: z.object({ payload: z.string().max(2000) }).optional(),
  reply_to: z
    .object({
      mid: mid.optional(),
      story: z.object({ url: link.optional(), id: graphId.optional() }).optional(),
    })
    .optional(),
  attachments: z.array(attachmentSchema).max(100).optional(),
  is_deleted: z.boolean().optional(),
  is_unsupported: z.boolean().optional(),
});

export const messagingEventSchema = z.object({
  sender: z.object({ id: graphId }),
  recipient: z.object({ id: graphId }),
  timestamp: graphTime.optional(),
  message: messageSchema.optional(),
  postback: z
    .object({ mid: mid.optional(), title: z.string().max(2000).optional(), payload: z.string().max(2000).optional() })
    .optional(),
  /** Messenger: watermark; Instagram messaging_seen: the mid last seen. */
  read: z.object({ watermark: graphTime.optional(), mid: mid.optional() }).optional(),
  delivery: z.object({ mids: z.array(mid).max(1000).optional(), watermark: graphTime }).optional(),
  reaction: z
    .object({
      mid,
      action: z.enum(['react', 'unreact']),
      reaction: z.string().max(64).optional(),
      emoji: z.string().max(64).optional(),
    })
    .optional(),
  message_edit: z.object({ mid, text: text.optional(), num_edit: graphTime.optional() }).optional(),
});
export type MessagingEvent = z.infer<typeof messagingEventSchema>;

/** Page feed change for a comment (field "feed", item "comment"). */
export const feedChangeSchema = z.object({
  field: z.literal('feed'),
  value: z.object({
    item: z.string().max(64),
    verb: z.string().max(64),
    comment_id: graphId.optional(),
    post_id: graphId.optional(),
    parent_id: graphId.optional(),
    message: text.optional(),
    created_time: graphTime.optional(),
    from: z.object({ id: graphId, name: z.string().max(512).optional() }).optional(),
    post: z.object({ permalink_url: link.optional() }).optional(),
  }),
});

/** Instagram comment on the account's media (field "comments"). */
export const instagramCommentChangeSchema = z.object({
  field: z.literal('comments'),
  value: z.object({
    id: graphId,
    text: text.optional(),
    from: z.object({ id: graphId, username: z.string().max(512).optional() }).optional(),
    media: z.object({ id: graphId, media_product_type: z.string().max(64).optional() }).optional(),
    parent_id: graphId.optional(),
  }),
});

const entrySchema = z.object({
  id: graphId,
  time: graphTime.optional(),
  messaging: z.array(z.unknown()).max(1000).optional(),
  /** Events for conversations another app (Meta's own inbox) controls: still the person's words. */
  standby: z.array(z.unknown()).max(1000).optional(),
  changes: z.array(z.unknown()).max(1000).optional(),
});

export const webhookSchema = z.object({
  object: z.string().max(64),
  entry: z.array(entrySchema).max(1000),
});
export type MetaWebhook = z.infer<typeof webhookSchema>;
