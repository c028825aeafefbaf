import { domainToASCII } from 'node:url';
import { z } from 'zod';
import { intFromEnv } from './config.ts';

/** Settings of the URL workflow (issue 23); parsed once at start. */
export interface UrlsConfig {
  /** An open item with nothing happening for this many days is due a reminder. */
  reminderDays: number;
  /** Hosts whose links are the centre's own (PUBLIC_URL's host always is): never reported items. */
  ignoreHosts: string[];
  /** How often the worker sweeps for messages the fast path missed, and sends reminders. */
  scanIntervalMs: number;
  /** How long a message's transaction may take: the sweep reads only cases quiet that long. */
  settleMs: number;
  /** Where the very first sweep starts (to read the links of messages stored before this version). */
  sweepFrom: Date | undefined;
}

const hostList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const out: string[] = [];
    for (const part of (v ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean)) {
      const host = domainToASCII(part);
      if (!host?.includes('.')) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not a host name` });
        return z.NEVER;
      }
      out.push(host);
    }
    return out;
  });

const envSchema = z.object({
  URL_REMINDER_DAYS: intFromEnv(7, 1, 365),
  URL_IGNORE_HOSTS: hostList,
  URL_SCAN_INTERVAL_SEC: intFromEnv(60, 1, 86_400),
  URL_SCAN_SETTLE_SEC: intFromEnv(120, 0, 86_400),
  URL_SCAN_FROM: z.iso.date().optional(),
});

/** Throws naming the bad setting: the process must not start half-configured. */
export function loadUrlsConfig(env: NodeJS.ProcessEnv, publicUrl: string | undefined): UrlsConfig {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const e = envSchema.safeParse(clean);
  if (!e.success)
    throw new Error(`URL settings: ${e.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const own = publicUrl ? new URL(publicUrl).hostname : undefined;
  return {
    reminderDays: e.data.URL_REMINDER_DAYS,
    ignoreHosts: [...new Set([...(own ? [own] : []), ...e.data.URL_IGNORE_HOSTS])],
    scanIntervalMs: e.data.URL_SCAN_INTERVAL_SEC * 1000,
    settleMs: e.data.URL_SCAN_SETTLE_SEC * 1000,
    sweepFrom: e.data.URL_SCAN_FROM ? new Date(`${e.data.URL_SCAN_FROM}T00:00:00Z`) : undefined,
  };
}
