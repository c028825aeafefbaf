import type { Atomic } from './audit.ts';
import type { AuthUser } from './auth.service.ts';
import type { Role } from './taxonomy.ts';

/** What the accounts' use cases (src/domain/user-admin.service.ts) need of the store. */
export type LinkKind = 'invite' | 'reset' | 'totp_login';

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** A partner's institution; null for every other role. */
  institution: string | null;
  active: boolean;
  hasPassword: boolean;
  invitePending: boolean;
  totpEnabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

export type AccountChange = Partial<{ role: Role; name: string; active: boolean; institution: string | null }>;

/** Accounts as admins manage them; a use case's writes and its audit entry go on one transaction (`atomically`). */
export interface AccountStorePort extends Atomic<AccountStorePort> {
  list(now: Date): Promise<AccountRow[]>;
  byId(id: string): Promise<AuthUser | undefined>;
  byEmail(email: string): Promise<AuthUser | undefined>;
  /** undefined when the e-mail is taken. */
  create(input: {
    email: string;
    name: string;
    role: Role;
    institution: string | null;
    passwordHash: string;
    active: boolean;
    now: Date;
  }): Promise<AuthUser | undefined>;
  change(
    id: string,
    change: AccountChange,
  ): Promise<
    { outcome: 'ok'; before: AuthUser; after: AuthUser } | { outcome: 'not_found' } | { outcome: 'last_admin' }
  >;
  setPassword(id: string, passwordHash: string, activate: boolean): Promise<boolean>;
  /** Every session of the user (but `keepSessionId`, the one making the change); returns how many ended. */
  deleteSessionsOf(userId: string, keepSessionId?: string): Promise<number>;
  createLink(input: {
    tokenHash: string;
    userId: string;
    kind: LinkKind;
    createdBy: string | null;
    now: Date;
    expiresAt: Date;
  }): Promise<void>;
  linkUser(tokenHash: string, kinds: LinkKind[], now: Date): Promise<{ user: AuthUser; kind: LinkKind } | undefined>;
  consumeLink(tokenHash: string, now: Date): Promise<boolean>;
  revokeLinks(userId: string, kinds: LinkKind[], now: Date): Promise<void>;
}

export interface AdminActor {
  id: string;
  ip: string | null;
}
