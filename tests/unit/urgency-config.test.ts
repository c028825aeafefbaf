import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCaseworkConfig } from '../../src/config/casework-config.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-rules-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const withFile = (content: unknown) => {
  const file = path.join(dir, `rules-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(content));
  return loadCaseworkConfig({ URGENCY_RULES_FILE: file });
};

describe('URGENCY_RULES_FILE with patterns and groups', () => {
  it('adds a rule of patterns, replaces a group the defaults use, keeps the other defaults', () => {
    const config = withFile({
      groups: { weapon: ['samostrel*', 'katana*'] },
      rules: [{ name: 'runaway', patterns: ['pobeć* kuć* ~4'], except: ['"pobeći od kuće" igric*'] }],
    });
    expect(config.urgencyRuleNames).toEqual(['csam', 'self_harm', 'threat', 'meeting_adult', 'sextortion', 'runaway']);
    expect(config.urgency.evaluate({ text: 'Pobeći ću od kuće večeras' })).toEqual(['runaway']);
    // The threat rule's {weapon} now reads the supervisors' list.
    expect(config.urgency.evaluate({ text: 'doneće katanu u školu' })).toEqual(['threat']);
    expect(config.urgency.evaluate({ text: 'doneće pištolj u školu' })).toEqual([]);
    expect(config.urgency.evaluate({ text: 'ubiću se' })).toEqual(['self_harm']);
  });

  it('refuses at start a pattern it cannot read or a field it does not know, naming them', () => {
    expect(() => withFile({ rules: [{ name: 'x', patterns: ['{oruzje} skol*'] }] })).toThrow(
      /URGENCY_RULES_FILE: rule x: "\{oruzje\} skol\*": unknown group/,
    );
    expect(() => withFile({ rules: [{ name: 'x', pattern: ['noz*'] }] })).toThrow(/URGENCY_RULES_FILE: .*pattern/);
    expect(() => withFile({ groups: { Bad: ['a'] }, rules: [] })).toThrow(/URGENCY_RULES_FILE: groups/);
  });
});
