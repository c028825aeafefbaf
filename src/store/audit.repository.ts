import type { Db } from './db.ts';
import { auditLog } from './schema/index.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export function createAuditRepository(db: Db) {
  return {
    async write(e: AuditEntry, now = new Date()): Promise<void> {
      await db.insert(auditLog).values({
        at: now,
        actorId: e.actorId,
        action: e.action,
        entityType: e.entityType ?? null,
        entityId: e.entityId ?? null,
        ip: e.ip ?? null,
        details: e.details ?? null,
      });
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
