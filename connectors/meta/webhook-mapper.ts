import type { AnyEnvelope } from '../contract.ts';
import { mapCommentChange } from './comment-mapper.ts';
import { mapMessagingEvent } from './messaging-mapper.ts';
import { type MetaChannel, type PageFinder, toDate } from './meta-page.ts';
import { type MetaWebhook, messagingEventSchema } from './webhook.schema.ts';

export interface MappedWebhook {
  envelopes: AnyEnvelope[];
  /** What was left out and why (kind only: never content), for the log. */
  skipped: string[];
}

const CHANNEL_OF_OBJECT: Record<string, MetaChannel> = { page: 'facebook', instagram: 'instagram' };

/** Name an event Kontakt does not handle by its first known key, for the log. */
function eventKind(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return 'not_an_object';
  const keys = Object.keys(raw).filter((k) => !['sender', 'recipient', 'timestamp'].includes(k));
  return keys[0]?.slice(0, 40) ?? 'empty_event';
}

/**
 * A whole webhook POST → envelopes, in the order Meta sent them. Several entries and several
 * events per entry are normal (Meta batches); objects other than page/instagram are skipped.
 * Messages from pages that are not configured are still taken in (a person's words are never
 * dropped), but comments are only taken for pages that enabled them.
 */
export function mapWebhook(payload: MetaWebhook, opts: { receivedAt: Date; findPage: PageFinder }): MappedWebhook {
  const channel = CHANNEL_OF_OBJECT[payload.object];
  const out: MappedWebhook = { envelopes: [], skipped: [] };
  if (!channel) {
    out.skipped.push(`object_${payload.object.slice(0, 40)}`);
    return out;
  }
  for (const entry of payload.entry) {
    const events = [...(entry.messaging ?? []), ...(entry.standby ?? [])];
    for (const raw of events) {
      const parsed = messagingEventSchema.safeParse(raw);
      if (!parsed.success) {
        out.skipped.push(`malformed_${eventKind(raw)}`);
        continue;
      }
      const mapped = mapMessagingEvent(parsed.data, {
        channel,
        accountId: entry.id,
        receivedAt: opts.receivedAt,
        findPage: opts.findPage,
      });
      if ('skipped' in mapped) out.skipped.push(mapped.skipped === 'unhandled' ? eventKind(raw) : mapped.skipped);
      else out.envelopes.push(mapped);
    }
    if (!entry.changes?.length) continue;
    const page = opts.findPage(entry.id);
    if (!page?.comments) {
      out.skipped.push(...entry.changes.map(() => 'comments_disabled'));
      continue;
    }
    for (const change of entry.changes) {
      const mapped = mapCommentChange(change, {
        channel,
        page,
        at: toDate(entry.time, opts.receivedAt),
        receivedAt: opts.receivedAt,
      });
      if ('skipped' in mapped) out.skipped.push(mapped.skipped);
      else out.envelopes.push(mapped);
    }
  }
  return out;
}
