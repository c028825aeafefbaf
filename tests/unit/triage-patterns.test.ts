import { describe, expect, it } from 'vitest';
import { stemsOf } from '../../src/domain/triage/morphology.ts';
import { foldWord, tokenize } from '../../src/domain/triage/normalize.ts';
import { PatternError, parsePattern } from '../../src/domain/triage/pattern.ts';
import { withinOneSlip } from '../../src/domain/triage/word-index.ts';
import { compileUrgencyRules, type UrgencyRule } from '../../src/domain/urgency.ts';

const NO_GROUPS = new Map<string, string[]>();
/** One rule "r" with these patterns (and masks), run over a text. */
const hits = (patterns: string[], text: string, extra: Partial<UrgencyRule> = {}, groups = {}) =>
  compileUrgencyRules([{ name: 'r', patterns, ...extra }], groups).evaluate({ text }).length > 0;

describe('the rule language', () => {
  it('folds text and rule words alike: script, diacritics, doubled letters, ch/sh/zh, x, digits for letters', () => {
    expect(tokenize('Убићу СЕ!!! ubichu seee').map((t) => t.word)).toEqual(['ubicu', 'se', 'ubicu', 'se']);
    expect(foldWord('s3b3')).toBe('sebe');
    expect(foldWord('sex')).toBe('seks');
    expect(tokenize('ima 35god').map((t) => t.word)).toEqual(['ima', '35', 'god']);
  });

  it('a stem takes an inflectional ending, not any continuation', () => {
    for (const w of ['ubiti', 'ubijem', 'ubicu', 'ubice', 'ubio', 'ubila', 'ubij', 'ubijaju'])
      expect(hits(['ubi*'], w), w).toBe(true);
    for (const w of ['ubistvo', 'ubica', 'ubiquity']) expect(hits(['ubi*'], w), w).toBe(false);
    expect(stemsOf('naudicu')).toContain('naudi');
    expect(hits(['pornograf**'], 'pornografskim')).toBe(true);
    expect(hits(['ubi'], 'ubiti')).toBe(false);
  });

  it('words in any order within the window, not across it or across a sentence', () => {
    expect(hits(['naudi* sebi ~3'], 'sebi ću nauditi')).toBe(true);
    expect(hits(['naudi* sebi ~3'], 'nauditi ću sebi')).toBe(true);
    expect(hits(['naudi* sebi ~3'], 'sebi ću nešto nauditi')).toBe(false);
    expect(hits(['naudi* sebi ~4'], 'sebi ću nešto nauditi')).toBe(true);
    // A sentence break counts as three words: a short window stays in its sentence, a long one reaches over.
    expect(hits(['naudi* sebi ~3'], 'neću nauditi sebi')).toBe(true);
    expect(hits(['naudi* sebi ~3'], 'neću nauditi. Sebi samo')).toBe(false);
    expect(hits(['naudi* sebi ~4'], 'neću nauditi. Sebi samo')).toBe(true);
    // One word cannot fill two places.
    expect(hits(['se se ~3'], 'ubiću se')).toBe(false);
  });

  it('a quoted phrase keeps its order; with a window it may have gaps', () => {
    expect(hits(['"ne govori roditelj*"'], 'ne govori roditeljima')).toBe(true);
    expect(hits(['"ne govori roditelj*"'], 'roditelji ne govore')).toBe(false);
    expect(hits(['"ne govori roditelj*" ~4'], 'ne govori nikad roditeljima')).toBe(true);
    expect(hits(['"ne govori roditelj*" ~4'], 'roditeljima ne govori')).toBe(false);
  });

  it('groups, alternatives and number ranges', () => {
    const groups = { adult: ['čovek', 'muškarac'] };
    expect(hits(['{adult} 18..99 god|godina ~4'], 'čovek od 35 godina', {}, groups)).toBe(true);
    expect(hits(['{adult} 18..99 god|godina ~4'], 'čovek od 12 godina', {}, groups)).toBe(false);
    expect(hits(['{adult} 18..99 god|godina ~4'], 'muškarac 40god', {}, groups)).toBe(true);
  });

  it('forgives one typing slip in long words only; a wrong letter only in words of eight letters or more', () => {
    expect(withinOneSlip('samubistv', 'samoubistv')).toBe(true);
    expect(withinOneSlip('smaoubistv', 'samoubistv')).toBe(true);
    expect(withinOneSlip('materi', 'matori', false)).toBe(false);
    expect(hits(['samoubistv*'], 'samoubistco')).toBe(true);
    expect(hits(['matori*'], 'materijale')).toBe(false);
    expect(hits(['matori*'], 'matoi')).toBe(true);
    expect(hits(['ubica'], 'ubicu')).toBe(false);
  });

  it('masks every occurrence of a harmless phrase, and only its words', () => {
    const rule = { except: ['ubi* me test ~4'] };
    expect(hits(['ubi* me|se ~3'], 'ubio me test, ubio me test', rule)).toBe(false);
    expect(hits(['ubi* me|se ~3'], 'ubio me test. Ubiću se', rule)).toBe(true);
  });

  it('keeps the older terms: a phrase in order whose last word may continue', () => {
    const set = compileUrgencyRules([{ name: 'x', terms: ['dečja pornografij'] }]);
    expect(set.evaluate({ text: 'Dečja pornografija' })).toEqual(['x']);
    expect(set.evaluate({ text: 'decja pornografijom' })).toEqual(['x']);
    expect(set.evaluate({ text: 'pornografija dečja' })).toEqual([]);
  });

  it('explains which pattern matched and on which words', () => {
    const set = compileUrgencyRules([{ name: 'r', patterns: ['naudi* sebi ~3'], categories: ['c'] }]);
    expect(set.explain({ text: 'Sebi ću nauditi' })).toEqual([
      { rule: 'r', pattern: 'naudi* sebi ~3', words: ['sebi', 'nauditi'] },
    ]);
    expect(set.explain({ text: 'x', category: 'c' })).toEqual([{ rule: 'r', category: 'c' }]);
  });

  it('refuses a pattern it cannot read, naming the rule and the pattern', () => {
    const bad = (p: string) => () => compileUrgencyRules([{ name: 'weapon', patterns: [p] }], {});
    expect(bad('{nope} x')).toThrow(/rule weapon: "\{nope\} x": unknown group/);
    expect(bad('a b c ~2')).toThrow(PatternError);
    expect(bad('a ~13')).toThrow(/window/);
    expect(bad('ub*')).toThrow(/needs 3 letters/);
    expect(bad('a||b')).toThrow(/empty alternative/);
    expect(() => parsePattern('e-mail', NO_GROUPS)).toThrow(/not one word/);
  });
});
