import { z } from 'zod';
import type { InstitutionInput } from '../domain/referral.service.ts';
import { DEFAULT_INSTITUTION_NAMES, placeholderEmail } from '../domain/referrals.ts';
import { DEFAULT_INSTITUTIONS } from '../domain/taxonomy.ts';
import { latinToCyrillic } from '../i18n/translit.ts';
import { intFromEnv } from './config.ts';

export interface ReferralsConfig {
  /** A referral not acknowledged within this many days is overdue. */
  ackDays: number;
  /** The e-mail mailbox (by name) referrals are sent from; the first one with SMTP when unset. */
  mailbox: string | undefined;
  emailAttempts: number;
  emailBackoffMs: number;
  /** How many days the one-time reply link of a referral e-mail works. */
  linkDays: number;
  /** Requests to the reply page per address and window (every request counts). */
  linkRateLimit: number;
  linkRateWindowSec: number;
  /** The default institutions, inserted when missing (an admin's later edits are kept). */
  seed: InstitutionInput[];
}

const emailOf = z.email();

const envSchema = z.object({
  REFERRAL_ACK_DAYS: intFromEnv(5, 1, 365),
  REFERRAL_MAILBOX: z.string().trim().min(1).max(64).optional(),
  REFERRAL_EMAIL_ATTEMPTS: intFromEnv(8, 1, 50),
  REFERRAL_EMAIL_BACKOFF_MS: intFromEnv(30_000, 10, 3_600_000),
  REFERRAL_LINK_DAYS: intFromEnv(30, 1, 365),
  REFERRAL_LINK_RATE_LIMIT: intFromEnv(30, 1, 10_000),
  REFERRAL_LINK_RATE_WINDOW_SEC: intFromEnv(600, 1, 86_400),
  /** "ministry_health=office@health.example,ministry_interior=vtk@police.example" */
  REFERRAL_INSTITUTION_EMAILS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const out: Record<string, string> = {};
      for (const part of (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const [code, email] = part.split('=').map((s) => s.trim());
        if (
          !code ||
          !email ||
          !(DEFAULT_INSTITUTIONS as readonly string[]).includes(code) ||
          !emailOf.safeParse(email).success
        ) {
          ctx.addIssue({ code: 'custom', message: `"${part}": expected <default institution code>=<e-mail>` });
          return z.NEVER;
        }
        out[code] = email;
      }
      return out;
    }),
});

/** Throws naming the bad setting: the process must not start half-configured. */
export function loadReferralsConfig(env: NodeJS.ProcessEnv): ReferralsConfig {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const e = envSchema.safeParse(clean);
  if (!e.success)
    throw new Error(`referral settings: ${e.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const emails = e.data.REFERRAL_INSTITUTION_EMAILS;
  return {
    ackDays: e.data.REFERRAL_ACK_DAYS,
    mailbox: e.data.REFERRAL_MAILBOX,
    emailAttempts: e.data.REFERRAL_EMAIL_ATTEMPTS,
    emailBackoffMs: e.data.REFERRAL_EMAIL_BACKOFF_MS,
    linkDays: e.data.REFERRAL_LINK_DAYS,
    linkRateLimit: e.data.REFERRAL_LINK_RATE_LIMIT,
    linkRateWindowSec: e.data.REFERRAL_LINK_RATE_WINDOW_SEC,
    seed: DEFAULT_INSTITUTIONS.map((code, i) => {
      const names = DEFAULT_INSTITUTION_NAMES[code] ?? { 'sr-Latn': code, en: code };
      return {
        code,
        names: { 'sr-Latn': names['sr-Latn'], 'sr-Cyrl': latinToCyrillic(names['sr-Latn']), en: names.en },
        email: emails[code] ?? placeholderEmail(code),
        position: (i + 1) * 10,
      };
    }),
  };
}
