/**
 * A small stemmer for the rule words: a rule names a stem ("naudi*", "ubi*", "slik*") and a word of
 * the text matches it when it is the stem followed by one of the inflectional endings below. The
 * endings are a closed table (Serbian verb, noun and adjective endings, in the folded form without
 * diacritics, and the English -s/-ed/-ing), so "naudi*" covers nauditi, naudim, naudiću, naudio,
 * naudila, naudiće… and "ubi*" ubiti, ubijem, ubiću, ubio, ubij, but not "ubistvo" or "ubica".
 */

/** Vowels and infixes between a verb's stem and its personal ending: ubi-je-m, ucenj-uj-e, pret-i-o. */
const THEMATIC = ['', 'a', 'e', 'i', 'je', 'ja', 'uj', 'ova', 'iva'];

const SERBIAN = [
  '',
  // infinitive (nauditi, naudit, seći), present, future with the clitic fused (ubiću), aorist
  ...['ti', 't', 'ci', 'm', 's', 'mo', 'te', 'u', 'ju', 'em', 'es', 'e', 'emo', 'ete', 'eju'],
  ...['im', 'is', 'imo', 'ite', 'am', 'as', 'amo', 'ate', 'aju', 'cu', 'ces', 'ce', 'cemo', 'cete', 'h'],
  // past participle, imperative, passive participle, adverbial participles
  ...['o', 'ao', 'la', 'lo', 'li', 'le', 'j', 'jte', 'i', 'n', 'na', 'no', 'ni', 'ne', 'nu', 'nih', 'nim'],
  ...['en', 'ena', 'eno', 'eni', 'ene', 'uci', 'juci', 'eci', 'vsi'],
  // nouns and adjectives
  ...['a', 'om', 'ama', 'ima', 'og', 'oga', 'ome', 'omu', 'oj', 'ih', 'ov', 'ova', 'ove', 'ovi', 'ovima'],
  ...['eg', 'ega', 'emu', 'ev', 'eva', 'eve', 'evi', 'evima', 'nja', 'nje', 'nju', 'njom', 'nji'],
];

const ENGLISH = ['s', 'es', 'ed', 'd', 'ing', 'in', 'er', 'ers', 'en'];

/** Endings as the folded text shows them (a doubled letter typed once). */
const collapse = (s: string) => s.replace(/(\p{L})\1+/gu, '$1');

export const ENDINGS: ReadonlySet<string> = new Set([
  ...THEMATIC.flatMap((t) => SERBIAN.map((e) => collapse(t + e))).filter((e) => e.length <= 6),
  ...ENGLISH,
]);

const LONGEST = Math.max(...[...ENDINGS].map((e) => e.length));

/** A stem must keep at least this many letters, so that an ending never swallows a short word. */
export const MIN_STEM = 3;

/** The stems a word could be (the word itself first), each followed by a known ending. */
export function stemsOf(word: string): string[] {
  const out: string[] = [];
  for (let cut = 0; cut <= LONGEST && word.length - cut >= MIN_STEM; cut++) {
    if (ENDINGS.has(word.slice(word.length - cut))) out.push(word.slice(0, word.length - cut));
  }
  return out;
}
