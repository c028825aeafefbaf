import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { normalisePhone } from '../../connectors/phone/phone-number.ts';
import { foldText } from './search-fold.ts';

/**
 * What a counselor typed, as terms that must all match somewhere in a case. Each term is one or
 * more alternative folded word sequences ("forms"); a form matches where its words stand one after
 * another in a searched text, the first at a word's beginning, the last either a whole word or
 * (`prefix`) the beginning of one.
 *
 *   zlostav             → a word beginning: "zlostavljanje" matches
 *   "ne smem da kažem"  → a phrase of whole words (also „…“ and “…”)
 *   064 123 4567        → a phone number in any form: 0641234567 or 381641234567, as a whole word
 *   marko@gmail.com     → an address, a link: its words in a row
 *   KC-2026-000123      → a case reference: the case itself, or a text that quotes it
 */
export interface SearchTerm {
  /** Alternatives; each a run of folded words. */
  forms: string[][];
  /** The last word of each form may be the beginning of a longer word. */
  prefix: boolean;
  /** A case reference typed whole: the case of that reference matches too. */
  reference?: string;
  /** A phone number (E.164): a contact's number matches exactly (phone identities are stored so). */
  phone?: string;
}

export const MAX_TERMS = 8;

const QUOTED = /"([^"]*)"?|„([^“”"]*)[“”"]?|“([^”"]*)[”"]?/g;
const ADDRESS = /\S+@\S+|\b(?:https?:\/\/|www\.)\S+/gi;
const REFERENCE = /\b(?:KC|КЦ)-(\d{4})-(\d{6,})\b/giu;
const NUMBER = /\+?[0-9][0-9 ./()-]{5,}[0-9]/g;

/** A number as typed, in the forms the searched text has it: 381641234567 and 0641234567. */
export function phoneForms(raw: string): string[] | null {
  const e164 = normalisePhone(raw);
  if (!e164) return null;
  return formsOf(e164);
}

function formsOf(e164: string): string[] | null {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return null;
  const national = String(parsed.nationalNumber);
  const forms = [`${parsed.countryCallingCode}${national}`];
  if (parsed.countryCallingCode === '381') forms.push(`0${national}`);
  return forms;
}

const words = (s: string) => foldText(s).split(' ').filter(Boolean);

/**
 * The terms of a query, at most MAX_TERMS (more is the caller's 400). Words of one letter are
 * left out unless quoted; an empty list means no text to match (filters only).
 */
export function parseQuery(q: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  const add = (t: SearchTerm) => {
    const key = JSON.stringify(t);
    if (t.forms.every((f) => f.length > 0) && t.forms.length > 0 && !seen.has(key)) {
      seen.add(key);
      terms.push(t);
    }
  };
  let rest = q.replace(QUOTED, (_m, a?: string, b?: string, c?: string) => {
    add({ forms: [words(a ?? b ?? c ?? '')], prefix: false });
    return ' ';
  });
  rest = rest.replace(REFERENCE, (_m, year: string, seq: string) => {
    add({ forms: [['kc', year, seq]], prefix: false, reference: `KC-${year}-${seq}` });
    return ' ';
  });
  rest = rest.replace(ADDRESS, (m) => {
    // A link matches with or without its scheme and "www".
    const w = words(m);
    while (w[0] === 'http' || w[0] === 'https' || w[0] === 'www') w.shift();
    add({ forms: [w], prefix: true });
    return ' ';
  });
  rest = rest.replace(NUMBER, (m) => {
    const e164 = normalisePhone(m);
    const forms = e164 ? formsOf(e164) : null;
    if (e164 && forms) add({ forms: forms.map((f) => [f]), prefix: false, phone: e164 });
    else {
      const digits = m.replace(/[^0-9]/g, '');
      // A long run of digits is one word in the searched text (phoneTokens); a short one stays words.
      if (digits.length >= 8) add({ forms: [[digits]], prefix: true });
      else return m;
    }
    return ' ';
  });
  for (const w of words(rest)) if (w.length > 1) add({ forms: [[w]], prefix: true });
  return terms;
}

/**
 * The LIKE patterns of a term over a searched document (" word word "): one per form. Folded words
 * hold only a-z, 0-9 and spaces, so nothing in them is a LIKE wildcard.
 */
export function termPatterns(t: SearchTerm): string[] {
  return t.forms.map((f) => `% ${f.join(' ')}${t.prefix ? '%' : ' %'}`);
}
