/**
 * Serbian Latin → Cyrillic for the inbox's own interface strings (never for case data).
 * Letter for letter; words where that is wrong (foreign names, "Ctrl") are overridden in i18n.ts.
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
  lj: 'љ',
  nj: 'њ',
  dž: 'џ',
};

const TOKEN = /\{[^{}]*\}|[LlNn][Jj]|[Dd][Žž]|[A-Za-zČčĆćĐđŠšŽž]/g;

export function toCyrillic(latin: string): string {
  return latin.normalize('NFC').replace(TOKEN, (tok) => {
    if (tok.startsWith('{')) return tok; // placeholder
    const cyr = LOWER[tok.toLowerCase()];
    if (cyr === undefined) return tok;
    return tok[0] === tok[0]?.toUpperCase() ? cyr.toUpperCase() : cyr;
  });
}
