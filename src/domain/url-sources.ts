import { extractUrls, htmlLinkText } from './url-extract.ts';
import type { NormalisedUrl } from './url-normalise.ts';

/** A stored message as the URL scan reads it. */
export interface ScannableMessage {
  channel: string;
  direction: 'inbound' | 'outbound' | 'note';
  text: string;
  html: string | null;
  subject: string | null;
  fields: Record<string, unknown> | null;
  flags: string[] | null;
}

/** Mail systems' answers and wiped messages say nothing a reporter reported. */
const SKIPPED_FLAGS = new Set(['bounce', 'auto_reply', 'anonymised']);

const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

/**
 * Where a message's reported links are written, per channel. Only what the reporter sent counts:
 * our replies and internal notes are the centre's own words. A call is the exception: its notes
 * and transcript are what the caller said, whichever side dialled. Messenger and Instagram media
 * (`fields.attachments`, a story's or post's link) are the files themselves on Meta's servers, not
 * places a person reported, so only the text is read there.
 */
export function reportedTexts(m: ScannableMessage): string[] {
  if (m.flags?.some((f) => SKIPPED_FLAGS.has(f))) return [];
  const f = m.fields ?? {};
  if (m.channel === 'phone') return [...strings(f.notes), ...strings(f.transcript)];
  if (m.direction !== 'inbound') return [];
  switch (m.channel) {
    case 'web_form':
      return [...strings(f.urls), m.text];
    case 'email':
      return [m.subject ?? '', m.text, ...(m.html ? [htmlLinkText(m.html)] : [])];
    default:
      return [m.text];
  }
}

/** Every distinct reported link of a message, in the order first written. */
export function urlsOfMessage(m: ScannableMessage): NormalisedUrl[] {
  const seen = new Map<string, NormalisedUrl>();
  for (const text of reportedTexts(m)) for (const u of extractUrls(text)) if (!seen.has(u.key)) seen.set(u.key, u);
  return [...seen.values()];
}
