import type { AuditEntry, AuditOf } from '../domain/audit.ts';
import { ValidationError } from '../domain/errors.ts';
import type { ActivityFilter, ActivityRecord } from './outreach.repository.ts';
import type { ActivityInput, ActivityListQuery, ActivityPatch } from './outreach.schema.ts';
import { AUDIENCES, institutionKey, type OutreachActivity } from './outreach.ts';

/** The register's store as its use cases see it; implemented by outreach.repository.ts. */
export interface OutreachStorePort {
  createMany(
    records: ActivityRecord[],
    by: string,
    now: Date,
    audit: AuditOf<OutreachActivity[]>,
  ): Promise<OutreachActivity[]>;
  get(id: string): Promise<OutreachActivity>;
  update(
    id: string,
    change: (before: OutreachActivity) => ActivityRecord,
    now: Date,
    audit: AuditOf<{ before: OutreachActivity; after: OutreachActivity }>,
  ): Promise<OutreachActivity>;
  list(f: ActivityFilter): Promise<{ items: OutreachActivity[]; more: boolean }>;
}

export interface OutreachActor {
  id: string;
  ip: string | null;
}

const audienceOf = (a: Partial<Record<(typeof AUDIENCES)[number], number | undefined>>) =>
  Object.fromEntries(AUDIENCES.map((k) => [k, a[k] ?? 0])) as OutreachActivity['audience'];

/** A validated activity as it is stored: empty municipality is none, the institution's key computed. */
export function toRecord(a: ActivityInput): ActivityRecord {
  const institution = a.institution
    ? { name: a.institution.name, kind: a.institution.kind, municipality: a.institution.municipality || null }
    : null;
  return {
    kind: a.kind,
    date: a.date,
    institution,
    institutionKey: institution ? institutionKey(institution.name, institution.municipality) : null,
    educators: a.educators,
    audience: audienceOf(a.audience),
    topics: a.topics,
    notes: a.notes || null,
  };
}

/** The cursor of a page: where the next one starts, opaque to the client. */
export const encodeCursor = (a: { date: string; id: string }) =>
  Buffer.from(`${a.date}|${a.id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): { date: string; id: string } {
  const [date, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!date || !id || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^[0-9a-f-]{36}$/i.test(id))
    throw new ValidationError('invalid cursor', [{ field: 'cursor', message: 'a cursor from the page before' }]);
  return { date, id };
}

/** Only the fields that changed, before and after: what a correction's audit entry says. */
function changes(before: OutreachActivity, after: OutreachActivity) {
  const keys = ['kind', 'date', 'institution', 'educators', 'audience', 'topics', 'notes'] as const;
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return {
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  };
}

export function createOutreachService(deps: { store: OutreachStorePort }) {
  const { store } = deps;
  const created =
    (actor: OutreachActor, action: string, details: (made: OutreachActivity[]) => Record<string, unknown>) =>
    (made: OutreachActivity[]): AuditEntry[] => [
      {
        actorId: actor.id,
        action,
        entityType: 'outreach_activity',
        ...(made.length === 1 && { entityId: made[0]?.id }),
        ip: actor.ip,
        details: details(made),
      },
    ];

  return {
    async create(actor: OutreachActor, input: ActivityInput): Promise<OutreachActivity> {
      const [made] = await store.createMany(
        [toRecord(input)],
        actor.id,
        new Date(),
        created(actor, 'outreach.create', ([a]) => ({ kind: a?.kind, date: a?.date })),
      );
      if (!made) throw new Error('outreach insert returned nothing');
      return made;
    },

    /** Every row of a file, or none: the caller validated all of them first. */
    async importAll(actor: OutreachActor, inputs: ActivityInput[]): Promise<OutreachActivity[]> {
      return store.createMany(
        inputs.map(toRecord),
        actor.id,
        new Date(),
        created(actor, 'outreach.import', (made) => {
          const dates = made.map((a) => a.date).sort();
          return { count: made.length, from: dates[0], to: dates[dates.length - 1] };
        }),
      );
    },

    async update(actor: OutreachActor, id: string, patch: ActivityPatch): Promise<OutreachActivity> {
      return store.update(
        id,
        (before) =>
          toRecord({
            kind: patch.kind ?? before.kind,
            date: patch.date ?? before.date,
            institution: patch.institution === undefined ? before.institution : patch.institution,
            educators: patch.educators ?? before.educators,
            audience: patch.audience ? { ...before.audience, ...patch.audience } : before.audience,
            topics: patch.topics ?? before.topics,
            notes: patch.notes === undefined ? before.notes : patch.notes,
          }),
        new Date(),
        ({ before, after }) => [
          {
            actorId: actor.id,
            action: 'outreach.update',
            entityType: 'outreach_activity',
            entityId: id,
            ip: actor.ip,
            details: changes(before, after),
          },
        ],
      );
    },

    get: (id: string) => store.get(id),

    async list(q: ActivityListQuery): Promise<{ items: OutreachActivity[]; next: string | null }> {
      const page = await store.list({
        from: q.from,
        to: q.to,
        kind: q.kind,
        municipality: q.municipality,
        institution: q.institution,
        after: q.cursor ? decodeCursor(q.cursor) : undefined,
        limit: q.limit,
      });
      const last = page.items[page.items.length - 1];
      return { items: page.items, next: page.more && last ? encodeCursor(last) : null };
    },
  };
}

export type OutreachService = ReturnType<typeof createOutreachService>;
