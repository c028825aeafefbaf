import path from 'node:path';
import { z } from 'zod';
import { cidrListFromEnv, hostListFromEnv } from './networks.ts';

/** Env values arrive as strings; treat "" as unset so `FOO=` in a .env file means default. */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const boolFromEnv = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (/^(1|true|yes|on)$/i.test(v)) return true;
      if (/^(0|false|no|off)$/i.test(v)) return false;
      ctx.addIssue({ code: 'custom', message: 'expected true or false' });
      return z.NEVER;
    });

/** A whole number from the environment, within bounds; unset or empty gives the fallback. */
export const intFromEnv = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  NODE_ENV: optionalString,
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  PORT: intFromEnv(3000, 0, 65535),
  HOST: optionalString.transform((v) => v ?? '0.0.0.0'),
  DATA_DIR: optionalString.transform((v) => path.resolve(v ?? './data')),
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must start with postgres:// or postgresql://',
  }),
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
    message: 'must start with redis:// or rediss://',
  }),
  REDIS_SERVER_BIN: optionalString.transform((v) => v ?? 'redis-server'),
  /** Prefix for every Redis key and channel, so several installations (or test runs) can share one Redis. */
  REDIS_PREFIX: optionalString.transform((v) => v ?? 'kontakt'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_EMAIL: optionalString.refine((v) => v === undefined || z.email().safeParse(v).success, {
    message: 'must be an e-mail address',
  }),
  ADMIN_PASSWORD: optionalString.refine((v) => v === undefined || v.length >= 12, {
    message: 'must be at least 12 characters',
  }),
  SESSION_TTL_HOURS: intFromEnv(12, 1, 24 * 30),
  TRUST_PROXY: boolFromEnv(false),
  /** Hours an invitation or password-reset link stays usable. */
  ACCOUNT_LINK_TTL_HOURS: intFromEnv(72, 1, 24 * 14),
  /** Base of the links admins hand out (https://kontakt.example.org); unset: the address the admin used,
   * only when its host is one of PUBLIC_HOSTS (a forged Host header never makes a link). */
  PUBLIC_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), {
    message: 'must be an http(s) URL',
  }),
  PUBLIC_HOSTS: hostListFromEnv,
  /** Key for the TOTP secrets at rest (any random string of 32+ characters); unset: a key file in DATA_DIR. */
  TOTP_ENCRYPTION_KEY: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  /** The name authenticator apps show next to the account. */
  TOTP_ISSUER: optionalString.transform((v) => v ?? 'Kontakt'),
  REPORT_RATE_LIMIT: intFromEnv(10, 1, 100_000),
  REPORT_RATE_WINDOW_SEC: intFromEnv(600, 1, 86_400),
  LOGIN_RATE_LIMIT: intFromEnv(20, 1, 100_000),
  /** Failed sign-ins for one account from one address before each further try waits (30 s, doubling). */
  LOGIN_LOCKOUT_ATTEMPTS: intFromEnv(5, 1, 1000),
  /** The longest such wait. */
  LOGIN_LOCKOUT_MINUTES: intFromEnv(15, 1, 1440),
  /** Failed sign-ins for one account from all addresses together that refuse it everywhere until the window ends. */
  LOGIN_ACCOUNT_MAX_FAILURES: intFromEnv(50, 1, 100_000),
  LOGIN_ACCOUNT_WINDOW_MINUTES: intFromEnv(60, 1, 1440),
  /** Networks (CIDR, e.g. an office behind one NAT address) never throttled per address; per-account limits still apply. */
  TRUSTED_NETWORKS: cidrListFromEnv,
  INBOUND_ATTEMPTS: intFromEnv(5, 1, 50),
  INBOUND_BACKOFF_MS: intFromEnv(2000, 1, 3_600_000),
  INBOUND_CONCURRENCY: intFromEnv(4, 1, 256),
  /**
   * BullMQ's job lock: a dead worker's jobs are taken over after about this long, up to twice it
   * (the lock runs out, then the next stalled-job check). Renewed every half of it, so it must
   * stay well above any pause of a worker's event loop.
   */
  JOB_LOCK_SEC: intFromEnv(30, 5, 600),
  /** Envelopes the worker applies in one transaction (a savepoint each); 1 = one per transaction. */
  INBOUND_BATCH_SIZE: intFromEnv(20, 1, 500),
  /** How long a worker lane waits for more envelopes before it starts a batch. */
  INBOUND_BATCH_WAIT_MS: intFromEnv(2, 0, 1000),
  /**
   * ROLE=all: while envelopes arrive and the event loop is over this busy (percent), the inbound
   * worker runs one transaction at a time, so acknowledgements stay quick; 0 turns it off.
   */
  INTAKE_FIRST_BUSY_PERCENT: intFromEnv(80, 0, 100),
  /** Envelopes acknowledged together by one multi-row insert (group commit at the webhook). */
  ACCEPT_BATCH_SIZE: intFromEnv(100, 1, 1000),
  /** How long the first envelope waits for others before its insert (0: those of the same tick). */
  ACCEPT_BATCH_WAIT_MS: intFromEnv(0, 0, 50),
  /** PostgreSQL connections per node (DATABASE_URL only). */
  DATABASE_POOL_SIZE: intFromEnv(10, 2, 500),
  RECOVERY_INTERVAL_SEC: intFromEnv(60, 1, 86_400),
  /** How often an api node polls the channel probes for the inbox's health banner. */
  CHANNEL_HEALTH_POLL_MS: intFromEnv(5000, 100, 600_000),
  /** An event older than this that is still unapplied is considered lost by Redis and re-enqueued. */
  RECOVERY_GRACE_SEC: intFromEnv(30, 0, 86_400),
  SHUTDOWN_GRACE_MS: intFromEnv(10_000, 0, 600_000),
  /** A message to a case closed longer ago than this opens a new, linked case (0: always reopen). */
  REOPEN_WINDOW_DAYS: intFromEnv(30, 0, 3650),
  WEB_INBOX_DIR: optionalString,
  /** JSON file with per-channel settings (several mailboxes, pages, phone lines). */
  CHANNELS_FILE: optionalString,
  /** Bearer token for Prometheus at GET /metrics (admins signed in may look without it). */
  METRICS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 24, {
    message: 'must be at least 24 characters',
  }),
  /** ROLE=worker only: serve GET /metrics on this port (api nodes serve it on PORT). */
  METRICS_PORT: optionalString.transform((v, ctx) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (Number.isInteger(n) && n >= 0 && n <= 65535) return n;
    ctx.addIssue({ code: 'custom', message: 'expected a port from 0 to 65535' });
    return z.NEVER;
  }),
});

export type Config = Readonly<z.infer<typeof envSchema>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse the environment once, fail fast with every problem listed, and freeze the result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return Object.freeze(parsed.data);
}
