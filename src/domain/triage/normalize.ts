import { latinToCyrillic } from '../../i18n/translit.ts';

/**
 * Text and rule words brought to one comparable form, so that a rule written once matches what
 * children actually type: Latin script (Cyrillic read through the shared transliteration), lower
 * case, no diacritics, and a few spellings folded together (see `foldWord`).
 */

/** Cyrillic → Latin, derived from the one Latin → Cyrillic table so the two can never disagree. */
const CYRILLIC_TO_LATIN: ReadonlyMap<string, string> = new Map(
  [...'abcčćdđefghijklmnoprsštuvzž', 'lj', 'nj', 'dž'].map((lat) => [latinToCyrillic(lat), lat] as const),
);

/** Lower case, Cyrillic letters in Latin, đ as "dj" (the usual way of typing it), no diacritics. */
function plainLatin(text: string): string {
  const lower = text.toLowerCase().normalize('NFC');
  let latin = lower;
  if (/[\u0400-\u04ff]/.test(lower)) {
    latin = '';
    for (const ch of lower) latin += CYRILLIC_TO_LATIN.get(ch) ?? ch;
  }
  // NFKD also takes the ligatures (ǆ, ǉ, ǌ) and full-width letters apart.
  return latin
    .replace(/đ/g, 'dj')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’ʼ`´]/g, '');
}

/**
 * One comparable form of a whole text: plain Latin, everything that is not a letter or digit a
 * single space, padded with a space at each end ("Убићу СЕ!" → " ubicu se ").
 */
export function normalizeForMatching(text: string): string {
  return ` ${plainLatin(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };

/**
 * The spellings folded together on both sides (text and rules), so one rule word covers them:
 * "ch"/"sh"/"zh" typed for č/ć, š, ž; "x" for "ks" ("sex" = "seks"); a letter typed twice or more
 * once ("ubicuuu", "kill" → "kil"); digits inside a word that starts with a letter read as the
 * letters they stand for ("s3b3" → "sebe"). A word that starts with a digit is left alone, so
 * "14god" stays a number and a word (tokenize splits them).
 */
export function foldWord(word: string): string {
  let w = /^\p{L}/u.test(word) ? word.replace(/[013457]/g, (d) => LEET[d] ?? d) : word;
  w = w.replace(/ch/g, 'c').replace(/sh/g, 's').replace(/zh/g, 'z').replace(/x/g, 'ks');
  return w.replace(/(\p{L})\1+/gu, '$1');
}

export interface Token {
  word: string;
  /** Word position; a sentence break counts as SENTENCE_GAP words, so a short window stays in its sentence. */
  pos: number;
}

/** How many words of distance a sentence break (., !, ?, a new line) puts between two words. */
export const SENTENCE_GAP = 3;

const SENTENCE_BREAK = /[.!?;\n\r]+/;

/** Folded words of one raw word, kept: the same words come back in message after message. */
const folded = new Map<string, readonly string[]>();
const FOLDED_LIMIT = 50_000;

function foldRaw(raw: string): readonly string[] {
  let parts = folded.get(raw);
  if (!parts) {
    parts = foldWord(raw).split(/(?<=\p{N})(?=\p{L})|(?<=\p{L})(?=\p{N})/u);
    if (folded.size >= FOLDED_LIMIT) folded.clear();
    folded.set(raw, parts);
  }
  return parts;
}

/** Words of a text in the folded form, in order, with their positions; numbers split from letters ("35god"). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (const sentence of plainLatin(text).split(SENTENCE_BREAK)) {
    for (const raw of sentence.split(/[^\p{L}\p{N}]+/u)) {
      if (raw === '') continue;
      for (const word of foldRaw(raw)) {
        tokens.push({ word, pos });
        pos += 1;
      }
    }
    pos += SENTENCE_GAP - 1;
  }
  return tokens;
}
