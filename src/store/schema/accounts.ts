import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './core.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One-time links and short-lived sign-in steps: invitations, password resets, and the
 * "password was right, now the code" challenge of a TOTP sign-in. Only a sha256 of the token
 * is kept, so a leaked table opens no account.
 */
export const userTokens = pgTable(
  'user_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['invite', 'reset', 'totp_login'] }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [index('user_tokens_user_idx').on(t.userId, t.kind)],
);

/** A user's TOTP second factor (RFC 6238). The secret is AES-256-GCM encrypted; never sent back after enrolment. */
export const userTotp = pgTable('user_totp', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  secretEnc: text('secret_enc').notNull(),
  /** null while enrolment waits for its first code. */
  confirmedAt: ts('confirmed_at'),
  /** The last 30-second step a code was accepted for: a code is never accepted twice. */
  lastStep: integer('last_step'),
  createdAt: ts('created_at').notNull(),
});
