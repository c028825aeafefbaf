import { lang } from '../i18n.ts';
import { toCyrillic } from '../translit.ts';

/** Strings of the app shell: navigation rail, panes on a phone. Cyrillic is transliterated. */
const srLatn = {
  navigation: 'Navigacija',
  views: 'Pregledi',
  work: 'Rad',
  admin: 'Upravljanje',
  backToList: 'Nazad na listu',
  caseDetails: 'Podaci o predmetu',
  backToCase: 'Nazad na razgovor',
  caseNotFound: 'Predmet {reference} nije pronađen.',
};
type Key = keyof typeof srLatn;

const en: Record<Key, string> = {
  navigation: 'Navigation',
  views: 'Views',
  work: 'Work',
  admin: 'Administration',
  backToList: 'Back to the list',
  caseDetails: 'Case details',
  backToCase: 'Back to the conversation',
  caseNotFound: 'Case {reference} was not found.',
};

const cyrl = Object.fromEntries(Object.entries(srLatn).map(([k, v]) => [k, toCyrillic(v)])) as Record<Key, string>;

export function tn(key: Key, vars: Record<string, string> = {}): string {
  const dict = lang() === 'en' ? en : lang() === 'sr-Cyrl' ? cyrl : srLatn;
  return dict[key].replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
}
