import { z } from 'zod';
import { CHANNEL_KINDS } from '../../../connectors/contract.ts';
import { TABLE_NAMES } from '../../domain/annual-report.ts';
import { belgradeToday } from '../../domain/report-figures.ts';
import { OUTREACH_BASELINE_FIELDS } from '../../domain/report-settings.service.ts';
import { LANGS } from '../../i18n/messages.ts';

const lang = z.enum(LANGS as ['sr-Latn', 'sr-Cyrl', 'en']).default('sr-Latn');

/** Calendar days in Belgrade, both ends included; by default this year so far. */
export const summaryQuery = z
  .object({ from: z.iso.date().optional(), to: z.iso.date().optional(), lang })
  .transform((q) => {
    const to = q.to ?? belgradeToday();
    return { from: q.from ?? `${to.slice(0, 4)}-01-01`, to, lang: q.lang };
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

const count = z.number().int().min(0).max(100_000_000);

export const baselineBody = z
  .object({
    channels: z
      .array(
        z
          .object({ channel: z.enum(CHANNEL_KINDS), year: z.number().int().min(1990).max(2100), communications: count })
          .strict(),
      )
      .max(1000),
    outreach: z
      .object(
        Object.fromEntries(OUTREACH_BASELINE_FIELDS.map((f) => [f, count.default(0)])) as Record<
          (typeof OUTREACH_BASELINE_FIELDS)[number],
          z.ZodDefault<typeof count>
        >,
      )
      .strict()
      .default(
        Object.fromEntries(OUTREACH_BASELINE_FIELDS.map((f) => [f, 0])) as Record<
          (typeof OUTREACH_BASELINE_FIELDS)[number],
          number
        >,
      ),
  })
  .strict();

const framework = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and _ (2–64)');
const hasControl = (v: string) => [...v].some((ch) => (ch.codePointAt(0) ?? 0) < 32 || ch === '\u007f');

export const mappingQuery = z.object({ framework: framework.optional() });

export const mappingBody = z
  .object({
    framework,
    rows: z
      .array(
        z
          .object({
            category: z.string().max(64),
            subcategory: z.string().max(64).nullable().default(null),
            externalCode: z
              .string()
              .trim()
              .min(1)
              .max(64)
              .refine((v) => !hasControl(v), 'no control characters'),
            externalLabel: z
              .string()
              .trim()
              .min(1)
              .max(200)
              .refine((v) => !hasControl(v), 'no control characters'),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();

export const annualParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const annualQuery = z.object({ lang, framework: framework.optional() });
export const tableParams = annualParams.extend({ name: z.enum(TABLE_NAMES) });
