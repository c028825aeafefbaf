import { MIN_STEM } from './morphology.ts';
import { tokenize } from './normalize.ts';

/**
 * The rule language (docs/triage.md): a pattern is words separated by spaces that must all occur,
 * in any order, within a short window of the text.
 *
 *   naudi* {self} ~4     "naudi" with an ending, a word of the group {self}, within 4 words
 *   word                 exactly this word          stem*     the stem with an inflectional ending
 *   stem**               the stem and anything after a|b|c     one of these in this place
 *   {group}              one of the group's words   18..99    a number in this range
 *   "a b c"              a phrase: these words, in this order, one after the other
 *   "a b c" ~5           these words in this order, within 5 words
 *
 * Words are written in Latin or Cyrillic, with or without diacritics: they are folded like the text.
 */

export type WordSpec =
  | { kind: 'exact'; word: string }
  | { kind: 'stem'; stem: string }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'number'; min: number; max: number };

export interface Pattern {
  /** Each place of the pattern and the words that may fill it. */
  slots: WordSpec[][];
  /** All the words lie within this many consecutive word positions. */
  window: number;
  /** In the written order (one after the other when the window is the number of words). */
  phrase: boolean;
  source: string;
}

export const DEFAULT_WINDOW = 5;
export const MAX_WINDOW = 12;
const MAX_SLOTS = 6;

export class PatternError extends Error {}

export type Groups = ReadonlyMap<string, readonly string[]>;

function parseWord(alt: string, source: string): WordSpec {
  const range = /^(\d{1,4})\.\.(\d{1,4})$/.exec(alt);
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (min > max) throw new PatternError(`"${source}": range ${alt} runs backwards`);
    return { kind: 'number', min, max };
  }
  const stars = /\*{0,2}$/.exec(alt)?.[0].length ?? 0;
  const words = tokenize(alt.slice(0, alt.length - stars));
  const word = words[0]?.word ?? '';
  if (words.length !== 1)
    throw new PatternError(`"${source}": "${alt}" is not one word (letters, or digits; spaces between words)`);
  if (stars === 2) {
    if (word.length < 2) throw new PatternError(`"${source}": "${alt}" is too short to continue`);
    return { kind: 'prefix', prefix: word };
  }
  if (stars === 1) {
    if (word.length < MIN_STEM) throw new PatternError(`"${source}": stem "${alt}" needs ${MIN_STEM} letters or more`);
    return { kind: 'stem', stem: word };
  }
  return { kind: 'exact', word };
}

function parseSlot(part: string, groups: Groups, source: string): WordSpec[] {
  return part.split('|').flatMap((alt) => {
    if (alt === '') throw new PatternError(`"${source}": an empty alternative in "${part}"`);
    const group = /^\{([a-z][a-z0-9_]*)\}$/.exec(alt);
    if (!group) return [parseWord(alt, source)];
    const words = groups.get(group[1] ?? '');
    if (!words) throw new PatternError(`"${source}": unknown group {${group[1]}}`);
    return words.map((w) => parseWord(w, source));
  });
}

/** A pattern in the rule language; throws PatternError naming the pattern and what is wrong. */
export function parsePattern(text: string, groups: Groups): Pattern {
  const source = text.trim();
  // A window at the end: "~4" after the words, or after a quoted phrase (in order, with gaps).
  const windowMatch = /\s+~(\d+)$/.exec(source);
  const body = windowMatch ? source.slice(0, windowMatch.index).trim() : source;
  const phrase = body.length > 1 && body.startsWith('"') && body.endsWith('"');
  const parts = (phrase ? body.slice(1, -1) : body).split(/\s+/).filter((p) => p !== '');
  if (parts.length === 0) throw new PatternError(`"${source}": no words`);
  if (parts.length > MAX_SLOTS) throw new PatternError(`"${source}": at most ${MAX_SLOTS} words`);
  const window = windowMatch ? Number(windowMatch[1]) : phrase ? parts.length : DEFAULT_WINDOW;
  if (window < parts.length || window > MAX_WINDOW)
    throw new PatternError(`"${source}": the window must be from the number of words to ${MAX_WINDOW}`);
  const slots = parts.map((p) => parseSlot(p, groups, source));
  return { slots, window, phrase, source };
}

/**
 * A term of the older rule format: a phrase whose last word may continue ("pornografij" matches
 * "pornografija", "pornografiju"), the other words exact.
 */
export function parseTerm(term: string): Pattern {
  const words = tokenize(term).map((t) => t.word);
  if (words.length === 0 || words.length > MAX_SLOTS) throw new PatternError(`"${term}": 1 to ${MAX_SLOTS} words`);
  const slots: WordSpec[][] = words.map((word, i) =>
    i === words.length - 1 && word.length >= 2 ? [{ kind: 'prefix', prefix: word }] : [{ kind: 'exact', word }],
  );
  return { slots, window: words.length, phrase: true, source: term };
}
