import { latinToCyrillic as toCyrillic } from '../../src/i18n/translit.ts';
import { lang } from './i18n.ts';

/** Strings of abuse-material handling, legal hold and reveal counts; Cyrillic is transliterated. */
const srLatn = {
  knownMaterial: 'Poznati materijal zlostavljanja (podudaranje heša) — vidljivo samo supervizorima.',
  knownMaterialSupervisor: 'Poznati materijal zlostavljanja (podudaranje heša). Otvaranje se beleži.',
  typeMismatch: 'Pažnja: označeno kao {declared}, a sadržaj je {detected}.',
  detected: 'sadržaj: {kind}',
  kind_image: 'slika',
  kind_video: 'video',
  kind_audio: 'zvuk',
  kind_pdf: 'PDF',
  kind_document: 'dokument',
  kind_archive: 'arhiva',
  kind_executable: 'izvršni program',
  kind_text: 'tekst',
  kind_unknown: 'nepoznato',
  holdTitle: 'Zakonsko zadržavanje',
  holdActive: 'Predmet je pod zakonskim zadržavanjem od {time} ({name}): {reason}',
  holdNone: 'Predmet nije pod zakonskim zadržavanjem.',
  holdPoliceHint: 'Predmet je upućen policiji ili tužilaštvu: razmislite o zakonskom zadržavanju.',
  holdExplain: 'Predmet pod zadržavanjem se ne anonimizuje i ne briše.',
  holdPlace: 'Stavi pod zadržavanje',
  holdLift: 'Ukini zadržavanje',
  holdReason: 'Razlog',
  holdSave: 'Sačuvaj',
  holdCancel: 'Otkaži',
  revealsMine: 'Otvoreno danas: {today} · ove nedelje: {week}',
  revealsOpen: 'Izloženost savetnika',
  revealsTitle: 'Otvoreni prilozi po savetniku',
  revealsName: 'Savetnik',
  revealsToday: 'Danas',
  revealsWeek: 'Ove nedelje',
  revealsPeriod: 'Poslednjih 30 dana',
  revealsEmpty: 'Nema savetnika.',
  loadError: 'Učitavanje nije uspelo.',
  rule_known_hash: 'poznati materijal zlostavljanja (heš)',
};

type Key = keyof typeof srLatn;

const en: Record<Key, string> = {
  knownMaterial: 'Known abuse material (hash match) — visible to supervisors only.',
  knownMaterialSupervisor: 'Known abuse material (hash match). Opening it is logged.',
  typeMismatch: 'Warning: labelled {declared}, but the content is {detected}.',
  detected: 'content: {kind}',
  kind_image: 'image',
  kind_video: 'video',
  kind_audio: 'audio',
  kind_pdf: 'PDF',
  kind_document: 'document',
  kind_archive: 'archive',
  kind_executable: 'executable program',
  kind_text: 'text',
  kind_unknown: 'unknown',
  holdTitle: 'Legal hold',
  holdActive: 'The case is on legal hold since {time} ({name}): {reason}',
  holdNone: 'The case is not on legal hold.',
  holdPoliceHint: 'The case was referred to the police or the prosecutor: consider a legal hold.',
  holdExplain: 'A case on hold is never anonymised or erased.',
  holdPlace: 'Place on hold',
  holdLift: 'Lift hold',
  holdReason: 'Reason',
  holdSave: 'Save',
  holdCancel: 'Cancel',
  revealsMine: 'Opened today: {today} · this week: {week}',
  revealsOpen: 'Counselor exposure',
  revealsTitle: 'Attachments opened per counselor',
  revealsName: 'Counselor',
  revealsToday: 'Today',
  revealsWeek: 'This week',
  revealsPeriod: 'Last 30 days',
  revealsEmpty: 'No counselors.',
  loadError: 'Could not load.',
  rule_known_hash: 'known abuse material (hash)',
};

const cyrl = Object.fromEntries(Object.entries(srLatn).map(([k, v]) => [k, toCyrillic(v)])) as Record<Key, string>;

export function tr(key: Key, vars: Record<string, string | number> = {}): string {
  const dict = lang() === 'en' ? en : lang() === 'sr-Cyrl' ? cyrl : srLatn;
  return dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars[name] === undefined ? m : String(vars[name])));
}

export const kindLabel = (kind: string): string => {
  const key = `kind_${kind}`;
  return key in srLatn ? tr(key as Key) : tr('kind_unknown');
};
