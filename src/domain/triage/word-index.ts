import { stemsOf } from './morphology.ts';
import type { WordSpec } from './pattern.ts';

/**
 * Every word spec of a rule set in lookup tables, so that a word of the text is checked against all
 * of them with a handful of map lookups: exact words, stems (the word minus each known ending),
 * prefixes, number ranges, and one typing slip (a letter missing, extra, wrong or two swapped) on
 * words and stems of FUZZY_MIN letters or more. Results are kept per word: the same words come
 * back in message after message.
 */

/**
 * Shorter words are matched only as written: one slip in a short word makes another word. A
 * letter left out, added or swapped is forgiven from FUZZY_MIN letters, a wrong letter only from
 * FUZZY_WRONG_LETTER ("materi" is not "matori").
 */
export const FUZZY_MIN = 6;
export const FUZZY_WRONG_LETTER = 8;
const CACHE_LIMIT = 50_000;

interface FuzzyKey {
  id: number;
  key: string;
  /** An exact word compares with the whole text word, a stem with the word minus an ending. */
  whole: boolean;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** The word with one letter left out, at each place. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * At most one slip between a and b: a letter inserted or left out, two neighbours swapped, or (when
 * `wrongLetter`) one letter replaced.
 */
export function withinOneSlip(a: string, b: string, wrongLetter = true): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) return true;
    return wrongLetter && a.slice(i + 1) === b.slice(i + 1);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class WordIndex {
  readonly specs: WordSpec[] = [];
  private readonly ids = new Map<string, number>();
  private readonly exact = new Map<string, number[]>();
  private readonly stems = new Map<string, number[]>();
  private readonly prefixes = new Map<string, number[]>();
  private readonly numbers: { min: number; max: number; id: number }[] = [];
  private readonly fuzzy = new Map<string, FuzzyKey[]>();
  private readonly cache = new Map<string, readonly number[]>();

  /** The id of a spec; the same spec written in two rules is one id. */
  add(spec: WordSpec): number {
    const key = JSON.stringify(spec);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.specs.length;
    this.specs.push(spec);
    this.ids.set(key, id);
    if (spec.kind === 'number') this.numbers.push({ ...spec, id });
    else if (spec.kind === 'prefix') push(this.prefixes, spec.prefix, id);
    else {
      const word = spec.kind === 'exact' ? spec.word : spec.stem;
      push(spec.kind === 'exact' ? this.exact : this.stems, word, id);
      if (word.length >= FUZZY_MIN) {
        const entry = { id, key: word, whole: spec.kind === 'exact' };
        for (const v of [word, ...deletions(word)]) push(this.fuzzy, v, entry);
      }
    }
    this.cache.clear();
    return id;
  }

  /** Ids of the specs a word of the text matches (sorted, each once). */
  lookup(word: string): readonly number[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const found = new Set<number>(this.exact.get(word) ?? []);
    const stems = stemsOf(word);
    for (const stem of stems) for (const id of this.stems.get(stem) ?? []) found.add(id);
    for (let n = 2; n <= word.length; n++) for (const id of this.prefixes.get(word.slice(0, n)) ?? []) found.add(id);
    if (/^\d+$/.test(word)) {
      const value = Number(word);
      for (const r of this.numbers) if (value >= r.min && value <= r.max) found.add(r.id);
    }
    for (const stem of stems) {
      if (stem.length < FUZZY_MIN - 1) continue;
      for (const v of [stem, ...deletions(stem)])
        for (const k of this.fuzzy.get(v) ?? [])
          if ((!k.whole || stem === word) && withinOneSlip(stem, k.key, k.key.length >= FUZZY_WRONG_LETTER))
            found.add(k.id);
    }
    const ids = [...found].sort((a, b) => a - b);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, ids);
    return ids;
  }
}
