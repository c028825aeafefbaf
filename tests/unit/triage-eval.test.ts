import { describe, expect, it } from 'vitest';
import { evaluate, loadEvalSet, SCRIPTS, shortfalls, TARGETS } from '../../scripts/triage-evaluation.ts';
import { DEFAULT_URGENCY } from '../../src/domain/urgency.ts';

const rows = loadEvalSet();

describe('triage evaluation set (tests/fixtures/triage/eval.jsonl)', () => {
  it('holds at least 300 messages in the three scripts, urgent in the five categories and harmless ones', () => {
    expect(rows.length).toBeGreaterThanOrEqual(300);
    for (const script of SCRIPTS) {
      const own = rows.filter((r) => r.script === script);
      expect(own.filter((r) => r.urgent).length, script).toBeGreaterThanOrEqual(50);
      expect(own.filter((r) => !r.urgent).length, script).toBeGreaterThanOrEqual(50);
    }
    expect(new Set(rows.flatMap((r) => (r.category ? [r.category] : [])))).toEqual(
      new Set(['self_harm', 'threat', 'sextortion', 'meeting_adult', 'csam']),
    );
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('keeps a held-out set in the same format, in the three scripts (reported, not held to the targets)', () => {
    const holdout = loadEvalSet(new URL('../fixtures/triage/holdout.jsonl', import.meta.url));
    expect(holdout.length).toBeGreaterThanOrEqual(100);
    expect(new Set(holdout.map((r) => r.script))).toEqual(new Set(SCRIPTS));
    // No message of the held-out set is also in the evaluation set.
    const known = new Set(rows.map((r) => r.text));
    expect(holdout.filter((r) => known.has(r.text))).toEqual([]);
  });

  it(`the default rules reach recall >= ${TARGETS.recall} and precision >= ${TARGETS.precision} overall, per category and per script`, () => {
    const result = evaluate(rows, DEFAULT_URGENCY);
    expect(shortfalls(result)).toEqual([]);
    // The figures behind the empty list, so that a run that scored nothing cannot pass.
    expect(result.overall.urgent).toBe(rows.filter((r) => r.urgent).length);
    expect(result.overall.caught).toBeGreaterThanOrEqual(Math.ceil(TARGETS.recall * result.overall.urgent));
    expect(Object.keys(result.byCategory)).toHaveLength(5);
  });
});
