import fs from 'node:fs';
import { z } from 'zod';
import type { UrgencyReason, UrgencyRuleSet } from '../src/domain/urgency.ts';

/**
 * The triage evaluation: the urgency rules run over a labelled set of short messages, and recall and
 * precision of "urgent" are counted overall, per category and per script. Used by
 * `npm run eval:triage` and by the test that holds the rules to the targets.
 */

export const EVAL_SET_PATH = new URL('../tests/fixtures/triage/eval.jsonl', import.meta.url);
export const SCRIPTS = ['sr-Latn', 'sr-Cyrl', 'en'] as const;
export const TARGETS = { recall: 0.95, precision: 0.8 } as const;

const evalRow = z
  .object({
    id: z.string().min(1),
    script: z.enum(SCRIPTS),
    urgent: z.boolean(),
    category: z.string().min(1).nullable(),
    text: z.string().min(1),
  })
  .refine((r) => r.urgent === (r.category !== null), 'an urgent row has a category, a non-urgent one none');
export type EvalRow = z.infer<typeof evalRow>;

/** One JSON object a line; a bad line names its line number. */
export function parseEvalSet(jsonl: string): EvalRow[] {
  return jsonl
    .split('\n')
    .map((line, i) => ({ line: line.trim(), no: i + 1 }))
    .filter((l) => l.line !== '')
    .map(({ line, no }) => {
      const parsed = evalRow.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`line ${no}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      return parsed.data;
    });
}

export const loadEvalSet = (path: string | URL = EVAL_SET_PATH) => parseEvalSet(fs.readFileSync(path, 'utf8'));

export interface Score {
  /** Urgent rows (of the category / script). */
  urgent: number;
  /** Urgent rows the rules flagged. */
  caught: number;
  /** Rows the rules flagged (by this category's rule, or in this script). */
  flagged: number;
  /** Flagged rows that are urgent. */
  flaggedUrgent: number;
  recall: number;
  precision: number;
}

export interface Outcome {
  row: EvalRow;
  rules: string[];
  /** What matched, when the rule set can say (the compiled default and file rules can). */
  reasons?: UrgencyReason[];
}

type Explaining = UrgencyRuleSet & { explain?: (input: { text: string }) => UrgencyReason[] };

const describe = (r: UrgencyReason) =>
  'pattern' in r
    ? `${r.rule}: ${r.pattern} [${r.words.join(' ')}]`
    : 'category' in r
      ? `${r.rule}: category`
      : `${r.rule}: flag`;

export interface Evaluation {
  overall: Score;
  byCategory: Record<string, Score & { rightRule: number }>;
  byScript: Record<string, Score>;
  /** Urgent rows not flagged, and flagged rows that are not urgent. */
  misses: Outcome[];
  falseAlarms: Outcome[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

function score(rows: Outcome[], flagged: (o: Outcome) => boolean): Score {
  const urgentRows = rows.filter((o) => o.row.urgent);
  const caught = urgentRows.filter((o) => o.rules.length > 0).length;
  const flaggedRows = rows.filter(flagged);
  const flaggedUrgent = flaggedRows.filter((o) => o.row.urgent).length;
  return {
    urgent: urgentRows.length,
    caught,
    flagged: flaggedRows.length,
    flaggedUrgent,
    recall: ratio(caught, urgentRows.length),
    precision: ratio(flaggedUrgent, flaggedRows.length),
  };
}

/**
 * Recall of a category: its urgent rows flagged by any rule (urgent is what matters on arrival).
 * Precision of a category: of the rows its rule flagged, the share that are urgent; `rightRule`
 * counts its urgent rows that its own rule flagged (the reason the banner shows).
 */
export function evaluate(rows: readonly EvalRow[], rules: Explaining): Evaluation {
  const outcomes: Outcome[] = rows.map((row) => {
    const input = { text: row.text };
    const reasons = rules.explain?.(input);
    return { row, rules: reasons ? [...new Set(reasons.map((r) => r.rule))] : rules.evaluate(input), reasons };
  });
  const categories = [...new Set(rows.flatMap((r) => (r.category ? [r.category] : [])))].sort();
  const byCategory: Evaluation['byCategory'] = {};
  for (const c of categories) {
    const own = outcomes.filter((o) => o.row.category === c);
    const s = score(outcomes, (o) => o.rules.includes(c));
    const ownScore = score(own, () => false);
    byCategory[c] = {
      ...s,
      urgent: ownScore.urgent,
      caught: ownScore.caught,
      recall: ownScore.recall,
      rightRule: own.filter((o) => o.rules.includes(c)).length,
    };
  }
  const byScript: Evaluation['byScript'] = {};
  for (const s of SCRIPTS) {
    byScript[s] = score(
      outcomes.filter((o) => o.row.script === s),
      (o) => o.rules.length > 0,
    );
  }
  return {
    overall: score(outcomes, (o) => o.rules.length > 0),
    byCategory,
    byScript,
    misses: outcomes.filter((o) => o.row.urgent && o.rules.length === 0),
    falseAlarms: outcomes.filter((o) => !o.row.urgent && o.rules.length > 0),
  };
}

/** Every score below a target, as "what: figure < target" lines; empty when all are met. */
export function shortfalls(e: Evaluation): string[] {
  const named: [string, Score][] = [
    ['overall', e.overall],
    ...Object.entries(e.byCategory).map(([k, v]) => [`category ${k}`, v] as [string, Score]),
    ...Object.entries(e.byScript).map(([k, v]) => [`script ${k}`, v] as [string, Score]),
  ];
  return named.flatMap(([name, s]) => [
    ...(s.recall < TARGETS.recall ? [`${name}: recall ${s.recall.toFixed(3)} < ${TARGETS.recall}`] : []),
    ...(s.precision < TARGETS.precision ? [`${name}: precision ${s.precision.toFixed(3)} < ${TARGETS.precision}`] : []),
  ]);
}

const pct = (x: number) => x.toFixed(3);
const line = (name: string, s: Score, extra = '') =>
  `${name.padEnd(16)} ${pct(s.recall).padStart(6)} (${s.caught}/${s.urgent})`.padEnd(34) +
  `${pct(s.precision).padStart(6)} (${s.flaggedUrgent}/${s.flagged})${extra}`;

/** The report `npm run eval:triage` prints. */
export function formatEvaluation(e: Evaluation, rowsCount: number, withMisses: boolean): string {
  const out = [
    `${rowsCount} messages; targets: recall >= ${TARGETS.recall}, precision >= ${TARGETS.precision}`,
    '',
    `${`${'urgent'.padEnd(16)} ${'recall'.padStart(6)}`.padEnd(34)}precision`,
    line('overall', e.overall),
    '',
    'per category (recall: its urgent messages flagged; precision: what its rule flagged that is urgent)',
    ...Object.entries(e.byCategory).map(([k, s]) => line(k, s, `  own rule ${s.rightRule}/${s.urgent}`)),
    '',
    'per script',
    ...Object.entries(e.byScript).map(([k, s]) => line(k, s)),
  ];
  if (withMisses) {
    out.push('', `missed (${e.misses.length}):`);
    for (const m of e.misses) out.push(`  ${m.row.id} [${m.row.category}] ${m.row.text}`);
    out.push('', `false alarms (${e.falseAlarms.length}):`);
    for (const m of e.falseAlarms) {
      out.push(`  ${m.row.id} {${m.rules.join(',')}} ${m.row.text}`);
      for (const r of m.reasons ?? []) out.push(`      ${describe(r)}`);
    }
  }
  const short = shortfalls(e);
  out.push('', short.length === 0 ? 'all targets met' : `targets not met:\n  ${short.join('\n  ')}`);
  return out.join('\n');
}
