/** One entry of the append-only audit log: who did what to which record, from where. */
export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** The audit log as the use cases see it; implemented by the audit repository. */
export interface AuditPort {
  write(e: AuditEntry): Promise<void>;
}
