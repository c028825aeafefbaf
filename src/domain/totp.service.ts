import { Secret, TOTP } from 'otpauth';
import type { Atomic } from './audit.ts';
import { type AuthUser, type ReauthResult, requireReauthenticated } from './auth.service.ts';
import { DomainError, ValidationError } from './errors.ts';
import type { SecretBox } from './secret-box.ts';

export interface TotpRow {
  secretEnc: string;
  confirmedAt: Date | null;
  lastStep: number | null;
}

/** The factor's store; a change and its audit entry go on one transaction (`atomically`). */
export interface TotpStorePort extends Atomic<TotpStorePort> {
  get(userId: string): Promise<TotpRow | undefined>;
  /** Replaces any unconfirmed enrolment. */
  putPending(userId: string, secretEnc: string, now: Date): Promise<void>;
  confirm(userId: string, now: Date): Promise<void>;
  /** Records `step` as used only if it is newer than the last one: false means a replay (or a race lost). */
  useStep(userId: string, step: number): Promise<boolean>;
  remove(userId: string): Promise<boolean>;
}

const PERIOD = 30;
const CODE = /^\d{6}$/;

/** Re-entering a factor in a session: counted, throttled and audited as signing in is (auth service). */
export interface ReauthPort {
  password(user: AuthUser, password: string, ip: string | null): Promise<ReauthResult>;
  code(user: AuthUser, ip: string | null, check: () => Promise<boolean>): Promise<ReauthResult>;
}

/** RFC 6238 with the parameters every authenticator app understands: SHA-1, 6 digits, 30 s. */
export function createTotpService(deps: { store: TotpStorePort; box: SecretBox; issuer: string; reauth: ReauthPort }) {
  const totpFor = (secretBase32: string, label: string) =>
    new TOTP({
      issuer: deps.issuer,
      label,
      algorithm: 'SHA1',
      digits: 6,
      period: PERIOD,
      secret: Secret.fromBase32(secretBase32),
    });

  /** Accepts a code within one step either side, once: the step is recorded so the same code cannot be replayed. */
  async function check(userId: string, row: TotpRow, code: string, now = Date.now()): Promise<boolean> {
    const token = code.replace(/\s/g, '');
    if (!CODE.test(token)) return false;
    let secret: string;
    try {
      secret = deps.box.open(row.secretEnc);
    } catch {
      // A changed TOTP_ENCRYPTION_KEY: the factor cannot be checked; an admin resets it.
      return false;
    }
    const totp = totpFor(secret, userId);
    const delta = totp.validate({ token, timestamp: now, window: 1 });
    if (delta === null) return false;
    const step = totp.counter({ timestamp: now }) + delta;
    if (row.lastStep !== null && step <= row.lastStep) return false;
    return deps.store.useStep(userId, step);
  }

  return {
    async status(userId: string) {
      const row = await deps.store.get(userId);
      return { enabled: Boolean(row?.confirmedAt), pending: Boolean(row && !row.confirmedAt) };
    },

    async isEnabled(userId: string): Promise<boolean> {
      return Boolean((await deps.store.get(userId))?.confirmedAt);
    },

    /** The secret is shown this once (text and QR); afterwards it is never sent again. */
    async enrol(user: AuthUser, password: string, ip: string | null) {
      requireReauthenticated(await deps.reauth.password(user, password, ip), 'password', 'wrong password');
      const existing = await deps.store.get(user.id);
      if (existing?.confirmedAt) throw new DomainError('two-step sign-in is already on', 'totp_already_enabled');
      const secret = new Secret({ size: 20 }).base32;
      await deps.store.atomically(async (tx, record) => {
        await tx.putPending(user.id, deps.box.seal(secret), new Date());
        await record({
          actorId: user.id,
          action: 'user.totp_enrol_started',
          entityType: 'user',
          entityId: user.id,
          ip,
        });
      });
      return { secret, uri: totpFor(secret, user.email).toString() };
    },

    async confirm(user: AuthUser, code: string, ip: string | null) {
      const row = await deps.store.get(user.id);
      if (!row || row.confirmedAt) throw new DomainError('no enrolment is waiting for a code', 'totp_not_pending');
      if (!(await check(user.id, row, code)))
        throw new ValidationError('wrong code', [{ field: 'code', message: 'wrong or already used code' }]);
      await deps.store.atomically(async (tx, record) => {
        await tx.confirm(user.id, new Date());
        await record({ actorId: user.id, action: 'user.totp_enabled', entityType: 'user', entityId: user.id, ip });
      });
    },

    /** The user turns it off themselves, proving they still hold the factor. */
    async disable(user: AuthUser, code: string, ip: string | null) {
      const row = await deps.store.get(user.id);
      if (!row?.confirmedAt) throw new DomainError('two-step sign-in is not on', 'totp_not_enabled');
      requireReauthenticated(
        await deps.reauth.code(user, ip, () => check(user.id, row, code)),
        'code',
        'wrong or already used code',
      );
      await deps.store.atomically(async (tx, record) => {
        await tx.remove(user.id);
        await record({ actorId: user.id, action: 'user.totp_disabled', entityType: 'user', entityId: user.id, ip });
      });
    },

    /** Sign-in's second step. */
    async verify(userId: string, code: string): Promise<boolean> {
      const row = await deps.store.get(userId);
      return row?.confirmedAt ? check(userId, row, code) : false;
    },

    /** An admin clears a lost factor; the user signs in with the password alone and may enrol again. */
    async reset(actor: { id: string; ip: string | null }, userId: string): Promise<boolean> {
      return deps.store.atomically(async (tx, record) => {
        const removed = await tx.remove(userId);
        await record({
          actorId: actor.id,
          action: 'user.totp_reset',
          entityType: 'user',
          entityId: userId,
          ip: actor.ip,
          details: { hadFactor: removed },
        });
        return removed;
      });
    },
  };
}

export type TotpService = ReturnType<typeof createTotpService>;
