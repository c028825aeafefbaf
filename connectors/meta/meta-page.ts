/** One Facebook page (and the Instagram account linked to it) that Kontakt answers for. */
export interface MetaPage {
  pageId: string;
  /** Page access token: Send API and profile lookups for the page and its Instagram account. */
  accessToken: string;
  instagramId?: string;
  /** The page may use the HUMAN_AGENT tag: replies up to 7 days after the person's last message. */
  humanAgent: boolean;
  /** Page feed and Instagram comments become cases (off by default: public comments are noisy). */
  comments: boolean;
}

export type MetaChannel = 'facebook' | 'instagram';

/** Which configured page an id from a webhook belongs to (a page id or an Instagram account id). */
export type PageFinder = (accountId: string) => MetaPage | undefined;

export function pageFinder(pages: readonly MetaPage[]): PageFinder {
  const byId = new Map<string, MetaPage>();
  for (const p of pages) {
    byId.set(p.pageId, p);
    if (p.instagramId) byId.set(p.instagramId, p);
  }
  return (id) => byId.get(id);
}

/** Time in a webhook: milliseconds, or seconds in feed changes. */
export function toDate(t: number | undefined, fallback: Date): Date {
  if (t === undefined || !Number.isFinite(t) || t <= 0) return fallback;
  return new Date(t < 100_000_000_000 ? t * 1000 : t);
}
