import { sql } from 'drizzle-orm';
import type { Db } from '../../src/store/db.ts';

/**
 * Runs `fn` while the audit log refuses entries of `action` (a check constraint, NOT VALID so the
 * entries already there stay), the way a full disk or a lost connection would refuse them: a use
 * case whose record cannot be written must leave no change behind.
 */
export async function whileAuditRefuses<T>(db: Db, action: string, fn: () => Promise<T>): Promise<T> {
  if (!/^[a-z_.]+$/.test(action)) throw new Error(`not an audit action: ${action}`);
  const name = `refuse_${action.replace(/\./g, '_')}`;
  await db.execute(sql.raw(`alter table audit_log add constraint ${name} check (action <> '${action}') not valid`));
  try {
    return await fn();
  } finally {
    await db.execute(sql.raw(`alter table audit_log drop constraint ${name}`));
  }
}
