/**
 * `npm run eval:triage -- [--set file.jsonl] [--misses] [--json]`
 *
 * Runs the urgency rules the server would use (the defaults, or URGENCY_RULES_FILE merged with them,
 * exactly as at start) over the evaluation set and prints recall and precision of "urgent" overall,
 * per category and per script. `--misses` lists what was missed and what was flagged wrongly.
 * Exit code: 0 targets met, 2 not met, 1 the rules or the set could not be read.
 */
import { parseArgs } from 'node:util';
import { loadCaseworkConfig } from '../src/config/casework-config.ts';
import { EVAL_SET_PATH, evaluate, formatEvaluation, loadEvalSet, shortfalls } from './triage-evaluation.ts';

function main(): number {
  const { values } = parseArgs({
    options: {
      set: { type: 'string' },
      misses: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const rows = loadEvalSet(values.set ?? EVAL_SET_PATH);
  const { urgency } = loadCaseworkConfig(process.env);
  const result = evaluate(rows, urgency);
  if (values.json) {
    const { misses, falseAlarms, ...figures } = result;
    const ids = (list: typeof misses) => list.map((o) => o.row.id);
    console.log(JSON.stringify({ ...figures, misses: ids(misses), falseAlarms: ids(falseAlarms) }, null, 2));
  } else {
    console.log(formatEvaluation(result, rows.length, values.misses));
  }
  return shortfalls(result).length === 0 ? 0 : 2;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`eval:triage: ${(err as Error).message}`);
  process.exitCode = 1;
}
