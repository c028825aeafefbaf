import type { AccountRow, AccountStorePort, AdminActor } from './account-store.port.ts';
import type { AuditPort, AuditWriter } from './audit.ts';
import { type AuthUser, type ReauthResult, requireReauthenticated } from './auth.service.ts';
import { DomainError, NotFoundError, ValidationError } from './errors.ts';
import { hashPassword } from './password.ts';
import type { Role } from './taxonomy.ts';
import { newSessionToken, sha256Hex } from './tokens.ts';

/** An account that was invited but never set a password has this instead of a hash: nothing verifies against it. */
const NO_PASSWORD = '';

export type AccountStatus = 'active' | 'invited' | 'deactivated';
export const statusOf = (a: Pick<AccountRow, 'active' | 'invitePending'>): AccountStatus =>
  a.active ? 'active' : a.invitePending ? 'invited' : 'deactivated';

const lastAdmin = () => new DomainError('the last active administrator cannot be demoted or deactivated', 'last_admin');

/**
 * A partner reports in the name of an institution, so a partner has one and nobody else does. A
 * role change away from partner drops it; a change to partner needs one (given, or kept).
 */
function institutionRule(role: Role, institution: string | null | undefined): string | null {
  if (role === 'partner') {
    if (!institution)
      throw new ValidationError('a partner needs an institution', [
        { field: 'institution', message: 'required for a partner: the institution they report for' },
      ]);
    return institution;
  }
  if (institution)
    throw new ValidationError('only a partner has an institution', [
      { field: 'institution', message: 'only a partner account has an institution' },
    ]);
  return null;
}

/**
 * Admins manage accounts; nothing is ever deleted, so history and the audit log keep their people.
 * Deactivating ends every session and drops open sockets at once (`kick`).
 */
export function createUserAdminService(deps: {
  store: AccountStorePort;
  audit: AuditPort;
  /** Disconnect this user's live sockets on every api node. */
  kick: (userId: string) => void;
  linkTtlHours: number;
  /** Clears the user's TOTP factor (and audits it). */
  resetTotp: (actor: AdminActor, userId: string) => Promise<boolean>;
  /** The signed-in user's current password, checked under the sign-in lockout (auth service). */
  reauthenticate: (user: AuthUser, password: string, ip: string | null) => Promise<ReauthResult>;
}) {
  const { store, audit } = deps;

  const issue = async (
    tx: AccountStorePort,
    record: AuditWriter,
    actor: AdminActor,
    user: AuthUser,
    kind: 'invite' | 'reset',
  ) => {
    const now = new Date();
    await tx.revokeLinks(user.id, ['invite', 'reset'], now);
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + deps.linkTtlHours * 3_600_000);
    await tx.createLink({ tokenHash: sha256Hex(token), userId: user.id, kind, createdBy: actor.id, now, expiresAt });
    await record({
      actorId: actor.id,
      action: kind === 'invite' ? 'user.invite_link' : 'user.reset_link',
      entityType: 'user',
      entityId: user.id,
      ip: actor.ip,
      details: { expiresAt: expiresAt.toISOString() },
    });
    return { token, kind, expiresAt };
  };

  const mustExist = async (id: string) => {
    const u = await store.byId(id);
    if (!u) throw new NotFoundError('user');
    return u;
  };

  /**
   * A new password replaces the old one everywhere: pending links revoked, sessions ended (but
   * `keepSessionId`); returns how many ended. The caller drops the user's sockets once committed.
   */
  const replacePassword = async (
    tx: AccountStorePort,
    userId: string,
    password: { hash: string; activate: boolean },
    now: Date,
    keepSessionId?: string,
  ) => {
    await tx.setPassword(userId, password.hash, password.activate);
    await tx.revokeLinks(userId, ['invite', 'reset'], now);
    return tx.deleteSessionsOf(userId, keepSessionId);
  };

  return {
    async list(actor: AdminActor) {
      const rows = await store.list(new Date());
      await audit.write({ actorId: actor.id, action: 'user.list', ip: actor.ip, details: { count: rows.length } });
      return rows.map((r) => ({ ...r, status: statusOf(r) }));
    },

    /** With a password the account is active at once; without, it waits for the invitee to follow a one-time link. */
    async create(
      actor: AdminActor,
      input: { email: string; name: string; role: Role; password?: string; institution?: string | null | undefined },
    ) {
      const institution = institutionRule(input.role, input.institution);
      const passwordHash = input.password ? await hashPassword(input.password) : NO_PASSWORD;
      return store.atomically(async (tx, record) => {
        const user = await tx.create({
          email: input.email,
          name: input.name,
          role: input.role,
          institution,
          passwordHash,
          active: Boolean(input.password),
          now: new Date(),
        });
        if (!user) throw new DomainError('an account with this e-mail already exists', 'email_taken');
        await record({
          actorId: actor.id,
          action: input.password ? 'user.create' : 'user.invite',
          entityType: 'user',
          entityId: user.id,
          ip: actor.ip,
          details: { email: user.email, role: user.role, ...(institution && { institution }) },
        });
        const link = input.password ? null : await issue(tx, record, actor, user, 'invite');
        return { user, link };
      });
    },

    async update(
      actor: AdminActor,
      id: string,
      change: { role?: Role; name?: string; institution?: string | null | undefined },
    ) {
      const r = await store.atomically(async (tx, record) => {
        const { institution, ...rest } = change;
        // Away from partner the institution goes with the role (and may not be given at the same time).
        const leaving = change.role !== undefined && change.role !== 'partner';
        if (leaving && institution) institutionRule(change.role as Role, institution);
        const r = await tx.change(id, {
          ...rest,
          ...(institution !== undefined && { institution }),
          ...(leaving && { institution: null }),
        });
        if (r.outcome === 'not_found') throw new NotFoundError('user');
        if (r.outcome === 'last_admin') throw lastAdmin();
        // On the result (throwing rolls the change back): a partner has one, nobody else does.
        institutionRule(r.after.role, r.after.institution);
        const roleChanged = r.before.role !== r.after.role;
        await record({
          actorId: actor.id,
          action: roleChanged ? 'user.role_change' : 'user.update',
          entityType: 'user',
          entityId: id,
          ip: actor.ip,
          details: {
            ...(roleChanged && { from: r.before.role, to: r.after.role }),
            ...(r.before.name !== r.after.name && { name: r.after.name }),
            ...((r.before.institution ?? null) !== (r.after.institution ?? null) && {
              institution: r.after.institution ?? null,
            }),
          },
        });
        return r;
      });
      // A socket keeps the role it connected with: reconnecting picks up the new one.
      if (r.before.role !== r.after.role) deps.kick(id);
      return r.after;
    },

    async deactivate(actor: AdminActor, id: string) {
      const after = await store.atomically(async (tx, record) => {
        const r = await tx.change(id, { active: false });
        if (r.outcome === 'not_found') throw new NotFoundError('user');
        if (r.outcome === 'last_admin') throw lastAdmin();
        await tx.revokeLinks(id, ['invite', 'reset', 'totp_login'], new Date());
        const ended = await tx.deleteSessionsOf(id);
        await record({
          actorId: actor.id,
          action: 'user.deactivate',
          entityType: 'user',
          entityId: id,
          ip: actor.ip,
          details: { sessions: ended },
        });
        return r.after;
      });
      deps.kick(id);
      return after;
    },

    async reactivate(actor: AdminActor, id: string) {
      const u = await mustExist(id);
      if (u.passwordHash === NO_PASSWORD)
        throw new DomainError('this account has no password yet: send an invitation link', 'no_password');
      return store.atomically(async (tx, record) => {
        const r = await tx.change(id, { active: true });
        if (r.outcome !== 'ok') throw new NotFoundError('user');
        await record({ actorId: actor.id, action: 'user.reactivate', entityType: 'user', entityId: id, ip: actor.ip });
        return r.after;
      });
    },

    /** The admin sets a password: every session of the user ends (the old password may be known to someone). */
    async setPassword(actor: AdminActor, id: string, password: string) {
      const u = await mustExist(id);
      const invited = u.passwordHash === NO_PASSWORD;
      const hash = await hashPassword(password);
      await store.atomically(async (tx, record) => {
        const ended = await replacePassword(tx, id, { hash, activate: invited }, new Date());
        await record({
          actorId: actor.id,
          action: 'user.password_set',
          entityType: 'user',
          entityId: id,
          ip: actor.ip,
          details: { sessions: ended, ...(invited && { activated: true }) },
        });
      });
      deps.kick(id);
    },

    /**
     * A signed-in user changes their own password: the current one first, and the new one must
     * differ. Every other session of the user ends and their sockets drop (the browser making the
     * change keeps its session; its socket reconnects); a pending reset link is revoked.
     */
    async changeOwnPassword(
      user: AuthUser,
      sessionToken: string,
      input: { current: string; password: string },
      ip: string | null,
    ): Promise<void> {
      requireReauthenticated(await deps.reauthenticate(user, input.current, ip), 'current', 'wrong password');
      if (input.password === input.current)
        throw new ValidationError('the new password is the current one', [
          { field: 'password', message: 'must differ from the current password' },
        ]);
      const hash = await hashPassword(input.password);
      await store.atomically(async (tx, record) => {
        const ended = await replacePassword(
          tx,
          user.id,
          { hash, activate: false },
          new Date(),
          sha256Hex(sessionToken),
        );
        await record({
          actorId: user.id,
          action: 'user.password_changed',
          entityType: 'user',
          entityId: user.id,
          ip,
          details: { sessions: ended },
        });
      });
      deps.kick(user.id);
    },

    /** A fresh one-time link: an invitation while the account has no password, else a password reset. */
    async issueLink(actor: AdminActor, id: string) {
      const u = await mustExist(id);
      const kind = u.passwordHash === NO_PASSWORD ? 'invite' : 'reset';
      if (kind === 'reset' && !u.active) throw new DomainError('reactivate the account first', 'inactive');
      return store.atomically((tx, record) => issue(tx, record, actor, u, kind));
    },

    async resetTotp(actor: AdminActor, id: string) {
      await mustExist(id);
      return deps.resetTotp(actor, id);
    },

    /** What a one-time link is for; undefined for an unknown, used or expired link (all look the same). */
    async linkInfo(token: string) {
      const found = await store.linkUser(sha256Hex(token), ['invite', 'reset'], new Date());
      if (!found || (found.kind === 'reset' && !found.user.active)) return undefined;
      return { kind: found.kind, email: found.user.email, name: found.user.name };
    },

    /** The invitee or the user who lost a password sets one; the link works once. */
    async usePasswordLink(token: string, password: string, ip: string | null): Promise<boolean> {
      const hash = sha256Hex(token);
      const found = await store.linkUser(hash, ['invite', 'reset'], new Date());
      if (!found || (found.kind === 'reset' && !found.user.active)) return false;
      const passwordHash = await hashPassword(password);
      const used = await store.atomically(async (tx, record) => {
        const now = new Date();
        if (!(await tx.consumeLink(hash, now))) return false;
        const ended = await replacePassword(
          tx,
          found.user.id,
          { hash: passwordHash, activate: found.kind === 'invite' },
          now,
        );
        await record({
          actorId: found.user.id,
          action: found.kind === 'invite' ? 'user.invite_accepted' : 'user.password_reset',
          entityType: 'user',
          entityId: found.user.id,
          ip,
          details: { sessions: ended },
        });
        return true;
      });
      if (used) deps.kick(found.user.id);
      return used;
    },
  };
}

export type UserAdminService = ReturnType<typeof createUserAdminService>;
