import type { Logger } from 'pino';
import type { GraphClient } from '../../../connectors/meta/graph-client.ts';
import { classifyGraphError, GraphError } from '../../../connectors/meta/graph-errors.ts';
import { pageFor } from '../../../connectors/meta/meta.connector.ts';
import type { MetaPage } from '../../../connectors/meta/meta-page.ts';
import type { CaseSummary, DomainEvent } from '../../domain/views.ts';
import { describeError } from '../../logging/describe-error.ts';
import type { MetaProfileRepository, ProfileKey } from './meta-profile.repository.ts';

export interface ProfileFetcherDeps {
  repo: MetaProfileRepository;
  graph: GraphClient;
  pages: ReadonlyMap<string, MetaPage>;
  /** Base delay before the first retry of a failed lookup. */
  retryMs: number;
  caseSummary(caseId: string): Promise<CaseSummary>;
  publish(events: DomainEvent[]): Promise<void>;
  markReauth(pageId: string, reason: string): Promise<void>;
  log: Logger;
}

/** A claim older than this belongs to a worker that stopped mid-lookup. */
const STALE_CLAIM_MS = 5 * 60_000;
const MAX_RETRY_MS = 24 * 3_600_000;
/** Lookups waiting in memory; past this, the sweep finds the rest in the store. */
const MAX_QUEUED = 1000;

const displayNameOf = (p: { name: string | null; username: string | null }): string | null =>
  p.name && p.username ? `${p.name} (@${p.username})` : (p.name ?? (p.username ? `@${p.username}` : null));

/**
 * Looks a person's name up once per PSID / IGSID, after their first message is stored, and puts
 * it on the contact. A failed lookup never holds a message back: the message is already in the
 * inbox under the id; the lookup is retried later with a growing delay, not on every message.
 */
export function createProfileFetcher(deps: ProfileFetcherDeps) {
  const queue = new Map<string, ProfileKey & { pageId: string | null }>();
  let draining: Promise<void> | null = null;

  async function lookUp(key: ProfileKey, pageId: string | null): Promise<void> {
    const now = new Date();
    if (!(await deps.repo.claim(key, pageId, now, new Date(now.getTime() - STALE_CLAIM_MS)))) return;
    const retryAt = (attempts: number) =>
      new Date(Date.now() + Math.min(deps.retryMs * 10 ** Math.min(attempts - 1, 4), MAX_RETRY_MS));
    const page = pageFor(deps.pages, pageId);
    if (!page) {
      await deps.repo.failed(key, 'page_not_configured', retryAt);
      return;
    }
    try {
      const profile = await deps.graph.profile(
        page.accessToken,
        key.value,
        key.kind === 'facebook_psid' ? 'facebook' : 'instagram',
      );
      await deps.repo.fetched(key, profile, new Date());
      const name = displayNameOf(profile);
      if (!name) return;
      const caseIds = await deps.repo.applyName(key, name, new Date());
      const events: DomainEvent[] = [];
      for (const id of caseIds)
        events.push({ type: 'case:updated', case: await deps.caseSummary(id), changed: ['contactName'] });
      await deps.publish(events);
    } catch (err) {
      const failure = err instanceof GraphError ? classifyGraphError(err) : null;
      if (failure?.kind === 'reauth') await deps.markReauth(page.pageId, failure.detail);
      const attempts = await deps.repo.failed(key, failure?.detail ?? describeError(err), retryAt);
      deps.log.info({ kind: key.kind, attempts, reason: failure?.reason ?? 'error' }, 'profile lookup failed');
    }
  }

  async function drain(): Promise<void> {
    for (;;) {
      const next = queue.entries().next();
      if (next.done) return;
      const [id, item] = next.value;
      queue.delete(id);
      await lookUp(item, item.pageId).catch((err) => deps.log.warn({ err }, 'profile lookup step failed'));
    }
  }

  function kick(): void {
    if (draining) return;
    draining = drain().finally(() => {
      draining = null;
      if (queue.size > 0) kick();
    });
  }

  /** Queue a lookup; returns at once (the inbound job does not wait for Meta). */
  function schedule(key: ProfileKey, pageId: string | null): void {
    if (queue.size >= MAX_QUEUED) return;
    queue.set(`${key.kind}:${key.value}`, { ...key, pageId });
    kick();
  }

  // Identities already handed over in this process: a chat of fifty messages asks the store once.
  const noticed = new Set<string>();

  return {
    schedule,

    /** A message from this person was stored: look them up unless that is already taken care of. */
    notice(key: ProfileKey, pageId: string | null): void {
      const id = `${key.kind}:${key.value}`;
      if (noticed.has(id)) return;
      if (noticed.size >= 10_000) noticed.clear();
      noticed.add(id);
      schedule(key, pageId);
    },

    /** Find lookups that are due (retries, stale claims, identities never looked up) and queue them. */
    async sweep(): Promise<void> {
      const now = new Date();
      for (const d of await deps.repo.due(now, new Date(now.getTime() - STALE_CLAIM_MS), 50)) schedule(d, d.pageId);
    },

    /** Resolves when the queue is empty (tests, shutdown). */
    async idle(): Promise<void> {
      while (draining) await draining;
    },
  };
}
