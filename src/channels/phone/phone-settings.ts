import { z } from 'zod';
import { SUMMARY_LANGS } from '../../../connectors/phone/call-summary.ts';
import { isTimeZone } from '../../../connectors/phone/local-time.ts';
import { type CountryCode, isRegion } from '../../../connectors/phone/phone-number.ts';

const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const int = (fallback: number, min: number, max: number) =>
  z.preprocess(blankIsUnset, z.coerce.number().int().min(min).max(max).default(fallback));

/** A bearer token long enough not to be guessed. */
const token = z.string().trim().min(24, 'at least 24 characters').max(512);

const envSchema = z.object({
  /** Accepted for every line. */
  CALLS_API_TOKEN: z.preprocess(blankIsUnset, token.optional()),
  /** A call from a number that called within this many hours joins that call's case (0: every call a new case). */
  PHONE_CASE_WINDOW_HOURS: int(12, 0, 24 * 14),
  PHONE_CALLBACK_DUE_MINUTES: int(60, 1, 24 * 60 * 14),
  /** Missed calls that ended longer ago than this (old imports) are recorded without a callback task. */
  PHONE_CALLBACK_MAX_AGE_HOURS: int(72, 1, 24 * 365),
  PHONE_DEFAULT_REGION: z.preprocess(
    blankIsUnset,
    z
      .string()
      .default('RS')
      .refine((v) => isRegion(v), 'a two-letter region libphonenumber knows, e.g. RS'),
  ),
  /** The clock of the Asterisk server that wrote Master.csv ("UTC" with usegmtime=yes). */
  PHONE_CDR_TIMEZONE: z.preprocess(
    blankIsUnset,
    z
      .string()
      .default('Europe/Belgrade')
      .refine((v) => isTimeZone(v), 'an IANA time zone, e.g. Europe/Belgrade'),
  ),
  /** Dialplan contexts that mark a Master.csv row as our outgoing call. */
  PHONE_CDR_OUTBOUND_CONTEXTS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .default('from-internal')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
  ),
  PHONE_SUMMARY_LANGUAGE: z.preprocess(blankIsUnset, z.enum(SUMMARY_LANGS).default('sr-Latn')),
  /** Largest CSV upload in the inbox, in megabytes. */
  PHONE_IMPORT_MAX_MB: int(5, 1, 100),
  /** How often the worker checks for call messages left behind by a fast update. */
  PHONE_SYNC_INTERVAL_SEC: int(30, 1, 3600),
});

const fileSchema = z
  .object({
    lines: z
      .array(z.object({ line: z.string().trim().min(1).max(100), token, name: z.string().max(200).optional() }))
      .default([]),
  })
  .strict();

export interface PhoneSettings {
  token: string | null;
  lines: { line: string; token: string }[];
  caseWindowMs: number;
  callbackDueMinutes: number;
  callbackMaxAgeMs: number;
  region: CountryCode;
  cdrTimeZone: string;
  cdrOutboundContexts: string[];
  lang: (typeof SUMMARY_LANGS)[number];
  importMaxBytes: number;
  syncIntervalMs: number;
}

class PhoneSettingsError extends Error {
  override name = 'PhoneSettingsError';
}

/** Env variables and the "phone" section of CHANNELS_FILE; a bad value stops the start, naming it. */
export function loadPhoneSettings(env: NodeJS.ProcessEnv, section: unknown): PhoneSettings {
  const e = envSchema.safeParse(env);
  const f = fileSchema.safeParse(section ?? {});
  const problems = [
    ...(e.success ? [] : e.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)),
    ...(f.success ? [] : f.error.issues.map((i) => `CHANNELS_FILE phone.${i.path.join('.')}: ${i.message}`)),
  ];
  if (!e.success || !f.success) throw new PhoneSettingsError(`phone channel settings:\n  - ${problems.join('\n  - ')}`);
  const lines = f.data.lines.map(({ line, token }) => ({ line, token }));
  const dup = lines.find((l, i) => lines.findIndex((o) => o.line === l.line) !== i);
  if (dup)
    throw new PhoneSettingsError(`phone channel settings: CHANNELS_FILE phone.lines lists line ${dup.line} twice`);
  const v = e.data;
  return {
    token: v.CALLS_API_TOKEN ?? null,
    lines,
    caseWindowMs: v.PHONE_CASE_WINDOW_HOURS * 3_600_000,
    callbackDueMinutes: v.PHONE_CALLBACK_DUE_MINUTES,
    callbackMaxAgeMs: v.PHONE_CALLBACK_MAX_AGE_HOURS * 3_600_000,
    region: v.PHONE_DEFAULT_REGION as CountryCode,
    cdrTimeZone: v.PHONE_CDR_TIMEZONE,
    cdrOutboundContexts: v.PHONE_CDR_OUTBOUND_CONTEXTS,
    lang: v.PHONE_SUMMARY_LANGUAGE,
    importMaxBytes: v.PHONE_IMPORT_MAX_MB * 1024 * 1024,
    syncIntervalMs: v.PHONE_SYNC_INTERVAL_SEC * 1000,
  };
}
