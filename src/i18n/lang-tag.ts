import type { Lang } from './messages.ts';

/**
 * The one reading of a language tag, wherever the server is told a language (the form's
 * `language` field, `?lang=`, Accept-Language, a counselor's own language). Clients send BCP 47
 * tags in many spellings (`sr`, `sr-RS`, `sr_Latn_RS`, `SR-CYRL`, `en-GB`); we speak three
 * languages, so every tag maps to one of them or to none.
 */

/** language[-extlang][-script][-region][-variant…][-extension…], as far as a mapping needs it. */
const WELL_FORMED = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/;
/** Long enough for any real tag (`sr-Cyrl-RS-u-nu-latn`), short enough to refuse junk early. */
const MAX_TAG_LENGTH = 35;

/**
 * Map one tag to a language we speak, or undefined. Plain `sr` (and any Serbian tag without a
 * script) means Latin script, as most people in Serbia type and read online; `sr-Cyrl…` means
 * Cyrillic; every English tag is English. Croatian, Bosnian, Montenegrin and the old "sh" read
 * Serbian Latin far more easily than English, so they get Serbian Latin.
 */
export function normaliseLanguageTag(raw: unknown): Lang | undefined {
  if (typeof raw !== 'string') return undefined;
  const tag = raw.trim().toLowerCase().replace(/_/g, '-');
  if (tag.length > MAX_TAG_LENGTH || !WELL_FORMED.test(tag)) return undefined;
  const [language, ...rest] = tag.split('-');
  // An extended-language subtag (three letters) may stand before the script.
  const script = rest.find((s, i) => i <= 1 && /^[a-z]{4}$/.test(s));
  switch (language) {
    case 'sr':
      return script === 'cyrl' ? 'sr-Cyrl' : 'sr-Latn';
    case 'en':
      return 'en';
    case 'hr':
    case 'bs':
    case 'cnr':
    case 'sh':
      return 'sr-Latn';
    default:
      return undefined;
  }
}
