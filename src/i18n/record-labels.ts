import type { Gender, Intervention, ReporterRole } from '../domain/case-description.ts';
import { type Lang, trilingual } from './messages.ts';
import { GENDER_TEXT, INTERVENTION_TEXT, REPORTER_ROLE_TEXT } from './record-codes.ts';

/**
 * Labels of the case record's codes (src/domain/case-description.ts) and the channels, as the
 * figures and the yearly report print them. Serbian Cyrillic is transliterated from the Latin but
 * for the platforms' names, which Cyrillic spells phonetically.
 */

const REPORTER_ROLE = trilingual<ReporterRole>(REPORTER_ROLE_TEXT);

const AGE_GROUP = trilingual({
  under_9: { sr: 'Mlađe od 9 godina', en: 'Under 9' },
  '9_12': { sr: 'Od 9 do 12 godina', en: '9 to 12' },
  '13_15': { sr: 'Od 13 do 15 godina', en: '13 to 15' },
  '16_17': { sr: '16 ili 17 godina', en: '16 or 17' },
  adult_unknown: { sr: 'Odrasla osoba ili nepoznato', en: 'Adult or unknown' },
});

const GENDER = trilingual<Gender>(GENDER_TEXT);

const INTERVENTION = trilingual<Intervention>(INTERVENTION_TEXT);

const CHANNEL = trilingual(
  {
    web_form: { sr: 'Veb-sajt (obrazac)', en: 'Website (form)' },
    email: { sr: 'Elektronska pošta', en: 'E-mail' },
    facebook: { sr: 'Facebook', en: 'Facebook' },
    instagram: { sr: 'Instagram', en: 'Instagram' },
    phone: { sr: 'Telefon', en: 'Telephone' },
  },
  { facebook: 'Фејсбук', instagram: 'Инстаграм' },
);

const FIELD = trilingual({
  reporterRole: { sr: 'Ko prijavljuje', en: 'Reporter' },
  ageGroup: { sr: 'Uzrast', en: 'Age group' },
  gender: { sr: 'Pol', en: 'Gender' },
  place: { sr: 'Mesto', en: 'Place' },
  subcategory: { sr: 'Potkategorija', en: 'Sub-category' },
  interventions: { sr: 'Intervencije', en: 'Interventions' },
});

const MISC = trilingual({
  none: { sr: 'Nije navedeno', en: 'Not recorded' },
  unmapped: { sr: 'Bez mapiranja', en: 'Not mapped' },
});

type Table = Readonly<Record<Lang, Readonly<Record<string, string>>>>;
const lookup = (table: Table, lang: Lang, code: string): string =>
  Object.hasOwn(table[lang], code)
    ? (table[lang][code] ?? code)
    : Object.hasOwn(MISC[lang], code)
      ? MISC[lang][code as 'none']
      : code;

export const reporterRoleLabel = (lang: Lang, code: string) => lookup(REPORTER_ROLE, lang, code);
export const ageGroupLabel = (lang: Lang, code: string) => lookup(AGE_GROUP, lang, code);
export const genderLabel = (lang: Lang, code: string) => lookup(GENDER, lang, code);
export const interventionLabel = (lang: Lang, code: string) => lookup(INTERVENTION, lang, code);
export const channelLabel = (lang: Lang, code: string) => lookup(CHANNEL, lang, code);
export const descriptionFieldLabel = (lang: Lang, code: string) => lookup(FIELD, lang, code);
/** "Not recorded", "Not mapped" and other words of the tables themselves. */
export const miscLabel = (lang: Lang, code: 'none' | 'unmapped') => MISC[lang][code];

const OUTREACH = trilingual({
  presentations: { sr: 'Prezentacije', en: 'Presentations' },
  primarySchools: { sr: 'Osnovne škole', en: 'Primary schools' },
  secondarySchools: { sr: 'Srednje škole', en: 'Secondary schools' },
  healthCentres: { sr: 'Domovi zdravlja', en: 'Health centres' },
  students: { sr: 'Učenici', en: 'Students' },
  parents: { sr: 'Roditelji', en: 'Parents' },
  teachers: { sr: 'Nastavnici', en: 'Teachers' },
  healthWorkers: { sr: 'Zdravstveni radnici', en: 'Health workers' },
  others: { sr: 'Ostali', en: 'Others' },
  school_presentation: { sr: 'Prezentacija u školi', en: 'School presentation' },
  parents_meeting: { sr: 'Roditeljski sastanak', en: 'Parents’ meeting' },
  teacher_training: { sr: 'Obuka nastavnika', en: 'Teacher training' },
  health_centre_training: { sr: 'Obuka u domu zdravlja', en: 'Health-centre training' },
  webinar: { sr: 'Vebinar', en: 'Webinar' },
  seminar_workshop: { sr: 'Seminar ili radionica', en: 'Seminar or workshop' },
  media_appearance: { sr: 'Gostovanje u medijima', en: 'Media appearance' },
  campaign: { sr: 'Kampanja', en: 'Campaign' },
  other: { sr: 'Drugo', en: 'Other' },
});

/** The outreach figures' names and the register's activity kinds. */
export const outreachLabel = (lang: Lang, code: string) => lookup(OUTREACH, lang, code);
