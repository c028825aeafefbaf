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

/** The audit log as the use cases see it; implemented by the audit repository. */
export interface AuditPort {
  write(e: AuditEntry): Promise<void>;
}
