import { latinToCyrillic as toCyrillic } from '../../src/i18n/translit.ts';
import { lang } from './i18n.ts';

/** Strings of the outcome dialog and the template screen; Cyrillic is transliterated from Latin. */
const srLatn = {
  tellReporter: 'Obavesti podnosioca',
  dialogTitle: 'Obaveštenje o ishodu — {reference}',
  offer: 'Predmet je {status}. Obavestite podnosioca šta je urađeno.',
  outcome: 'Ishod',
  message: 'Poruka podnosiocu',
  messageHint: 'Predložak na jeziku prijave ({language}); slobodno ga prilagodite.',
  send: 'Pošalji i zabeleži',
  recordOnly: 'Zabeleži',
  sendOn: 'Pošalji na kanal podnosioca ({channel})',
  unreachable:
    'Podnosilac nije ostavio kontakt: ishod se samo beleži i prikazuje na stranici za proveru stanja prijave.',
  windowWarning: 'Upozorenje: {reason} Ishod će biti zabeležen, ali poruka verovatno neće biti poslata.',
  queued: 'Ishod je zabeležen; poruka se šalje…',
  recorded: 'Ishod je zabeležen i vidljiv na stranici za proveru stanja.',
  sentOk: 'Poruka je poslata.',
  refused: 'Poruka nije poslata: {reason} Ishod ostaje zabeležen i vidi se na stranici za proveru stanja.',
  failed: 'Nije uspelo: {reason}',
  history: 'Ranija obaveštenja',
  noHistory: 'Još ništa nije zabeleženo.',
  deliveryPending: 'šalje se',
  deliverySent: 'poslato {time}',
  deliveryFailed: 'nije poslato',
  deliveryNone: 'samo zabeleženo',
  loading: 'Učitavanje…',
  statusReferred: 'prosleđen',
  statusClosed: 'zatvoren',
  templates: 'Predlošci',
  templatesTitle: 'Predlošci i gotovi odgovori',
  outcomeTemplates: 'Poruke o ishodu',
  outcomeTemplatesHint: 'Jedna poruka po ishodu i jeziku. {reference} se zamenjuje brojem predmeta.',
  cannedTitle: 'Gotovi odgovori i saveti roditeljima',
  language: 'Jezik',
  title: 'Naslov',
  text: 'Tekst',
  save: 'Sačuvaj',
  saved: 'Sačuvano.',
  remove: 'Obriši',
  removeConfirm: 'Obrisati „{title}“?',
  add: 'Dodaj',
  addCanned: 'Novi gotov odgovor',
  noCanned: 'Nema gotovih odgovora na ovom jeziku.',
  lang_sr_Latn: 'srpski (latinica)',
  lang_sr_Cyrl: 'srpski (ćirilica)',
  lang_en: 'engleski',
  outcome_referred_police: 'Prosleđeno policiji',
  outcome_referred_social_work: 'Prosleđeno centru za socijalni rad',
  outcome_referred_education: 'Prosleđeno Ministarstvu prosvete',
  outcome_referred_health: 'Prosleđeno zdravstvenoj službi',
  outcome_referred_prosecutor: 'Prosleđeno tužilaštvu za VTK',
  outcome_content_reported_to_platform: 'Sadržaj prijavljen platformi',
  outcome_advice_given: 'Dat savet',
  outcome_closed_no_action: 'Zatvoreno bez daljih koraka',
};

type Key = keyof typeof srLatn;

const en: Record<Key, string> = {
  tellReporter: 'Tell the reporter',
  dialogTitle: 'Outcome message — {reference}',
  offer: 'The case is {status}. Tell the reporter what was done.',
  outcome: 'Outcome',
  message: 'Message to the reporter',
  messageHint: 'Template in the language of the report ({language}); adapt it as you see fit.',
  send: 'Send and record',
  recordOnly: 'Record',
  sendOn: 'Send on the reporter’s channel ({channel})',
  unreachable: 'The reporter left no contact: the outcome is only recorded and shown on the report status page.',
  windowWarning: 'Warning: {reason} The outcome will be recorded, but the message will probably not go out.',
  queued: 'Outcome recorded; the message is being sent…',
  recorded: 'Outcome recorded; it shows on the report status page.',
  sentOk: 'The message was sent.',
  refused: 'The message was not sent: {reason} The outcome stays recorded and shows on the report status page.',
  failed: 'That did not work: {reason}',
  history: 'Earlier outcome messages',
  noHistory: 'Nothing recorded yet.',
  deliveryPending: 'sending',
  deliverySent: 'sent {time}',
  deliveryFailed: 'not sent',
  deliveryNone: 'recorded only',
  loading: 'Loading…',
  statusReferred: 'referred',
  statusClosed: 'closed',
  templates: 'Templates',
  templatesTitle: 'Templates and canned responses',
  outcomeTemplates: 'Outcome messages',
  outcomeTemplatesHint: 'One message per outcome and language. {reference} becomes the case number.',
  cannedTitle: 'Canned responses and advice for parents',
  language: 'Language',
  title: 'Title',
  text: 'Text',
  save: 'Save',
  saved: 'Saved.',
  remove: 'Delete',
  removeConfirm: 'Delete “{title}”?',
  add: 'Add',
  addCanned: 'New canned response',
  noCanned: 'No canned responses in this language.',
  lang_sr_Latn: 'Serbian (Latin)',
  lang_sr_Cyrl: 'Serbian (Cyrillic)',
  lang_en: 'English',
  outcome_referred_police: 'Referred to the police',
  outcome_referred_social_work: 'Referred to social work',
  outcome_referred_education: 'Referred to the Ministry of Education',
  outcome_referred_health: 'Referred to health services',
  outcome_referred_prosecutor: 'Referred to the high-tech crime prosecutor',
  outcome_content_reported_to_platform: 'Content reported to the platform',
  outcome_advice_given: 'Advice given',
  outcome_closed_no_action: 'Closed, no further action',
};

// {placeholders} stay Latin: they are filled in, never shown.
const cyrl = Object.fromEntries(
  Object.entries(srLatn).map(([k, v]) => [
    k,
    v
      .split(/(\{\w+\})/)
      .map((part) => (/^\{\w+\}$/.test(part) ? part : toCyrillic(part)))
      .join(''),
  ]),
) as Record<Key, string>;

export function to(key: Key, vars: Record<string, string | number> = {}): string {
  const dict = lang() === 'en' ? en : lang() === 'sr-Cyrl' ? cyrl : srLatn;
  return dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars[name] === undefined ? m : String(vars[name])));
}

/** An outcome code in the counselor's language; unknown codes show as they are. */
export function outcomeLabel(code: string): string {
  const key = `outcome_${code}`;
  return key in srLatn ? to(key as Key) : code;
}

/** A template language (sr-Latn, sr-Cyrl, en) named in the counselor's language. */
export function languageLabel(code: string): string {
  const key = `lang_${code.replace('-', '_')}`;
  return key in srLatn ? to(key as Key) : code;
}
