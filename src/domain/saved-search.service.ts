import type { AuditOf } from './audit.ts';
import type { Actor } from './case.service.ts';
import { NotFoundError, ValidationError } from './errors.ts';

/**
 * A counselor's saved search: a name and the query with its filters, kept as the client sent them
 * (lists as arrays, days as written) and run again through GET /api/search. Personal: another
 * user's saved search is "not found", not "forbidden".
 */
export interface SavedSearch {
  id: string;
  name: string;
  query: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface SavedSearchStorePort {
  list(userId: string): Promise<SavedSearch[]>;
  create(
    input: { userId: string; name: string; query: Record<string, unknown>; now: Date; max: number },
    audit: AuditOf<SavedSearch>,
  ): Promise<SavedSearch | 'full'>;
  /** Null: no saved search of this user with that id. */
  update(
    input: { userId: string; id: string; name?: string; query?: Record<string, unknown>; now: Date },
    audit: AuditOf<SavedSearch>,
  ): Promise<SavedSearch | null>;
  remove(input: { userId: string; id: string; now: Date }, audit: AuditOf<SavedSearch>): Promise<boolean>;
}

export const MAX_SAVED_SEARCHES = 50;

export function createSavedSearchService(d: { store: SavedSearchStorePort }) {
  const entry =
    (actor: Actor, action: string): AuditOf<SavedSearch> =>
    (s) => [
      {
        actorId: actor.id,
        action,
        entityType: 'saved_search',
        entityId: s.id,
        ip: actor.ip,
        details: { name: s.name, query: s.query },
      },
    ];
  return {
    list: (actor: Actor) => d.store.list(actor.id),

    async create(actor: Actor, name: string, query: Record<string, unknown>): Promise<SavedSearch> {
      const made = await d.store.create(
        { userId: actor.id, name, query, now: new Date(), max: MAX_SAVED_SEARCHES },
        entry(actor, 'saved_search.create'),
      );
      if (made === 'full')
        throw new ValidationError('too many saved searches', [
          { field: 'name', message: `at most ${MAX_SAVED_SEARCHES} saved searches; remove one first` },
        ]);
      return made;
    },

    async update(
      actor: Actor,
      id: string,
      patch: { name?: string; query?: Record<string, unknown> },
    ): Promise<SavedSearch> {
      const s = await d.store.update(
        { userId: actor.id, id, ...patch, now: new Date() },
        entry(actor, 'saved_search.update'),
      );
      if (!s) throw new NotFoundError('saved search');
      return s;
    },

    async remove(actor: Actor, id: string): Promise<void> {
      if (!(await d.store.remove({ userId: actor.id, id, now: new Date() }, entry(actor, 'saved_search.delete'))))
        throw new NotFoundError('saved search');
    },
  };
}

export type SavedSearchService = ReturnType<typeof createSavedSearchService>;
