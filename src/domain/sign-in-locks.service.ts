import type { AdminActor } from './account-store.port.ts';
import type { AuditPort } from './audit.ts';
import { NotFoundError } from './errors.ts';
import type { LockSummary, LoginAttemptsPort } from './login-throttle.ts';

/** What the admins' users list shows of the sign-in throttle, and the audited way out of it. */
export function createSignInLocksService(deps: {
  attempts: LoginAttemptsPort;
  accounts: { byId(id: string): Promise<{ email: string } | undefined> };
  audit: AuditPort;
}) {
  const view = (l: LockSummary | null) =>
    l ? { scope: l.scope, until: l.until.toISOString(), addresses: l.addresses } : null;
  return {
    async annotate<T extends { email: string }>(rows: T[]) {
      const locks = await Promise.all(rows.map((r) => deps.attempts.summary(r.email)));
      return rows.map((r, i) => ({ ...r, lock: view(locks[i] ?? null) }));
    },

    /** Clears every delay and the account-wide count, whoever caused them. */
    async unlock(actor: AdminActor, id: string) {
      const user = await deps.accounts.byId(id);
      if (!user) throw new NotFoundError('user');
      const before = await deps.attempts.summary(user.email);
      await deps.attempts.unlock(user.email);
      await deps.audit.write({
        actorId: actor.id,
        action: 'user.unlocked',
        entityType: 'user',
        entityId: id,
        ip: actor.ip,
        details: { was: view(before) },
      });
      return { lock: null };
    },
  };
}

export type SignInLocksService = ReturnType<typeof createSignInLocksService>;
