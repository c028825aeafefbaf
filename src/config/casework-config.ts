import fs from 'node:fs';
import { z } from 'zod';
import type { IngestOptions } from '../domain/ingest.service.ts';
import { DEFAULT_FIRST_RESPONSE_TARGETS, type FirstResponseTargets } from '../domain/service-levels.ts';
import {
  compileUrgencyRules,
  mergeUrgencyGroups,
  mergeUrgencyRules,
  PatternError,
  type UrgencyRuleSet,
} from '../domain/urgency.ts';

/** Settings of case work (urgency rules, service levels, the reporters' status page). */
export interface CaseworkConfig {
  urgency: UrgencyRuleSet;
  urgencyRuleNames: string[];
  firstResponseTargets: FirstResponseTargets;
  statusRateLimit: number;
  statusRateWindowSec: number;
}

const minutes = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 60 * 24 * 365) {
        ctx.addIssue({ code: 'custom', message: 'expected whole minutes from 1 to 525600' });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  URGENCY_RULES_FILE: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
  SLA_URGENT_MINUTES: minutes(DEFAULT_FIRST_RESPONSE_TARGETS.urgent),
  SLA_HIGH_MINUTES: minutes(DEFAULT_FIRST_RESPONSE_TARGETS.high),
  SLA_NORMAL_MINUTES: minutes(DEFAULT_FIRST_RESPONSE_TARGETS.normal),
  SLA_LOW_MINUTES: minutes(DEFAULT_FIRST_RESPONSE_TARGETS.low),
  STATUS_RATE_LIMIT: minutes(10),
  STATUS_RATE_WINDOW_SEC: minutes(900),
});

const termList = z.array(z.string().trim().min(2).max(200)).max(2000);
const name = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _');

/** The rules file (docs/triage.md); patterns are checked when the rules are compiled. */
const rulesFileSchema = z.object({
  replaceDefaults: z.boolean().optional(),
  groups: z.record(name, z.array(z.string().trim().min(1).max(60)).min(1).max(500)).optional(),
  rules: z
    .array(
      z
        .object({
          name,
          patterns: termList.optional(),
          terms: termList.optional(),
          except: termList.optional(),
          categories: z.array(z.string().min(1)).optional(),
          flags: z.array(z.string().min(1)).optional(),
        })
        .strict(),
    )
    .max(200),
});

/** The ingest rules every path applies (inbound worker, call imports, the import script): one source. */
export const ingestOptionsOf = (reopenWindowDays: number, casework: CaseworkConfig): IngestOptions => ({
  reopenWindowMs: reopenWindowDays * 86_400_000,
  urgency: casework.urgency,
});

export function loadCaseworkConfig(env: NodeJS.ProcessEnv): CaseworkConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid case-work settings: ${issues}`);
  }
  const e = parsed.data;
  let custom: z.infer<typeof rulesFileSchema> | null = null;
  if (e.URGENCY_RULES_FILE) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(e.URGENCY_RULES_FILE, 'utf8'));
    } catch (err) {
      throw new Error(`URGENCY_RULES_FILE: cannot read JSON from ${e.URGENCY_RULES_FILE}: ${(err as Error).message}`);
    }
    const file = rulesFileSchema.safeParse(raw);
    if (!file.success) {
      const issues = file.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`URGENCY_RULES_FILE: ${issues}`);
    }
    custom = file.data;
  }
  const rules = mergeUrgencyRules(custom);
  let urgency: UrgencyRuleSet;
  try {
    urgency = compileUrgencyRules(rules, mergeUrgencyGroups(custom?.groups));
  } catch (err) {
    if (err instanceof PatternError) throw new Error(`URGENCY_RULES_FILE: ${err.message}`);
    throw err;
  }
  return {
    urgency,
    urgencyRuleNames: rules.map((r) => r.name),
    firstResponseTargets: {
      urgent: e.SLA_URGENT_MINUTES,
      high: e.SLA_HIGH_MINUTES,
      normal: e.SLA_NORMAL_MINUTES,
      low: e.SLA_LOW_MINUTES,
    },
    statusRateLimit: e.STATUS_RATE_LIMIT,
    statusRateWindowSec: e.STATUS_RATE_WINDOW_SEC,
  };
}
