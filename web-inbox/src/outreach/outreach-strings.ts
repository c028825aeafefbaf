import { latinToCyrillic } from '../../../src/i18n/translit.ts';
import type { Audience, InstitutionKind, OutreachKind } from '../../../src/outreach/outreach.schema.ts';
import { lang } from '../i18n/index.ts';
import type { Strings } from '../i18n/strings.ts';

/**
 * The outreach screen's words, in the shape of the inbox's catalogs (web-inbox/src/i18n/catalogs/):
 * English written first and typing the Serbian Latin, Serbian Cyrillic transliterated from it. It
 * can move into the one catalog as the `outreach` namespace as it is.
 */
export const en = {
  title: 'Outreach register',
  add: 'Record an activity',
  importOpen: 'Import CSV',
  from: 'From',
  to: 'To',
  kind: 'Kind',
  allKinds: 'All kinds',
  municipality: 'Municipality',
  institution: 'Institution',
  show: 'Show',
  clear: 'Clear',
  date: 'Date',
  audience: 'Audience',
  educators: 'Educators',
  correct: 'Correct',
  more: 'Show more',
  empty: 'No activity matches.',
  loading: 'Loading…',
  loadFailed: 'The register could not be loaded: {reason}',
  formNew: 'New activity',
  formEdit: 'Correct the activity',
  institutionName: 'Institution',
  institutionKind: 'Kind of institution',
  noInstitution: 'No one institution (a webinar, a campaign, the media)',
  namesHint: 'Separated by commas',
  topics: 'Topics',
  notes: 'Notes',
  save: 'Save',
  cancel: 'Cancel',
  saved: 'Saved.',
  saveFailed: 'Not saved: {reason}',
  total: 'Total: {n}',
  importTitle: 'Import a spreadsheet (CSV)',
  importHint:
    'The first line names the columns, in Serbian or English (see the documentation). Every row is imported, or none.',
  importFile: 'CSV file',
  importRun: 'Import',
  imported: '{n} activities imported.',
  importRefused: 'Nothing was imported: {reason}',
  row: 'Line',
  field: 'Field',
  problem: 'Problem',
  close: 'Close',
};

export const srLatn: Strings<typeof en> = {
  title: 'Registar edukacija',
  add: 'Unesi aktivnost',
  importOpen: 'Uvezi CSV',
  from: 'Od',
  to: 'Do',
  kind: 'Vrsta',
  allKinds: 'Sve vrste',
  municipality: 'Opština',
  institution: 'Ustanova',
  show: 'Prikaži',
  clear: 'Poništi',
  date: 'Datum',
  audience: 'Publika',
  educators: 'Edukatori',
  correct: 'Ispravi',
  more: 'Prikaži još',
  empty: 'Nema aktivnosti za ove uslove.',
  loading: 'Učitavanje…',
  loadFailed: 'Registar nije učitan: {reason}',
  formNew: 'Nova aktivnost',
  formEdit: 'Ispravka aktivnosti',
  institutionName: 'Ustanova',
  institutionKind: 'Vrsta ustanove',
  noInstitution: 'Bez jedne ustanove (vebinar, kampanja, mediji)',
  namesHint: 'Odvojeno zarezima',
  topics: 'Teme',
  notes: 'Napomena',
  save: 'Sačuvaj',
  cancel: 'Otkaži',
  saved: 'Sačuvano.',
  saveFailed: 'Nije sačuvano: {reason}',
  total: 'Ukupno: {n}',
  importTitle: 'Uvoz tabele (CSV)',
  importHint:
    'Prvi red sadrži nazive kolona, na srpskom ili engleskom (vidi uputstvo). Uvoze se svi redovi ili nijedan.',
  importFile: 'CSV fajl',
  importRun: 'Uvezi',
  imported: 'Uvezeno aktivnosti: {n}.',
  importRefused: 'Ništa nije uvezeno: {reason}',
  row: 'Red',
  field: 'Polje',
  problem: 'Problem',
  close: 'Zatvori',
};

type Labels<K extends string> = { en: Record<K, string>; srLatn: Record<K, string> };

export const KINDS: Labels<OutreachKind> = {
  en: {
    school_presentation: 'School presentation',
    parents_meeting: "Parents' meeting",
    teacher_training: 'Teacher training',
    health_centre_training: 'Health-centre training',
    webinar: 'Webinar',
    seminar_workshop: 'Seminar or workshop',
    media_appearance: 'Media appearance',
    campaign: 'Campaign',
    other: 'Other',
  },
  srLatn: {
    school_presentation: 'Prezentacija u školi',
    parents_meeting: 'Roditeljski sastanak',
    teacher_training: 'Obuka nastavnika',
    health_centre_training: 'Obuka u domu zdravlja',
    webinar: 'Vebinar',
    seminar_workshop: 'Seminar ili radionica',
    media_appearance: 'Medijsko gostovanje',
    campaign: 'Kampanja',
    other: 'Ostalo',
  },
};

export const INSTITUTION_KINDS: Labels<InstitutionKind> = {
  en: {
    primary_school: 'Primary school',
    secondary_school: 'Secondary school',
    health_centre: 'Health centre',
    other: 'Other institution',
  },
  srLatn: {
    primary_school: 'Osnovna škola',
    secondary_school: 'Srednja škola',
    health_centre: 'Dom zdravlja',
    other: 'Druga ustanova',
  },
};

export const AUDIENCE: Labels<Audience> = {
  en: {
    students: 'Students',
    parents: 'Parents',
    teachers: 'Teachers',
    healthWorkers: 'Health workers',
    others: 'Others',
  },
  srLatn: {
    students: 'Učenici',
    parents: 'Roditelji',
    teachers: 'Nastavnici',
    healthWorkers: 'Zdravstveni radnici',
    others: 'Ostali',
  },
};

/** The codes in the order the server lists them (the keys' order above). */
export const KIND_CODES = Object.keys(KINDS.en) as OutreachKind[];
export const INSTITUTION_KIND_CODES = Object.keys(INSTITUTION_KINDS.en) as InstitutionKind[];
export const AUDIENCE_CODES = Object.keys(AUDIENCE.en) as Audience[];

const inLang = (latin: string, english: string): string =>
  lang() === 'en' ? english : lang() === 'sr-Cyrl' ? latinToCyrillic(latin) : latin;

/** A text of this screen in the counselor's language, {placeholders} filled. */
export function ot(key: keyof typeof en, vars: Record<string, string | number> = {}): string {
  return inLang(srLatn[key], en[key]).replace(/\{(\w+)\}/g, (whole, k: string) =>
    vars[k] === undefined ? whole : String(vars[k]),
  );
}

/** A code's label (a kind of activity, of institution, an audience) in the counselor's language. */
export const label = <K extends string>(labels: Labels<K>, code: K): string =>
  inLang(labels.srLatn[code] ?? code, labels.en[code] ?? code);
