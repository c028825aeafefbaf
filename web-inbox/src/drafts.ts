const PREFIX = 'kontakt.inbox.drafts.';
const MAX_AGE_MS = 7 * 24 * 3600_000;

interface Draft {
  kind: 'note' | 'reply';
  text: string;
  at?: number;
}

/**
 * Drafts per case in this browser's storage, so a reload (or a crash) keeps half-written replies.
 * Old drafts expire: a shared computer should not keep a week-old reply around forever.
 */
export class DraftStore {
  private all: Record<string, Draft> = {};
  private readonly key: string;

  /** Per counselor: on a shared computer nobody sees another's half-written words. */
  constructor(userId: string) {
    this.key = PREFIX + userId;
    try {
      const raw = JSON.parse(localStorage.getItem(this.key) ?? '{}') as unknown;
      if (raw && typeof raw === 'object') this.all = raw as Record<string, Draft>;
    } catch {
      this.all = {};
    }
    const now = Date.now();
    for (const [id, d] of Object.entries(this.all)) if (!d.at || now - d.at > MAX_AGE_MS) delete this.all[id];
  }

  get(caseId: string): Draft | undefined {
    return this.all[caseId];
  }

  set(caseId: string, d: Draft): void {
    if (d.text === '') delete this.all[caseId];
    else this.all[caseId] = { ...d, at: Date.now() };
    this.save();
  }

  delete(caseId: string): void {
    delete this.all[caseId];
    this.save();
  }

  private save(): void {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.all));
    } catch {
      // Storage refused: the draft lives as long as the page.
    }
  }
}

/** Signing out on purpose forgets the drafts (a reload or an expired session keeps them). */
export function forgetDrafts(userId: string): void {
  try {
    localStorage.removeItem(PREFIX + userId);
  } catch {
    // Nothing stored.
  }
}
