/**
 * Serbian Latin → Serbian Cyrillic, letter for letter (Vuk's alphabet maps one to one).
 *
 * Mechanical on purpose: the few words where a digraph is really two letters
 * (e.g. "nadživeti" → надживети, "injekcija" → инјекција) or where a foreign name must stay
 * Latin are handled by the callers' override maps, not by guessing here.
 */

const LOWER: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'б',
  c: 'ц',
  č: 'ч',
  ć: 'ћ',
  d: 'д',
  đ: 'ђ',
  e: 'е',
  f: 'ф',
  g: 'г',
  h: 'х',
  i: 'и',
  j: 'ј',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  r: 'р',
  s: 'с',
  š: 'ш',
  t: 'т',
  u: 'у',
  v: 'в',
  z: 'з',
  ž: 'ж',
};

const LETTERS: ReadonlyMap<string, string> = new Map(
  Object.entries(LOWER).flatMap(([lat, cyr]) => [
    [lat, cyr],
    [lat.toUpperCase(), cyr.toUpperCase()],
  ]),
);

/** Digraphs and the Unicode ligatures some keyboards and OCR produce (Ǆ ǅ ǆ Ǉ ǈ ǉ Ǌ ǋ ǌ). */
const DIGRAPHS: ReadonlyMap<string, string> = new Map([
  ['lj', 'љ'],
  ['nj', 'њ'],
  ['dž', 'џ'],
  ['ǉ', 'љ'],
  ['ǈ', 'Љ'],
  ['Ǉ', 'Љ'],
  ['ǌ', 'њ'],
  ['ǋ', 'Њ'],
  ['Ǌ', 'Њ'],
  ['ǆ', 'џ'],
  ['ǅ', 'Џ'],
  ['Ǆ', 'Џ'],
]);

const TOKEN = /[LlNn][Jj]|[Dd][Žž]|[\u01C4-\u01CC]|[A-Za-zČčĆćĐđŠšŽž]/g;

/**
 * Spans that are not Serbian words and must come out byte for byte:
 * `{placeholders}`, HTML tags and entities, URLs, e-mail addresses and case references (KC-…).
 */
const PROTECTED = new RegExp(
  [
    String.raw`\{[^{}]*\}`,
    String.raw`<\/?[A-Za-z!][^<>]*>`,
    String.raw`&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);`,
    String.raw`\b(?:https?|ftp):\/\/[^\s<>"'{}]*`,
    String.raw`\bwww\.[^\s<>"'{}]+`,
    String.raw`\bmailto:[^\s<>"'{}]+`,
    String.raw`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+`,
    String.raw`\bKC-[A-Za-z0-9\-]+`,
  ].join('|'),
  'gu',
);

function convertWords(s: string): string {
  // NFC first: "c" + combining caron must become "č" before the lookup.
  return s.normalize('NFC').replace(TOKEN, (tok) => {
    if (tok.length === 2) {
      const cyr = DIGRAPHS.get(tok.toLowerCase()) ?? '';
      // Lj, LJ → Љ; lj, lJ → љ: the first letter decides, as in "LJUBAV" and "Ljubav".
      return tok[0] === tok[0]?.toUpperCase() ? cyr.toUpperCase() : cyr;
    }
    return DIGRAPHS.get(tok) ?? LETTERS.get(tok) ?? tok;
  });
}

/** Transliterate Serbian Latin text to Serbian Cyrillic, leaving protected spans untouched. */
export function latinToCyrillic(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PROTECTED)) {
    out += convertWords(text.slice(last, m.index));
    out += m[0];
    last = m.index + m[0].length;
  }
  return out + convertWords(text.slice(last));
}
