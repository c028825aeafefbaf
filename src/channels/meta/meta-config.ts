import { z } from 'zod';
import type { MetaPage } from '../../../connectors/meta/meta-page.ts';
import { ConfigError } from '../../config/config.ts';

export interface MetaSettings {
  appSecret: string;
  verifyToken: string;
  graphUrl: string;
  graphVersion: string;
  pages: MetaPage[];
  /** First retry of a failed profile lookup after this long; then 10×, 60×, … (capped at a day). */
  profileRetrySec: number;
  /** How often the worker looks for profile lookups that are due. */
  profileSweepSec: number;
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
const opt = z.string().optional().transform(blank);
const numericId = (what: string) =>
  z.string().regex(/^\d{1,40}$/, { message: `${what} must be the numeric id Meta shows` });
const flag = (fallback: boolean) =>
  opt.transform((v, ctx) => {
    if (v === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(v)) return true;
    if (/^(0|false|no|off)$/i.test(v)) return false;
    ctx.addIssue({ code: 'custom', message: 'expected true or false' });
    return z.NEVER;
  });
const seconds = (fallback: number) =>
  opt.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (Number.isInteger(n) && n >= 1 && n <= 86_400) return n;
    ctx.addIssue({ code: 'custom', message: 'expected whole seconds from 1 to 86400' });
    return z.NEVER;
  });

const envSchema = z.object({
  META_APP_SECRET: opt,
  META_VERIFY_TOKEN: opt,
  META_PAGE_ID: opt.pipe(numericId('META_PAGE_ID').optional()),
  META_PAGE_ACCESS_TOKEN: opt,
  META_INSTAGRAM_ID: opt.pipe(numericId('META_INSTAGRAM_ID').optional()),
  META_GRAPH_URL: opt.pipe(
    z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .optional()
      .transform((v) => (v ?? 'https://graph.facebook.com').replace(/\/+$/, '')),
  ),
  META_GRAPH_VERSION: opt.pipe(
    z
      .string()
      .regex(/^v\d{1,3}\.\d{1,2}$/, { message: 'must look like v23.0' })
      .optional()
      .transform((v) => v ?? 'v23.0'),
  ),
  META_HUMAN_AGENT: flag(false),
  META_COMMENTS: flag(false),
  META_PROFILE_RETRY_SEC: seconds(60),
  META_PROFILE_SWEEP_SEC: seconds(60),
});

/** CHANNELS_FILE section "meta": one object per page, each with its own token. */
const fileSchema = z
  .array(
    z
      .object({
        pageId: numericId('pageId'),
        accessToken: z.string().trim().min(1, { message: 'accessToken is required' }),
        instagramId: numericId('instagramId').optional(),
        humanAgent: z.boolean().default(false),
        comments: z.boolean().default(false),
      })
      .strict(),
  )
  .min(1, { message: 'list at least one page' });

const TRIGGERS = [
  'META_APP_SECRET',
  'META_VERIFY_TOKEN',
  'META_PAGE_ID',
  'META_PAGE_ACCESS_TOKEN',
  'META_INSTAGRAM_ID',
];

/**
 * The Meta channel's settings, or null when it is not configured at all (the module then adds
 * nothing). A partial configuration stops the start with every missing or wrong item named.
 */
export function readMetaSettings(env: NodeJS.ProcessEnv, channelsFile: Record<string, unknown>): MetaSettings | null {
  const inFile = channelsFile.meta !== undefined;
  if (!inFile && !TRIGGERS.some((k) => blank(env[k]) !== undefined)) return null;
  const problems: string[] = [];
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) for (const i of parsed.error.issues) problems.push(`${i.path.join('.')}: ${i.message}`);
  const e = parsed.success ? parsed.data : undefined;

  if (!blank(env.META_APP_SECRET)) problems.push('META_APP_SECRET: required to check webhook signatures');
  if (!blank(env.META_VERIFY_TOKEN)) problems.push('META_VERIFY_TOKEN: required for the webhook handshake');
  const pages: MetaPage[] = [];
  if (e?.META_PAGE_ID || e?.META_PAGE_ACCESS_TOKEN || e?.META_INSTAGRAM_ID) {
    if (!e.META_PAGE_ID) problems.push('META_PAGE_ID: required with META_PAGE_ACCESS_TOKEN / META_INSTAGRAM_ID');
    if (!e.META_PAGE_ACCESS_TOKEN) problems.push('META_PAGE_ACCESS_TOKEN: required with META_PAGE_ID');
    if (e.META_PAGE_ID && e.META_PAGE_ACCESS_TOKEN) {
      pages.push({
        pageId: e.META_PAGE_ID,
        accessToken: e.META_PAGE_ACCESS_TOKEN,
        ...(e.META_INSTAGRAM_ID && { instagramId: e.META_INSTAGRAM_ID }),
        humanAgent: e.META_HUMAN_AGENT,
        comments: e.META_COMMENTS,
      });
    }
  }
  if (inFile) {
    const file = fileSchema.safeParse(channelsFile.meta);
    if (!file.success) {
      for (const i of file.error.issues)
        problems.push(`CHANNELS_FILE meta${i.path.map((p) => `[${String(p)}]`).join('')}: ${i.message}`);
    } else {
      pages.push(...file.data);
    }
  }
  if (pages.length === 0 && problems.length === 0)
    problems.push('META_PAGE_ID and META_PAGE_ACCESS_TOKEN (or a CHANNELS_FILE "meta" section): no page configured');
  const seen = new Set<string>();
  for (const p of pages) {
    for (const id of [p.pageId, p.instagramId]) {
      if (!id) continue;
      if (seen.has(id)) problems.push(`Meta page or Instagram id ${id} is configured twice`);
      seen.add(id);
    }
  }
  if (problems.length > 0 || !e) throw new ConfigError(problems.map((p) => `Meta channel: ${p}`));
  return {
    appSecret: e.META_APP_SECRET as string,
    verifyToken: e.META_VERIFY_TOKEN as string,
    graphUrl: e.META_GRAPH_URL,
    graphVersion: e.META_GRAPH_VERSION,
    pages,
    profileRetrySec: e.META_PROFILE_RETRY_SEC,
    profileSweepSec: e.META_PROFILE_SWEEP_SEC,
  };
}
