/** One entry of the append-only audit log: who did what to which record, from where. */
export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The entries that record a change, made from what the change produced (a new id, the fields that
 * really changed). The repository making the change writes them in its transaction, so a change
 * is never committed without its record, nor a record without its change.
 */
export type AuditOf<R> = (result: R) => AuditEntry[];

/** Writes entries on the transaction it was handed with: they commit or roll back with its change. */
export type AuditWriter = (...entries: AuditEntry[]) => Promise<void>;

/**
 * A store for use cases that make several writes (a password replaced: hash, links, sessions):
 * `atomically` runs `fn` on one transaction, handing it the store and the audit log both on that
 * transaction, so the writes and their record commit together or not at all. Whatever reaches
 * outside the database (events, queue jobs, dropping sockets) comes after it returns.
 */
export interface Atomic<S> {
  atomically<T>(fn: (store: S, audit: AuditWriter) => Promise<T>): Promise<T>;
}

/**
 * The audit log on its own, for what changes nothing in the database: reads of a case, refusals,
 * a change made elsewhere (Redis, a queue). Implemented by the audit repository.
 */
export interface AuditPort {
  write(e: AuditEntry): Promise<void>;
}
