import { type Lang, trilingual } from './messages.ts';

/** The yearly report's own words: headings, table titles and column names. */
const WORDS = trilingual({
  title: { sr: 'Godišnji izveštaj {year}', en: 'Annual report {year}' },
  centre: {
    sr: 'Nacionalni kontakt centar za bezbednost dece na internetu',
    en: 'National Contact Centre for Child Safety on the Internet',
  },
  summary: { sr: 'Ukratko', en: 'In brief' },
  generated: { sr: 'Izrađeno {date}', en: 'Produced {date}' },
  csv: { sr: 'CSV', en: 'CSV' },
  language: { sr: 'Jezik', en: 'Language' },
  printHint: {
    sr: 'Za štampu ili PDF koristite štampu u pregledaču.',
    en: 'To print or save as PDF, use the browser’s print.',
  },
  'table.communications': { sr: 'Komunikacije po kanalu u {year}. godini', en: 'Communications by channel in {year}' },
  'table.communications-to-date': { sr: 'Komunikacije od osnivanja', en: 'Communications since the establishment' },
  'table.communications-by-year': { sr: 'Komunikacije po godinama', en: 'Communications by year' },
  'table.categories': { sr: 'Predmeti po kategoriji', en: 'Cases by category' },
  'table.subcategories': { sr: 'Predmeti po potkategoriji', en: 'Cases by sub-category' },
  'table.reporter-roles': { sr: 'Ko prijavljuje', en: 'Who reported' },
  'table.age-groups': { sr: 'Uzrast deteta', en: 'Age of the child' },
  'table.genders': { sr: 'Pol deteta', en: 'Gender of the child' },
  'table.districts': { sr: 'Predmeti po okrugu', en: 'Cases by district' },
  'table.channels': { sr: 'Predmeti po kanalu', en: 'Cases by channel' },
  'table.months': { sr: 'Predmeti po mesecu', en: 'Cases by month' },
  'table.interventions': { sr: 'Intervencije', en: 'Interventions' },
  'table.referrals': { sr: 'Upućivanja ustanovama', en: 'Referrals to institutions' },
  'table.outreach': { sr: 'Edukacija', en: 'Education and outreach' },
  'table.external-categories': {
    sr: 'Predmeti po kategorijama mreže ({framework})',
    en: 'Cases by network category ({framework})',
  },
  'col.key': { sr: 'Šifra', en: 'Code' },
  'col.label': { sr: 'Naziv', en: 'Name' },
  'col.cases': { sr: 'Predmeti', en: 'Cases' },
  'col.messages': { sr: 'Poruke', en: 'Messages' },
  'col.calls': { sr: 'Pozivi', en: 'Calls' },
  'col.channel': { sr: 'Kanal', en: 'Channel' },
  'col.year': { sr: 'Godina', en: 'Year' },
  'col.baseline': { sr: 'Pre Kontakta', en: 'Before Kontakt' },
  'col.communications': { sr: 'Komunikacije', en: 'Communications' },
  'col.referrals': { sr: 'Upućivanja', en: 'Referrals' },
  'col.answered': { sr: 'Odgovoreno', en: 'Answered' },
  'col.medianHours': { sr: 'Medijana do odgovora (sati)', en: 'Median to answer (hours)' },
  'col.inYear': { sr: 'U godini', en: 'In the year' },
  'col.toDate': { sr: 'Od osnivanja', en: 'Since the establishment' },
  'col.externalCode': { sr: 'Šifra mreže', en: 'Network code' },
  'col.externalLabel': { sr: 'Kategorija mreže', en: 'Network category' },
  'col.categories': { sr: 'Kategorije centra', en: 'Centre categories' },
  total: { sr: 'Ukupno', en: 'Total' },
  'chart.months': { sr: 'Predmeti po mesecu', en: 'Cases by month' },
  'chart.channels': { sr: 'Predmeti po kanalu', en: 'Cases by channel' },
  'chart.categories': { sr: 'Predmeti po kategoriji', en: 'Cases by category' },
  'chart.years': { sr: 'Komunikacije po godinama', en: 'Communications by year' },
  noData: { sr: 'Nema podataka.', en: 'No data.' },
});

export type AnnualWord = keyof (typeof WORDS)['en'];

export function annualWord(lang: Lang, key: AnnualWord, params: Record<string, string | number> = {}): string {
  return WORDS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}
