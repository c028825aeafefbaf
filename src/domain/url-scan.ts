import type { UrlItemView } from './url-items.ts';
import type { NormalisedUrl } from './url-normalise.ts';
import { hostIsOn } from './url-normalise.ts';
import { type PlatformView, platformOf } from './url-platforms.ts';
import { type ScannableMessage, urlsOfMessage } from './url-sources.ts';
import type { DomainEvent, EventPublisher } from './views.ts';

/**
 * The URL scan: after a message is committed, its reported links become items (or new reports
 * of items already there). It runs outside the ingest transaction, so it never slows what a
 * channel waits on; a message is scanned once (its `url_scans` mark is written with its reports),
 * so running it again, from the fast path, the sweep or another node, does nothing twice.
 */
export interface PendingMessage extends ScannableMessage {
  id: string;
  caseId: string;
  receivedAt: Date;
  createdAt: Date;
}

export interface ScanFinding {
  message: PendingMessage;
  urls: (NormalisedUrl & { platform: string | null })[];
}

export interface UrlScanStorePort {
  /** Of these messages, those not scanned yet. */
  pending(ids: string[]): Promise<PendingMessage[]>;
  /**
   * The messages not scanned yet of up to `limit` cases whose last activity is after `after` and
   * before `to`, in the order of that activity. Every message applied bumps its case's last
   * activity to the time it was applied, whatever the message's own date: so a message committed
   * after the last sweep is on a case this finds (a date on the message would miss an old mail or
   * an imported call).
   */
  pendingOfActiveCases(
    after: { at: Date; id: string | null },
    to: Date,
    limit: number,
  ): Promise<{ messages: PendingMessage[]; cases: { id: string; lastActivityAt: Date }[] }>;
  platforms(): Promise<PlatformView[]>;
  /**
   * In one transaction: the scan marks, new items, reports, counts and first/last reported. A
   * message another run has marked meanwhile is left to that run. Returns the items made and
   * the items that got a report.
   */
  record(findings: ScanFinding[], now: Date): Promise<{ created: string[]; updated: string[] }>;
  sweptThrough(): Promise<Date | null>;
  setSweptThrough(at: Date): Promise<void>;
}

export interface UrlScanDeps {
  store: UrlScanStorePort;
  /** Items as the inbox shows them (with `restricted`), for the live events. */
  views(ids: string[]): Promise<UrlItemView[]>;
  /** The ids of the items with these keys that are restricted now (before a scan adds reports to them). */
  restrictedByKey(keys: string[]): Promise<Set<string>>;
  publisher: EventPublisher;
  /** Links to these hosts (and under them) are the centre's own, not reports: the status page, our site. */
  ignoreHosts: readonly string[];
  /** How long a transaction that applies a message may take: the sweep reads only cases quiet that long. */
  settleMs: number;
  /** Where the sweep starts on a store it has never swept; default: the first sweep's own time. */
  sweepFrom?: Date;
  batchSize?: number;
}

export function createUrlScan(d: UrlScanDeps) {
  const batchSize = d.batchSize ?? 200;
  const ignored = (host: string) => d.ignoreHosts.some((h) => hostIsOn(host, h));

  async function scan(messages: PendingMessage[], now: Date): Promise<number> {
    if (messages.length === 0) return 0;
    const platforms = await d.store.platforms();
    const findings: ScanFinding[] = messages.map((message) => ({
      message,
      urls: urlsOfMessage(message)
        .filter((u) => !ignored(u.host))
        .map((u) => ({ ...u, platform: platformOf(u.host, platforms) })),
    }));
    // A report from a restricted case restricts its item: counselors who had it must drop it.
    const before = await d.restrictedByKey([...new Set(findings.flatMap((f) => f.urls.map((u) => u.key)))]);
    const { created, updated } = await d.store.record(findings, now);
    if (created.length + updated.length === 0) return messages.length;
    const views = new Map((await d.views([...created, ...updated])).map((v) => [v.id, v]));
    const events: DomainEvent[] = [];
    for (const id of created) {
      const url = views.get(id);
      if (url) events.push({ type: 'url:created', url });
    }
    for (const id of updated) {
      const url = views.get(id);
      if (url) events.push({ type: 'url:updated', url, changed: ['reports'], hide: url.restricted && !before.has(id) });
    }
    await d.publisher.publish(events);
    return messages.length;
  }

  return {
    /** The fast path: these messages were just committed. */
    async scanMessages(ids: string[], now = new Date()): Promise<number> {
      if (ids.length === 0) return 0;
      return scan(await d.store.pending(ids), now);
    },

    /**
     * The guarantee: every message of a case active since the last sweep and not scanned yet (the
     * fast path lost in a crash, or a path without it such as a call-log import). Returns how many.
     */
    async sweep(now = new Date()): Promise<number> {
      const to = new Date(now.getTime() - d.settleMs);
      const swept = await d.store.sweptThrough();
      const start = swept ?? d.sweepFrom ?? to;
      if (!swept) await d.store.setSweptThrough(start);
      let after: { at: Date; id: string | null } = { at: start, id: null };
      let total = 0;
      while (after.at < to) {
        const batch = await d.store.pendingOfActiveCases(after, to, batchSize);
        total += await scan(batch.messages, now);
        const last = batch.cases[batch.cases.length - 1];
        if (batch.cases.length < batchSize || !last) {
          await d.store.setSweptThrough(to);
          break;
        }
        after = { at: last.lastActivityAt, id: last.id };
        await d.store.setSweptThrough(last.lastActivityAt);
      }
      return total;
    },
  };
}

export type UrlScan = ReturnType<typeof createUrlScan>;
