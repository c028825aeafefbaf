import { z } from 'zod';
import { ConfigError, intFromEnv } from './config.ts';

/** Settings of abuse-material handling and retention (issue 8); parsed once at start. */
export interface TrustConfig {
  /** One hex sha256 per line; reloaded when it changes. */
  knownHashesFile: string | undefined;
  /** How often the worker looks for a changed list (and re-checks stored files against new hashes). */
  knownHashesPollSeconds: number;
  /** Closed cases older than this are anonymised by the daily retention run. */
  retentionClosedCaseDays: number;
  /** Dead letters that belong to no case are erased after this many days (with their payloads). */
  retentionDeadLetterDays: number;
  /** When the daily run starts (cron, in retentionTimezone). */
  retentionCron: string;
  retentionTimezone: string;
  /** false: no scheduled run (the dry-run report and a run started by an admin still work). */
  retentionEnabled: boolean;
}

const text = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const envSchema = z.object({
  KNOWN_HASHES_FILE: text,
  KNOWN_HASHES_POLL_SECONDS: intFromEnv(60, 1, 86_400),
  RETENTION_CLOSED_CASE_DAYS: intFromEnv(730, 1, 36_500),
  RETENTION_DEAD_LETTER_DAYS: intFromEnv(90, 1, 36_500),
  RETENTION_CRON: text
    .transform((v) => v ?? '30 2 * * *')
    .refine((v) => v.split(/\s+/).length >= 5, {
      message: 'expected a cron pattern like "30 2 * * *"',
    }),
  RETENTION_TIMEZONE: text.transform((v) => v ?? 'Europe/Belgrade'),
  RETENTION_ENABLED: text.transform((v, ctx) => {
    if (v === undefined || /^(1|true|yes|on)$/i.test(v)) return true;
    if (/^(0|false|no|off)$/i.test(v)) return false;
    ctx.addIssue({ code: 'custom', message: 'expected true or false' });
    return z.NEVER;
  }),
});

export function loadTrustConfig(env: NodeJS.ProcessEnv): TrustConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const v = parsed.data;
  try {
    new Intl.DateTimeFormat('en', { timeZone: v.RETENTION_TIMEZONE });
  } catch {
    throw new ConfigError([`RETENTION_TIMEZONE: unknown time zone ${v.RETENTION_TIMEZONE}`]);
  }
  return Object.freeze({
    knownHashesFile: v.KNOWN_HASHES_FILE,
    knownHashesPollSeconds: v.KNOWN_HASHES_POLL_SECONDS,
    retentionClosedCaseDays: v.RETENTION_CLOSED_CASE_DAYS,
    retentionDeadLetterDays: v.RETENTION_DEAD_LETTER_DAYS,
    retentionCron: v.RETENTION_CRON,
    retentionTimezone: v.RETENTION_TIMEZONE,
    retentionEnabled: v.RETENTION_ENABLED,
  });
}
