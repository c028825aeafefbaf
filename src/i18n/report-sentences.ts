import type { Lang } from './messages.ts';
import { latinToCyrillic } from './translit.ts';

/**
 * The centre's sentences, written from the figures in Serbian (Latin, Cyrillic) and English: "So far,
 * 394 presentations have been held in 128 primary schools for 14,667 students and 5,074 parents."
 * Serbian numbers are grouped with a dot (14.667) and nouns agree with the number: one (1, 21, 101:
 * prezentacija), few (2–4, 22–24, but not 12–14: prezentacije), many (the rest: prezentacija).
 */

export type SerbianPlural = 'one' | 'few' | 'many';

export function serbianPlural(n: number): SerbianPlural {
  const n10 = n % 10;
  const n100 = n % 100;
  if (n10 === 1 && n100 !== 11) return 'one';
  if (n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14)) return 'few';
  return 'many';
}

/** 14667 → "14.667" (Serbian) or "14,667" (English); a fraction with "," or "." (one decimal at most). */
export function formatNumber(n: number, lang: Lang): string {
  const [group, decimal] = lang === 'en' ? [',', '.'] : ['.', ','];
  const sign = n < 0 ? '-' : '';
  const [int = '0', frac] = Math.abs(n).toString().split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${grouped}${frac ? `${decimal}${frac}` : ''}`;
}

/** The noun's form for n: [one, few, many] in Serbian, [one, other] in English. */
const sr = (n: number, forms: readonly [string, string, string]) =>
  forms[{ one: 0, few: 1, many: 2 }[serbianPlural(n)]];
const en = (n: number, one: string, other: string) => (n === 1 ? one : other);

/** How a Serbian sentence comes out in the requested script: written in Latin, transliterated for Cyrillic. */
const script = (lang: Lang, latin: string) => (lang === 'sr-Cyrl' ? latinToCyrillic(latin) : latin);

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "In 2026" for a whole calendar year, otherwise "From 1 March 2026 to 31 March 2026" (Serbian: 1. 3. 2026.). */
export function periodPhrase(lang: Lang, from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  if (fy === ty && fm === 1 && fd === 1 && tm === 12 && td === 31)
    return lang === 'en' ? `In ${fy}` : script(lang, `U ${fy}. godini`);
  if (lang === 'en') return `From ${fd} ${EN_MONTHS[fm - 1]} ${fy} to ${td} ${EN_MONTHS[tm - 1]} ${ty}`;
  return script(lang, `U periodu od ${fd}. ${fm}. ${fy}. do ${td}. ${tm}. ${ty}.`);
}

export interface SentenceFigures {
  period: { from: string; to: string };
  /** Since the establishment of the Centre, to the end of the period, the baseline included. */
  communicationsToDate: number;
  casesInPeriod: number;
  /** Cases of the period by channel group. */
  casesBy: { website: number; email: number; phone: number; social: number };
  /** Outreach since the establishment (baseline included) and in the period; null without the register. */
  outreachToDate: OutreachSentenceFigures | null;
  outreachInPeriod: OutreachSentenceFigures | null;
  referrals: number;
  referralsAnswered: number;
  outcomeNoticesSent: number;
  medianFirstResponseMinutes: number | null;
}

export interface OutreachSentenceFigures {
  presentations: number;
  primarySchools: number;
  students: number;
  parents: number;
  healthCentres: number;
  healthWorkers: number;
}

export interface Sentence {
  key: string;
  text: string;
}

function duration(lang: Lang, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  const f = (n: number) => formatNumber(n, lang);
  if (lang === 'en') {
    const parts = [
      h > 0 && `${f(h)} ${en(h, 'hour', 'hours')}`,
      (m > 0 || h === 0) && `${m} ${en(m, 'minute', 'minutes')}`,
    ];
    return parts.filter(Boolean).join(' ');
  }
  // "u roku od …": genitive (1 sata, 2 sata, 5 sati; 1 minuta, 5 minuta).
  const hours = h > 0 ? `${f(h)} ${sr(h, ['sata', 'sata', 'sati'])}` : '';
  const mins = m > 0 || h === 0 ? `${m} minuta` : '';
  return [hours, mins].filter(Boolean).join(' i ');
}

/** The sentences, in the order the yearly report prints them; those without figures are left out. */
export function reportSentences(lang: Lang, s: SentenceFigures): Sentence[] {
  const f = (n: number) => formatNumber(n, lang);
  const out: Sentence[] = [];
  const add = (key: string, english: string, latin: string) =>
    out.push({ key, text: lang === 'en' ? english : script(lang, latin) });
  const c = s.communicationsToDate;
  add(
    'communications',
    `Since the establishment of the Centre, ${f(c)} ${en(c, 'communication has', 'communications have')} been registered by telephone, e-mail, the website and social media.`,
    `Od osnivanja Centra ${serbianPlural(c) === 'one' ? 'registrovana je' : 'registrovano je'} ${f(c)} ${sr(c, ['komunikacija', 'komunikacije', 'komunikacija'])} putem telefona, elektronske pošte, veb-sajta i društvenih mreža.`,
  );
  const n = s.casesInPeriod;
  const by = s.casesBy;
  const when = periodPhrase(lang, s.period.from, s.period.to);
  add(
    'cases',
    `${when}, ${f(n)} ${en(n, 'case was', 'cases were')} opened: ${f(by.website)} through the website, ${f(by.email)} by e-mail, ${f(by.phone)} by telephone and ${f(by.social)} through social media.`,
    `${periodPhrase('sr-Latn', s.period.from, s.period.to)} ${serbianPlural(n) === 'one' ? 'otvoren je' : 'otvoreno je'} ${f(n)} ${sr(n, ['predmet', 'predmeta', 'predmeta'])}: ${f(by.website)} preko veb-sajta, ${f(by.email)} elektronskom poštom, ${f(by.phone)} telefonom i ${f(by.social)} preko društvenih mreža.`,
  );
  const outreach = (key: string, o: OutreachSentenceFigures, english: string, latin: string, sofar: boolean) => {
    const p = o.presentations;
    const sc = o.primarySchools;
    const held = sofar
      ? en(p, 'presentation has been', 'presentations have been')
      : en(p, 'presentation was', 'presentations were');
    add(
      key,
      `${english}, ${f(p)} ${held} held in ${f(sc)} ${en(sc, 'primary school', 'primary schools')} for ${f(o.students)} ${en(o.students, 'student', 'students')} and ${f(o.parents)} ${en(o.parents, 'parent', 'parents')}.`,
      `${latin} je ${serbianPlural(p) === 'one' ? 'održana' : 'održano'} ${f(p)} ${sr(p, ['prezentacija', 'prezentacije', 'prezentacija'])} u ${f(sc)} ${sr(sc, ['osnovnoj školi', 'osnovne škole', 'osnovnih škola'])} za ${f(o.students)} učenika i ${f(o.parents)} roditelja.`,
    );
  };
  if (s.outreachToDate) {
    const o = s.outreachToDate;
    outreach('presentations', o, 'So far', 'Do sada', true);
    add(
      'healthCentres',
      `Educators have visited ${f(o.healthCentres)} ${en(o.healthCentres, 'health centre', 'health centres')} and trained ${f(o.healthWorkers)} ${en(o.healthWorkers, 'health worker', 'health workers')}.`,
      `Edukatori su posetili ${f(o.healthCentres)} ${sr(o.healthCentres, ['dom zdravlja', 'doma zdravlja', 'domova zdravlja'])} i obučili ${f(o.healthWorkers)} ${sr(o.healthWorkers, ['zdravstvenog radnika', 'zdravstvena radnika', 'zdravstvenih radnika'])}.`,
    );
  }
  if (s.outreachInPeriod)
    outreach(
      'presentationsInPeriod',
      s.outreachInPeriod,
      when,
      periodPhrase('sr-Latn', s.period.from, s.period.to),
      false,
    );
  const r = s.referrals;
  const a = s.referralsAnswered;
  add(
    'referrals',
    `Cases were referred to institutions ${f(r)} ${en(r, 'time', 'times')}, and the institutions answered ${f(a)} of these referrals.`,
    `Predmeti su upućeni ustanovama ${f(r)} ${sr(r, ['put', 'puta', 'puta'])}, a ustanove su odgovorile na ${f(a)} ${sr(a, ['upućivanje', 'upućivanja', 'upućivanja'])}.`,
  );
  const o = s.outcomeNoticesSent;
  add(
    'outcomeNotices',
    `Reporters were told what was done in ${f(o)} ${en(o, 'case', 'cases')}.`,
    `Prijaviocima je javljeno šta je urađeno u ${f(o)} ${sr(o, ['predmetu', 'predmeta', 'predmeta'])}.`,
  );
  if (s.medianFirstResponseMinutes !== null) {
    const d = s.medianFirstResponseMinutes;
    add(
      'firstResponse',
      `Half of the cases received a first answer within ${duration('en', d)}.`,
      `Polovina predmeta dobila je prvi odgovor u roku od ${duration('sr-Latn', d)}.`,
    );
  }
  return out;
}
