import { domainToASCII } from 'node:url';
import { z } from 'zod';
import { URL_ACTION_KINDS, URL_ASSESSMENTS, URL_STATUSES } from '../../domain/url-items.ts';
import { OTHER_PLATFORM } from '../../domain/url-platforms.ts';
import { queryList } from '../query-list.ts';

/** `a,b` or a repeated parameter: one list either way, 20 at the most. */
const list = <T extends z.ZodType>(item: T) => queryList(item, 20);

const platformCode = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, 'lower-case letters, digits and _ (2 to 32)');

/** A date ("2026-01-01", midnight UTC) or a full timestamp. */
const instant = z.union([
  z.iso.date().transform((d) => new Date(`${d}T00:00:00Z`)),
  z.iso.datetime({ offset: true }).transform((d) => new Date(d)),
]);

export const urlIdParam = z.object({ id: z.uuid() });

const filters = {
  assessment: list(z.enum([...URL_ASSESSMENTS, 'none'])),
  platform: list(platformCode),
  /** `open` = new, assessed or in progress; `overdue` = open and past its reminder. */
  status: list(z.enum([...URL_STATUSES, 'open', 'overdue'])),
};

export const urlListQuery = z.object({
  ...filters,
  /** Part of the link: a host (in either script), a path, a parameter. */
  q: z.string().trim().min(1).max(500).optional(),
  /** Only the items a case reported. */
  case: z.uuid().optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const urlPatchBody = z
  .object({
    /** null takes the assessment back. */
    assessment: z.enum(URL_ASSESSMENTS).nullable().optional(),
    /** Where the content is hosted, as the analyst found it: ISO 3166-1 alpha-2; null clears it. */
    hostingCountry: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'a two-letter country code (ISO 3166-1), such as RS')
      .nullable()
      .optional(),
    /** A platform code from GET /api/url-platforms, or "other". */
    platform: platformCode.optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'nothing to change' });

/** A few minutes of clock difference are forgiven; an action in the future is not. */
const FUTURE_SLACK_MS = 5 * 60_000;

export const urlActionBody = z
  .object({
    kind: z.enum(URL_ACTION_KINDS),
    note: z.string().trim().max(5000).optional(),
    /** When it happened (default: now); never in the future. */
    at: z.iso
      .datetime({ offset: true })
      .transform((d) => new Date(d))
      .refine((d) => d.getTime() <= Date.now() + FUTURE_SLACK_MS, { message: 'must not be in the future' })
      .optional(),
  })
  .strict();

/** What the inbox sends (type-only, web-inbox/src/urls/url-api.ts). */
export type UrlPatchInput = z.input<typeof urlPatchBody>;
export type UrlActionInput = z.input<typeof urlActionBody>;

const period = {
  from: instant.optional(),
  to: instant.optional(),
};

export const urlExportQuery = z
  .object({ ...filters, ...period, format: z.enum(['csv', 'json']).default('csv') })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['from'] });

export const urlStatsQuery = z
  .object({ ...period, format: z.enum(['json', 'csv']).default('json') })
  .transform((q) => {
    const to = q.to ?? new Date();
    const from = q.from ?? new Date(Date.UTC(to.getUTCFullYear(), 0, 1));
    return { from, to, format: q.format };
  })
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['from'] });

/** A domain as the list matches it: lower case, punycode, at least one dot. */
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v, ctx) => {
    const ascii = domainToASCII(v.replace(/^www\./, ''));
    if (!ascii?.includes('.')) {
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a domain such as example.com` });
      return z.NEVER;
    }
    return ascii;
  });

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .nullable();

export const platformCodeParam = z.object({ code: platformCode });

export const platformListQuery = z.object({
  all: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
});

export const platformBody = z
  .object({
    code: platformCode.refine((c) => c !== OTHER_PLATFORM, { message: '"other" is not a platform of its own' }),
    name: z.string().trim().min(1).max(100),
    hosts: z.array(domain).min(1).max(50),
    abuseEmail: z.email().max(254).nullable().optional(),
    abuseUrl: httpUrl.optional(),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();

export const platformPatchBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    hosts: z.array(domain).min(1).max(50).optional(),
    abuseEmail: z.email().max(254).nullable().optional(),
    abuseUrl: httpUrl.optional(),
    position: z.number().int().min(0).max(100_000).optional(),
    /** true retires it (no longer recognised for new links; items keep it), false brings it back. */
    retired: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'nothing to change' });
