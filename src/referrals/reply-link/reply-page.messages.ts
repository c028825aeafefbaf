import { interpolate, type Lang, type Params, trilingual } from '../../i18n/messages.ts';

/** The institutions' reply page and the lines the referral e-mail adds for it. */
const ENTRIES = {
  siteName: {
    sr: 'Nacionalni kontakt centar za bezbednost dece na internetu',
    en: 'National Contact Centre for Child Safety on the Internet',
  },
  langNav: { sr: 'Jezik', en: 'Language' },
  title: { sr: 'Odgovor na upućivanje', en: 'Reply to a referral' },
  intro: {
    sr: 'Centar je vašoj ustanovi ({institution}) uputio predmet {reference}.',
    en: 'The centre referred case {reference} to your institution ({institution}).',
  },
  sent: { sr: 'Upućeno: {date}.', en: 'Referred on {date}.' },
  noData: {
    sr: 'Ova stranica ne prikazuje ništa iz predmeta: to je u e-poruci koju ste dobili.',
    en: 'This page shows nothing of the case itself: that is in the e-mail you received.',
  },
  expires: { sr: 'Link važi do {date}.', en: 'This link works until {date}.' },
  confirmTitle: { sr: 'Potvrda prijema', en: 'Receipt' },
  confirmButton: { sr: 'Potvrđujem prijem', en: 'I confirm receipt' },
  confirmed: { sr: 'Prijem je potvrđen: {date}.', en: 'Receipt confirmed on {date}.' },
  answerTitle: { sr: 'Šta je ustanova preduzela', en: 'What your institution did' },
  answerLabel: { sr: 'Opis preduzetih mera', en: 'What was done' },
  answerHint: {
    sr: 'Centar će ovo videti u predmetu. Odgovor se šalje samo jednom.',
    en: 'The centre sees this on the case. The answer can be sent once.',
  },
  outcomeLabel: { sr: 'Ishod (nije obavezno)', en: 'Outcome (optional)' },
  outcomeNone: { sr: '— bez ishoda —', en: '— none —' },
  'outcome.procedure_opened': { sr: 'Pokrenut je postupak', en: 'Proceedings were opened' },
  'outcome.measures_taken': { sr: 'Preduzete su mere', en: 'Measures were taken' },
  'outcome.forwarded': { sr: 'Prosleđeno nadležnom organu', en: 'Forwarded to the competent body' },
  'outcome.no_grounds': { sr: 'Nema osnova za postupanje', en: 'No grounds for action' },
  'outcome.not_competent': { sr: 'Ustanova nije nadležna', en: 'Not within our competence' },
  'outcome.other': { sr: 'Drugo', en: 'Other' },
  answerButton: { sr: 'Pošalji odgovor', en: 'Send the answer' },
  answered: {
    sr: 'Vaš odgovor je zabeležen: {date}. Hvala na saradnji.',
    en: 'Your answer was recorded on {date}. Thank you for your cooperation.',
  },
  yourAnswer: { sr: 'Vaš odgovor', en: 'Your answer' },
  alreadyAnswered: {
    sr: 'Odgovor je već poslat ovim linkom; drugi se ne prima. Za dopunu pišite centru: {email}.',
    en: 'An answer was already sent through this link; no second one is taken. To add something, write to the centre: {email}.',
  },
  goneTitle: { sr: 'Link ne radi', en: 'This link does not work' },
  gone: {
    sr: 'Ovaj link ne postoji ili je istekao. Ako treba da se javite centru, pišite na {email}.',
    en: 'This link does not exist or has expired. To reach the centre, write to {email}.',
  },
  textRequired: { sr: 'Opišite šta je preduzeto.', en: 'Describe what was done.' },
  textTooLong: { sr: 'Najviše {max} znakova.', en: 'At most {max} characters.' },
  outcomeInvalid: { sr: 'Izaberite ishod sa spiska.', en: 'Choose an outcome from the list.' },
  crossSite: { sr: 'Obrazac mora biti poslat sa ove stranice.', en: 'The form must be sent from this page.' },
  mailLine: {
    sr: 'Potvrdite prijem i javite šta je preduzeto (bez naloga; link važi do {date}):',
    en: 'Confirm receipt and tell us what was done (no account needed; the link works until {date}):',
  },
} as const;

export type ReplyKey = keyof typeof ENTRIES;
const TEXTS = trilingual<ReplyKey>(ENTRIES);

export const rt = (lang: Lang, key: ReplyKey, params?: Params): string => interpolate(TEXTS[lang][key], params);
