/**
 * Search folding: Serbian Latin and Cyrillic, with or without diacritics, in any case, become the
 * same plain words, so "насиље" ≈ "nasilje", "убићу" ≈ "ubicu", "Ђорђе" ≈ "Đorđe" ≈ "Djordje".
 * Rules: Cyrillic → Latin (љ→lj, њ→nj, џ→dz, ђ→dj, ћ/ч→c, ш→s, ж→z), đ→dj, č/ć→c, š→s, ž→z, other
 * Latin diacritics stripped, lower case; everything that is not a-z or 0-9 separates words.
 *
 * The database folds with the very same tables: migrations 0024_search_fold.sql and 0027_search_index.sql define
 * kontakt_fold() and kontakt_search_doc() (replace() for the letters below that become two,
 * translate() for the rest); tests/integration/search-fold-sql.test.ts checks that both agree on
 * every letter listed here. A change here needs a new migration doing the same.
 *
 * Imports nothing: the web inbox may bundle it to highlight what it searched for.
 */

/** Letters that fold to more (or fewer) than one letter. */
export const FOLD_MULTI: Readonly<Record<string, string>> = {
  Љ: 'lj',
  љ: 'lj',
  Њ: 'nj',
  њ: 'nj',
  Џ: 'dz',
  џ: 'dz',
  Ђ: 'dj',
  ђ: 'dj',
  Đ: 'dj',
  đ: 'dj',
  Ǆ: 'dz',
  ǅ: 'dz',
  ǆ: 'dz',
  Ǉ: 'lj',
  ǈ: 'lj',
  ǉ: 'lj',
  Ǌ: 'nj',
  ǋ: 'nj',
  ǌ: 'nj',
  // Macedonian
  Ѓ: 'gj',
  ѓ: 'gj',
  Ѕ: 'dz',
  ѕ: 'dz',
  Ќ: 'kj',
  ќ: 'kj',
  // Russian, Ukrainian, Belarusian letters Serbian does not have
  Ю: 'ju',
  ю: 'ju',
  Я: 'ja',
  я: 'ja',
  Щ: 'sc',
  щ: 'sc',
  Є: 'je',
  є: 'je',
  Ї: 'ji',
  ї: 'ji',
  Ъ: '',
  ъ: '',
  Ь: '',
  ь: '',
  // Latin letters that are two
  ß: 'ss',
  Æ: 'ae',
  æ: 'ae',
  Œ: 'oe',
  œ: 'oe',
  Þ: 'th',
  þ: 'th',
  Ĳ: 'ij',
  ĳ: 'ij',
};

/** Each letter of a group folds to the group's plain letter. */
const SINGLE_GROUPS: Readonly<Record<string, string>> = {
  a: 'AaÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǞǟǠǡǺǻȀȁȂȃȦȧАа',
  b: 'BbƀБб',
  c: 'CcÇçĆćĈĉĊċČčЋћЦцЧч',
  d: 'DdĎďÐðДд',
  e: 'EeÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩЕеЁёЭэ',
  f: 'FfФф',
  g: 'GgĜĝĞğĠġĢģǦǧǴǵГгҐґ',
  h: 'HhĤĥȞȟĦħХх',
  i: 'IiÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐȈȉȊȋИиІі',
  j: 'JjĴĵǰЈјЙй',
  k: 'KkĶķǨǩĸКк',
  l: 'LlĹĺĻļĽľĿŀŁłЛл',
  m: 'MmМм',
  n: 'NnÑñŃńŅņŇňǸǹŉŊŋНн',
  o: 'OoÒÓÔÕÖØòóôõöøŌōŎŏŐőƠơǑǒǪǫǬǭȌȍȎȏȪȫȬȭȮȯȰȱОо',
  p: 'PpПп',
  q: 'Qq',
  r: 'RrŔŕŖŗŘřȐȑȒȓРр',
  s: 'SsŚśŜŝŞşŠšȘșſСсШш',
  t: 'TtŢţŤťȚțŦŧТт',
  u: 'UuÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗУуЎў',
  v: 'VvВв',
  w: 'WwŴŵ',
  x: 'Xx',
  y: 'YyÝýÿŶŷŸȲȳЫы',
  z: 'ZzŹźŻżŽžƵƶЗзЖж',
};

/** Every letter of a single-letter fold, as the translate() in the database pairs them. */
export const FOLD_SINGLE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SINGLE_GROUPS).flatMap(([plain, letters]) => [...letters].map((l) => [l, plain])),
);

const isPlain = (c: string) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

/** One character (a code point) as folded text; undefined: it separates words. */
function foldChar(ch: string): string | undefined {
  const multi = FOLD_MULTI[ch];
  if (multi !== undefined) return multi;
  const single = FOLD_SINGLE[ch];
  if (single !== undefined) return single;
  return isPlain(ch) ? ch : undefined;
}

export interface Folded {
  /** Plain words separated by one space, no space at either end. */
  text: string;
  /** origin[i]: the index in the original string (UTF-16) of the character text[i] came from. */
  origin: number[];
  /** originEnd[i]: the index just after that character. */
  originEnd: number[];
}

/** Fold and remember where each folded character came from (to highlight in the original). */
export function foldWithOrigin(s: string): Folded {
  let text = '';
  const origin: number[] = [];
  const originEnd: number[] = [];
  let gap = false;
  let i = 0;
  for (const ch of s) {
    const out = foldChar(ch);
    if (out === undefined) gap = text.length > 0;
    else if (out.length > 0) {
      if (gap) {
        text += ' ';
        origin.push(i);
        originEnd.push(i);
        gap = false;
      }
      for (const c of out) {
        text += c;
        origin.push(i);
        originEnd.push(i + ch.length);
      }
    }
    i += ch.length;
  }
  return { text, origin, originEnd };
}

/** Fold a text for search (see the module's comment). */
export const foldText = (s: string): string => foldWithOrigin(s).text;

/**
 * A run of eight or more digits, each separated from the next by at most two of space . / ( ) -:
 * a phone number as people write it ("064 123 4567", "+381 64/123-45-67").
 */
const PHONE_RUN = /[0-9](?:[ ./()-]{0,2}[0-9]){7,}/g;

/**
 * The digits of each phone-like run, without separators and without a leading 00, so that a
 * number written "064 123 45 67" or "+381 64 1234567" is also the one word "0641234567" or
 * "381641234567" in the searched text.
 */
export function phoneTokens(s: string): string[] {
  return [...s.matchAll(PHONE_RUN)].map((m) => m[0].replace(/[^0-9]/g, '').replace(/^00/, ''));
}

/** At most this many characters (code points) of one text are searched; kontakt_search_doc cuts the same. */
export const SEARCHED_LENGTH = 50_000;

function firstCodePoints(s: string, n: number): string {
  if (s.length <= n) return s;
  let end = 0;
  let count = 0;
  for (const ch of s) {
    if (count === n) break;
    end += ch.length;
    count++;
  }
  return s.slice(0, end);
}

/**
 * The searched form of a text as the database stores it: the folded words and the phone tokens,
 * with a space at both ends so that " word" marks a word's beginning.
 */
export function searchDocument(s: string): string {
  const cut = firstCodePoints(s, SEARCHED_LENGTH);
  return ` ${foldText(`${cut} ${phoneTokens(cut).join(' ')}`)} `;
}

/** The message fields whose text is searched (addresses, names, reported links, call notes). */
export const SEARCHED_FIELDS = ['urls', 'from', 'fromName', 'to', 'cc', 'replyTo', 'transcript', 'notes', 'recipient'];

/** Channels whose inbound fields hold Meta's links, hidden from every role (message-fields.ts): never searched. */
const UNSEARCHED_FIELD_CHANNELS = new Set(['facebook', 'instagram']);

/** One searched part of a message: its subject, its text, or a string of one of SEARCHED_FIELDS. */
export interface MessagePart {
  part: string;
  text: string;
}

/** A message's searched parts, in the order kontakt_message_doc() joins them. */
export function messageSearchParts(m: {
  subject: string | null;
  text: string;
  fields: Record<string, unknown> | null;
  channel: string;
  authorId: string | null;
}): MessagePart[] {
  const parts: MessagePart[] = [];
  if (m.subject !== null) parts.push({ part: 'subject', text: m.subject });
  parts.push({ part: 'text', text: m.text });
  if (m.fields && !(UNSEARCHED_FIELD_CHANNELS.has(m.channel) && m.authorId === null))
    for (const key of SEARCHED_FIELDS) {
      const v = m.fields[key];
      for (const item of Array.isArray(v) ? v : [v])
        if (typeof item === 'string') parts.push({ part: key, text: item });
    }
  return parts;
}

/** A message's searched text, as kontakt_message_doc() puts it together before folding. */
export const messageSearchText = (m: Parameters<typeof messageSearchParts>[0]): string =>
  messageSearchParts(m)
    .map((p) => p.text)
    .join(' ');
