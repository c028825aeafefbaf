import type { AuditOf } from './audit.ts';
import type { Actor } from './case.service.ts';
import { ValidationError } from './errors.ts';
import { seesKnownMaterial } from './known-material-view.ts';
import { MAX_TERMS, parseQuery, type SearchTerm } from './search-query.ts';
import { bestSnippet, type Highlight, type SnippetSource } from './search-snippet.ts';
import type { CaseStatus, Priority } from './taxonomy.ts';
import type { CaseSummary } from './views.ts';

/** Filters combine with the text and with each other (and); a list means any of its values. */
export interface SearchFilters {
  channel?: string[];
  status?: CaseStatus[];
  priority?: Priority[];
  category?: string[];
  /** The case carries every tag listed. */
  tags?: string[];
  /** A user id, or "none" for unassigned. */
  assignee?: string;
  reporterRole?: string[];
  ageGroup?: string[];
  /** Referred to any of these institutions. */
  institution?: string[];
  hasAttachments?: boolean;
  /** Created at or after. */
  from?: Date;
  /** Created before. */
  to?: Date;
}

export type SearchSort = 'relevance' | 'newest';

/**
 * Where a page ends. tier 1: cases whose own texts (reference, contact, identities, tags) match,
 * listed first by relevance; tier 2: the others. `at`/`id` null: the tier's start.
 */
export interface SearchCursor {
  tier: 1 | 2;
  at: string | null;
  id: string | null;
}

export interface SearchRequest {
  terms: SearchTerm[];
  filters: SearchFilters;
  sort: SearchSort;
  cursor: SearchCursor | null;
  limit: number;
  /** Cases with known abuse material stay out of the search (and its counts) for this role. */
  hideKnownMaterial: boolean;
}

/** One found case: what the result shows of it, and the texts its snippet may come from (best first). */
export interface SearchPageRow {
  summary: Pick<
    CaseSummary,
    | 'id'
    | 'reference'
    | 'status'
    | 'priority'
    | 'category'
    | 'channel'
    | 'contactName'
    | 'assigneeId'
    | 'assigneeName'
    | 'createdAt'
    | 'lastActivityAt'
    | 'preview'
  >;
  sources: SnippetSource[];
}

/**
 * The search as the store runs it: the page's cases in order and where the next page starts. The
 * audit entries (made from the found case ids) are written by the same transaction that reads the page.
 */
export interface SearchStorePort {
  search(r: SearchRequest, audit: AuditOf<string[]>): Promise<{ rows: SearchPageRow[]; next: SearchCursor | null }>;
}

export interface SearchResult {
  caseId: string;
  reference: string;
  status: CaseStatus;
  priority: Priority;
  category: string | null;
  channel: string;
  contactName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: string;
  lastActivityAt: string;
  /** Plain text (never HTML) around the first match, or the case's preview when only filters were given. */
  snippet: string;
  /** The matched words in `snippet`, as UTF-16 offsets [start, end). */
  highlights: Highlight[];
  /** reference, contact, identity, tag, subject, message, note, or a message field (urls, from, …); null: no text searched. */
  matchedIn: string | null;
  /** The message the snippet comes from. */
  messageId: string | null;
}

export interface SearchInput {
  q: string;
  filters: SearchFilters;
  sort: SearchSort;
  cursor?: string;
  limit: number;
}

export function encodeCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify([c.tier, c.at, c.id])).toString('base64url');
}

function decodeCursor(s: string): SearchCursor {
  try {
    const [tier, at, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    const startOfTier = at === null && id === null;
    const position =
      typeof at === 'string' &&
      !Number.isNaN(Date.parse(at)) &&
      typeof id === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    if ((tier === 1 || tier === 2) && (startOfTier || position)) return { tier, at, id } as SearchCursor;
  } catch {
    // falls through to the 400 below
  }
  throw new ValidationError('invalid search', [{ field: 'cursor', message: 'not a cursor of this search' }]);
}

export function createSearchService(d: { store: SearchStorePort }) {
  return {
    async search(actor: Actor, input: SearchInput): Promise<{ results: SearchResult[]; nextCursor: string | null }> {
      const terms = parseQuery(input.q);
      if (terms.length > MAX_TERMS)
        throw new ValidationError('invalid search', [{ field: 'q', message: `at most ${MAX_TERMS} words` }]);
      const cursor = input.cursor ? decodeCursor(input.cursor) : null;
      const { rows, next } = await d.store.search(
        {
          terms,
          filters: input.filters,
          sort: input.sort,
          cursor,
          limit: input.limit,
          hideKnownMaterial: !seesKnownMaterial(actor.role),
        },
        // Who searched for what, and how many cases it showed them (never the cases' contents).
        (found) => [
          {
            actorId: actor.id,
            action: 'case.search',
            entityType: 'search',
            ip: actor.ip,
            details: {
              q: input.q,
              filters: {
                ...input.filters,
                from: input.filters.from?.toISOString(),
                to: input.filters.to?.toISOString(),
              },
              sort: input.sort,
              ...(input.cursor && { cursor: input.cursor }),
              results: found.length,
            },
          },
        ],
      );
      const results = rows.map(({ summary: s, sources }): SearchResult => {
        const snippet = bestSnippet(sources, terms);
        return {
          caseId: s.id,
          reference: s.reference,
          status: s.status,
          priority: s.priority,
          category: s.category,
          channel: s.channel,
          contactName: s.contactName,
          assigneeId: s.assigneeId,
          assigneeName: s.assigneeName,
          createdAt: s.createdAt,
          lastActivityAt: s.lastActivityAt,
          snippet: snippet?.text ?? s.preview,
          highlights: snippet?.highlights ?? [],
          matchedIn: snippet?.source ?? null,
          messageId: snippet?.messageId ?? null,
        };
      });
      return { results, nextCursor: next ? encodeCursor(next) : null };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
