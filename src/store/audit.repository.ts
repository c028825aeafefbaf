import type { AuditEntry } from '../domain/audit.ts';
import type { Db } from './db.ts';
import { auditLog } from './schema/index.ts';

export type { AuditEntry };

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
