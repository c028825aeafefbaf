import type { CaseSummary } from '../../../src/inbox/contract.ts';

const MAX_ENTRIES = 5_000;

/**
 * Per-user read markers, kept in this browser: a case is unread when it has activity after the
 * counselor last had it open.
 */
export class SeenMarkers {
  private readonly key: string;
  private seen: Record<string, string>;

  constructor(userId: string) {
    this.key = `kontakt.inbox.seen.${userId}`;
    this.seen = {};
    try {
      const raw = JSON.parse(localStorage.getItem(this.key) ?? '{}') as unknown;
      if (raw && typeof raw === 'object') this.seen = raw as Record<string, string>;
    } catch {
      // Unreadable markers: everything shows as unread once, which is the safe side.
    }
  }

  isSeen(c: CaseSummary): boolean {
    const at = this.seen[c.id];
    return at !== undefined && Date.parse(at) >= Date.parse(c.lastActivityAt);
  }

  mark(c: CaseSummary): void {
    if (this.isSeen(c)) return;
    this.seen[c.id] = c.lastActivityAt;
    const ids = Object.keys(this.seen);
    if (ids.length > MAX_ENTRIES) for (const id of ids.slice(0, ids.length - MAX_ENTRIES)) delete this.seen[id];
    try {
      localStorage.setItem(this.key, JSON.stringify(this.seen));
    } catch {
      // Storage full or private mode: markers last for this page.
    }
  }
}
