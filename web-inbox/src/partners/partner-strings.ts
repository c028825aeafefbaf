import { latinToCyrillic } from '../../../src/i18n/translit.ts';
import { lang } from '../i18n/index.ts';
import type { Strings } from '../i18n/strings.ts';

/**
 * The partner screen's words (a health centre's contact person), in the shape of the inbox's
 * catalogs: English first, Serbian Latin typed from it, Serbian Cyrillic transliterated.
 */
export const en = {
  title: 'Reports for the centre',
  intro: 'Report on behalf of a child or a parent. The centre sees your institution with the report.',
  institution: 'Your institution: {name}',
  description: 'What happened',
  descriptionHint: 'Who, what, where online, since when. Do not attach images.',
  urls: 'Links (one per line)',
  reporterRole: 'Who the report is about / from',
  ageGroup: 'Child’s age',
  unknown: '— not known —',
  contactTitle: 'Contact of the person you report for',
  anonymous: 'No contact details (the centre cannot answer them)',
  email: 'E-mail address',
  phone: 'Phone number',
  consent: 'The person agrees to be contacted by the centre',
  submit: 'Send the report',
  sent: 'Sent. Number {reference}, receipt code {receipt}: give both to the person, they can follow the report with them.',
  failed: 'Not sent: {reason}',
  mine: 'Your reports',
  none: 'You have not sent any report yet.',
  reference: 'Number',
  submittedAt: 'Sent',
  status: 'Status',
  more: 'Show more',
  loadFailed: 'The list could not be loaded: {reason}',
  status_received: 'received',
  status_new: 'new',
  status_open: 'in progress',
  status_waiting: 'waiting',
  status_referred: 'referred to an institution',
  status_closed: 'closed',
};

export const srLatn: Strings<typeof en> = {
  title: 'Prijave centru',
  intro: 'Prijavite u ime deteta ili roditelja. Centar uz prijavu vidi vašu ustanovu.',
  institution: 'Vaša ustanova: {name}',
  description: 'Šta se desilo',
  descriptionHint: 'Ko, šta, gde na internetu, od kada. Ne prilažite slike.',
  urls: 'Linkovi (jedan po redu)',
  reporterRole: 'Na koga se prijava odnosi / od koga je',
  ageGroup: 'Uzrast deteta',
  unknown: '— nije poznato —',
  contactTitle: 'Kontakt osobe za koju prijavljujete',
  anonymous: 'Bez kontakta (centar im ne može odgovoriti)',
  email: 'Adresa e-pošte',
  phone: 'Broj telefona',
  consent: 'Osoba pristaje da je centar kontaktira',
  submit: 'Pošalji prijavu',
  sent: 'Poslato. Broj {reference}, kod potvrde {receipt}: dajte oba osobi, uz njih može da prati prijavu.',
  failed: 'Nije poslato: {reason}',
  mine: 'Vaše prijave',
  none: 'Još niste poslali nijednu prijavu.',
  reference: 'Broj',
  submittedAt: 'Poslato',
  status: 'Stanje',
  more: 'Prikaži još',
  loadFailed: 'Spisak nije učitan: {reason}',
  status_received: 'primljeno',
  status_new: 'novo',
  status_open: 'u radu',
  status_waiting: 'čeka',
  status_referred: 'upućeno ustanovi',
  status_closed: 'zatvoreno',
};

/** A text of this screen in the user's language, {placeholders} filled. */
export function pt(key: keyof typeof en, vars: Record<string, string | number> = {}): string {
  const text = lang() === 'en' ? en[key] : lang() === 'sr-Cyrl' ? latinToCyrillic(srLatn[key]) : srLatn[key];
  return text.replace(/\{(\w+)\}/g, (whole, k: string) => (vars[k] === undefined ? whole : String(vars[k])));
}
