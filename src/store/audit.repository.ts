import { and, desc, eq, gte, like, lt, lte } from 'drizzle-orm';
import type { Atomic, AuditEntry } from '../domain/audit.ts';
import type { Db } from './db.ts';
import { auditLog, users } from './schema/index.ts';

export type { AuditEntry };

/** Write entries on this handle: inside a transaction, they commit or roll back with its change. */
export async function writeAudit(db: Db, entries: AuditEntry[], now: Date): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditLog).values(
    entries.map((e) => ({
      at: now,
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType ?? null,
      entityId: e.entityId ?? null,
      ip: e.ip ?? null,
      details: e.details ?? null,
    })),
  );
}

/**
 * `Atomic.atomically` for the repository `make` builds: it and the audit log on one transaction
 * (on a handle that is a transaction already, a savepoint inside it).
 */
export function atomically<S>(db: Db, make: (tx: Db) => S): Atomic<S>['atomically'] {
  return (fn) => db.transaction((t) => fn(make(t), (...entries) => writeAudit(t, entries, new Date())));
}

export function createAuditRepository(db: Db) {
  return {
    write: (e: AuditEntry, now = new Date()): Promise<void> => writeAudit(db, [e], now),
  };
}

export interface AuditQuery {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** Entries older than this id (newest first, keyset paging). */
  before?: number;
}

/** "case.*" is a prefix; anything else matches exactly (LIKE's own wildcards are escaped). */
const actionFilter = (action: string) =>
  action.endsWith('*')
    ? like(auditLog.action, `${action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    : eq(auditLog.action, action);

export function createAuditSearch(db: Db) {
  return {
    /** Newest first; `nextBefore` pages on. Read-only: nothing in the API updates or deletes an entry. */
    async search(q: AuditQuery) {
      const rows = await db
        .select({
          id: auditLog.id,
          at: auditLog.at,
          actorId: auditLog.actorId,
          actorName: users.name,
          action: auditLog.action,
          entityType: auditLog.entityType,
          entityId: auditLog.entityId,
          ip: auditLog.ip,
          details: auditLog.details,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(
          and(
            q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
            q.action ? actionFilter(q.action) : undefined,
            q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
            q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
            q.from ? gte(auditLog.at, q.from) : undefined,
            q.to ? lte(auditLog.at, q.to) : undefined,
            q.before ? lt(auditLog.id, q.before) : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(q.limit + 1);
      const items = rows.slice(0, q.limit).map((r) => ({ ...r, at: r.at.toISOString() }));
      return { items, nextBefore: rows.length > q.limit ? (items[items.length - 1]?.id ?? null) : null };
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
