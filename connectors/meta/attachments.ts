import type { MetaAttachment } from './webhook.schema.ts';

/**
 * What Kontakt keeps of a Meta attachment: its kind and the link Meta gave, never the bytes.
 * Media a child sends (or that is sent about a child) may be abuse material; it is not fetched
 * into the inbox, and images and videos stay hidden there until a counselor chooses to reveal them.
 */
export interface AttachmentLink {
  /** Meta's own type: image, video, audio, file, sticker, fallback, share, reel, ig_reel, story_mention, … */
  type: string;
  /** How the inbox treats it: media is hidden until revealed, links are shown as links. */
  kind: 'image' | 'video' | 'audio' | 'file' | 'sticker' | 'link' | 'story' | 'other';
  /** Meta's CDN or shared link (http/https only); null when Meta sent none. */
  url: string | null;
  title: string | null;
  /** The media id Meta gives for reels, posts and stickers. */
  mediaId: string | null;
  /** True for media a counselor must reveal on purpose (images, videos, stickers, stories, reels). */
  hidden: boolean;
}

const KIND: Record<string, AttachmentLink['kind']> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'file',
  sticker: 'sticker',
  animated_image: 'image',
  fallback: 'link',
  share: 'link',
  post: 'link',
  ig_post: 'link',
  template: 'link',
  reel: 'video',
  ig_reel: 'video',
  story_mention: 'story',
};

const HIDDEN = new Set<AttachmentLink['kind']>(['image', 'video', 'sticker', 'story']);

/** Only web links survive: a javascript: or data: "url" must never reach the inbox. */
export function safeUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export function attachmentLinks(attachments: MetaAttachment[] | undefined): AttachmentLink[] {
  if (!attachments?.length) return [];
  const links: AttachmentLink[] = [];
  // During Meta's sticker transition one sticker arrives twice: as "sticker" and as an "image" with sticker_id.
  const stickers = new Set(attachments.filter((a) => a.type === 'sticker').map((a) => a.payload?.sticker_id));
  for (const a of attachments) {
    const stickerId = a.payload?.sticker_id;
    if (a.type !== 'sticker' && stickerId !== undefined && stickers.has(stickerId)) continue;
    const kind = stickerId !== undefined ? 'sticker' : (KIND[a.type] ?? 'other');
    links.push({
      type: stickerId !== undefined ? 'sticker' : a.type,
      kind,
      url: safeUrl(a.payload?.url ?? a.url),
      title: a.payload?.title ?? a.title ?? null,
      mediaId: a.payload?.reel_video_id ?? a.payload?.ig_post_media_id ?? stickerId ?? null,
      hidden: HIDDEN.has(kind),
    });
  }
  return links;
}
