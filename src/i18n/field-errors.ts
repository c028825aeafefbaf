import {
  DESCRIPTION_MAX,
  type FieldErrorCode,
  URL_MAX_LENGTH,
  URLS_MAX,
} from '../../connectors/web-form/report-submission.ts';
import { interpolate, type Lang, trilingual } from './messages.ts';

/**
 * Sentences for the report form's validation codes. The schema speaks in codes
 * (connectors/web-form/report-submission.ts); this turns them into words in the reporter's
 * language, naming the field where that helps. `{label}` and `{max}` are filled in here.
 */

const FIELD = trilingual({
  description: { sr: 'Opis', en: 'Description' },
  urls: { sr: 'Linkovi', en: 'Links' },
  category: { sr: 'Vrsta problema', en: 'Category' },
  reporterRole: { sr: 'Ko popunjava obrazac', en: 'Who is filling in the form' },
  ageGroup: { sr: 'Uzrast deteta', en: 'Child’s age' },
  email: { sr: 'Adresa e-pošte', en: 'E-mail address' },
  phone: { sr: 'Broj telefona', en: 'Phone number' },
  consent: { sr: 'Saglasnost za kontakt', en: 'Consent to be contacted' },
  kind: { sr: 'Vrsta obraćanja', en: 'Type of request' },
  language: { sr: 'Jezik', en: 'Language' },
  anonymous: { sr: 'Anonimnost', en: 'Anonymity' },
  body: { sr: 'Obrazac', en: 'Form' },
  reference: { sr: 'Broj prijave', en: 'Report number' },
  receipt: { sr: 'Kod potvrde', en: 'Receipt code' },
  files: { sr: 'Fajlovi', en: 'Files' },
  submission: { sr: 'Oznaka slanja (Idempotency-Key)', en: 'Submission key (Idempotency-Key)' },
});

const GENERIC = trilingual<FieldErrorCode>({
  required: { sr: 'Popunite polje „{label}“.', en: 'Please fill in “{label}”.' },
  too_long: { sr: 'Tekst u polju „{label}“ je predugačak.', en: 'The text in “{label}” is too long.' },
  invalid_url: {
    sr: 'Svaki link treba da počinje sa http:// ili https:// i da bude u posebnom redu.',
    en: 'Each link should start with http:// or https:// and be on a line of its own.',
  },
  too_many: { sr: 'U polju „{label}“ ima previše stavki.', en: 'There are too many items in “{label}”.' },
  invalid_email: { sr: 'Unesite ispravnu adresu e-pošte.', en: 'Please enter a valid e-mail address.' },
  invalid_phone: {
    sr: 'Unesite ispravan broj telefona, na primer 064 123 4567.',
    en: 'Please enter a valid phone number, for example 064 123 4567 or +381 64 123 4567.',
  },
  invalid_choice: { sr: 'Izaberite jednu od ponuđenih mogućnosti.', en: 'Please choose one of the options given.' },
  invalid_type: {
    sr: 'Vrednost u polju „{label}“ nije u ispravnom obliku.',
    en: 'The value in “{label}” is not in the right format.',
  },
  contact_needed: {
    sr: 'Upišite adresu e-pošte ili broj telefona — ili izaberite da pošaljete anonimno.',
    en: 'Please enter an e-mail address or a phone number — or choose to send anonymously.',
  },
  consent_needed: {
    sr: 'Da bismo vas kontaktirali, potrebna nam je vaša saglasnost. Označite polje ili izaberite da pošaljete anonimno.',
    en: 'We need your permission to contact you. Please tick the box, or choose to send anonymously.',
  },
  files_not_accepted: {
    sr: 'Obrazac ne prima fajlove, slike ni snimke. Nemojte ih slati nikome; pošaljite nam samo link do stranice.',
    en: 'This form does not take files, pictures or videos. Do not send them to anyone; send us only the link to the page.',
  },
});

/** Where a field deserves a more helpful sentence than the generic one. Keys: `field.code`. */
const SPECIFIC = trilingual({
  'description.required': {
    sr: 'Napišite ukratko šta ste videli ili šta se dogodilo.',
    en: 'Please tell us briefly what you saw or what happened.',
  },
  'description.too_long': {
    sr: 'Opis može imati najviše {max} znakova. Skratite ga ili ostatak pošaljite u novoj poruci.',
    en: 'The description can be up to {max} characters. Please shorten it or send the rest in a new message.',
  },
  'urls.too_long': {
    sr: 'Jedan od linkova je predugačak: link može imati najviše {max} znakova.',
    en: 'One of the links is too long: a link can be up to {max} characters.',
  },
  'urls.too_many': {
    sr: 'Možete poslati najviše {max} linkova odjednom. Ostale pošaljite u novoj prijavi.',
    en: 'You can send up to {max} links at once. Please send the rest in another report.',
  },
  'urls.invalid_type': {
    sr: 'Svaki link treba da počinje sa http:// ili https:// i da bude u posebnom redu.',
    en: 'Each link should start with http:// or https:// and be on a line of its own.',
  },
  'category.invalid_choice': {
    sr: 'Izaberite jednu od ponuđenih vrsta ili „Ne znam“.',
    en: 'Please choose one of the options listed, or “Not sure”.',
  },
  'anonymous.invalid_type': {
    sr: 'Izaberite da li šaljete anonimno ili ostavljate kontakt podatke.',
    en: 'Please choose whether to send anonymously or leave your contact details.',
  },
  'body.invalid_type': {
    sr: 'Zahtev nije u ispravnom obliku. Osvežite stranicu i pokušajte ponovo.',
    en: 'The request is not in the right format. Please reload the page and try again.',
  },
});

const RATE_LIMIT = trilingual({
  message: {
    sr: 'Previše prijava sa ove adrese. Pokušajte ponovo za nekoliko minuta. Ako je dete u neposrednoj opasnosti, pozovite policiju na 192.',
    en: 'Too many reports have been sent from this connection. Please try again in a few minutes. If a child is in immediate danger, call the police on 192.',
  },
});

const LIMITS: Readonly<Record<string, number>> = {
  description: DESCRIPTION_MAX,
  urls: URL_MAX_LENGTH,
  email: 254,
  phone: 40,
};

const has = <T extends object>(o: T, k: PropertyKey): k is keyof T => Object.hasOwn(o, k);

function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : lang).format(n);
}

/** The field's name as a person would say it; unknown fields keep their technical name. */
export function fieldLabel(lang: Lang, field: string): string {
  const table = FIELD[lang];
  return has(table, field) ? table[field] : field;
}

export function fieldErrorMessage(lang: Lang, field: string, code: FieldErrorCode | string): string {
  const specificKey = `${field}.${code}`;
  const specific = SPECIFIC[lang];
  const generic = GENERIC[lang];
  const template = has(specific, specificKey)
    ? specific[specificKey]
    : has(generic, code)
      ? generic[code]
      : generic.invalid_type;
  const max = code === 'too_many' ? URLS_MAX : LIMITS[field];
  return interpolate(template, {
    label: fieldLabel(lang, field),
    ...(max !== undefined && { max: formatNumber(lang, max) }),
  });
}

/** Validation errors as an API client or the page shows them: `{ field, message }`. */
export function localizeFieldErrors(
  lang: Lang,
  errors: readonly { field: string; code: FieldErrorCode | string }[],
): { field: string; message: string }[] {
  return errors.map((e) => ({ field: e.field, message: fieldErrorMessage(lang, e.field, e.code) }));
}

/** Body of an HTTP 429 from the public report endpoints. */
export function rateLimitMessage(lang: Lang): string {
  return RATE_LIMIT[lang].message;
}
