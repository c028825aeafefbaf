/**
 * Meta's messaging window: a page may answer freely (messaging_type RESPONSE) for 24 hours after
 * the person's last message; with the HUMAN_AGENT tag (a permission the page must hold) a human
 * may still answer up to 7 days after it. Past that, nothing may be sent until they write again.
 */
const RESPONSE_WINDOW_MS = 24 * 3_600_000;
const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 3_600_000;

export type WindowMode = 'response' | 'human_agent' | 'closed';

export interface MessagingWindow {
  mode: WindowMode;
  canReply: boolean;
  /** When the current mode ends (open), or when the window closed (closed); null if they never wrote. */
  closesAt: Date | null;
}

export function messagingWindow(lastUserMessageAt: Date | null, now: Date, humanAgent: boolean): MessagingWindow {
  if (!lastUserMessageAt) return { mode: 'closed', canReply: false, closesAt: null };
  const since = now.getTime() - lastUserMessageAt.getTime();
  const responseEnds = new Date(lastUserMessageAt.getTime() + RESPONSE_WINDOW_MS);
  if (since < RESPONSE_WINDOW_MS) return { mode: 'response', canReply: true, closesAt: responseEnds };
  const humanEnds = new Date(lastUserMessageAt.getTime() + HUMAN_AGENT_WINDOW_MS);
  if (humanAgent && since < HUMAN_AGENT_WINDOW_MS) return { mode: 'human_agent', canReply: true, closesAt: humanEnds };
  return { mode: 'closed', canReply: false, closesAt: humanAgent ? humanEnds : responseEnds };
}

/** Longest text one message may carry: Messenger counts characters, Instagram bytes. */
export const TEXT_LIMIT = {
  facebook: { max: 2000, unit: 'characters' },
  instagram: { max: 1000, unit: 'bytes' },
} as const;

export function textFits(channel: 'facebook' | 'instagram', text: string): boolean {
  return channel === 'facebook' ? [...text].length <= TEXT_LIMIT.facebook.max : Buffer.byteLength(text) <= 1000;
}
