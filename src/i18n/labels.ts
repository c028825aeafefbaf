import { type Lang, trilingual } from './messages.ts';

/**
 * Labels for the stable codes of the report form (categories, reporter roles, age groups,
 * kinds). Codes never change; these words may. Category codes are configurable, so an
 * unknown code falls back to the code itself rather than failing the page.
 */

const CATEGORY = trilingual({
  illegal_content: {
    sr: 'Nezakonit sadržaj / materijal o seksualnom zlostavljanju dece',
    en: 'Illegal content / child sexual abuse material',
  },
  integrity: {
    sr: 'Ugrožavanje fizičkog ili psihičkog integriteta deteta (digitalno nasilje, vrbovanje, seksualna ucena, pretnje)',
    en: 'Harm to a child’s physical or psychological integrity (cyberbullying, grooming, sextortion, threats)',
  },
  rights: { sr: 'Kršenje prava deteta', en: 'Violation of a child’s rights' },
  health: { sr: 'Zdravlje deteta', en: 'A child’s health' },
  wellbeing: { sr: 'Dobrobit deteta', en: 'A child’s well-being' },
  addiction: { sr: 'Rizik od zavisnosti od interneta', en: 'Risk of internet addiction' },
  advice: { sr: 'Savet za roditelje, staratelje i nastavnike', en: 'Advice for parents, guardians and teachers' },
  other: { sr: 'Nešto drugo', en: 'Something else' },
});

const ROLE = trilingual({
  child: { sr: 'Dete ili mlada osoba', en: 'A child or young person' },
  parent: { sr: 'Roditelj ili staratelj', en: 'A parent or guardian' },
  teacher: { sr: 'Nastavnik ili zaposleni u školi', en: 'A teacher or school staff member' },
  other: { sr: 'Neko drugi', en: 'Someone else' },
});

const AGE = trilingual({
  under_9: { sr: 'Mlađe od 9 godina', en: 'Under 9' },
  '9_12': { sr: 'Od 9 do 12 godina', en: '9 to 12' },
  '13_15': { sr: 'Od 13 do 15 godina', en: '13 to 15' },
  '16_17': { sr: '16 ili 17 godina', en: '16 or 17' },
  adult_unknown: { sr: 'Ne znam', en: 'Not sure' },
});

const KIND = trilingual({
  report: { sr: 'Prijavi nezakonit ili štetan sadržaj', en: 'Report illegal or harmful content' },
  help: { sr: 'Zatraži savet ili pomoć', en: 'Ask for advice or help' },
});

type Table = Readonly<Record<Lang, Readonly<Record<string, string>>>>;

function lookup(table: Table, lang: Lang, code: string): string {
  return Object.hasOwn(table[lang], code) ? (table[lang][code] ?? code) : code;
}

export function categoryLabel(lang: Lang, code: string): string {
  return lookup(CATEGORY, lang, code);
}

export function roleLabel(lang: Lang, code: string): string {
  return lookup(ROLE, lang, code);
}

export function ageLabel(lang: Lang, code: string): string {
  return lookup(AGE, lang, code);
}

export function kindLabel(lang: Lang, code: string): string {
  return lookup(KIND, lang, code);
}
