import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  periodPhrase,
  reportSentences,
  type SentenceFigures,
  serbianPlural,
} from '../../src/i18n/report-sentences.ts';

const figures = (over: Partial<SentenceFigures> = {}): SentenceFigures => ({
  period: { from: '2026-01-01', to: '2026-12-31' },
  communicationsToDate: 18_760,
  casesInPeriod: 4,
  casesBy: { website: 1, email: 1, phone: 1, social: 1 },
  outreachToDate: {
    presentations: 394,
    primarySchools: 128,
    students: 14_667,
    parents: 5_074,
    healthCentres: 27,
    healthWorkers: 150,
  },
  outreachInPeriod: null,
  referrals: 3,
  referralsAnswered: 2,
  outcomeNoticesSent: 1,
  medianFirstResponseMinutes: 135,
  ...over,
});

const sentence = (lang: 'sr-Latn' | 'sr-Cyrl' | 'en', key: string, over: Partial<SentenceFigures> = {}) =>
  reportSentences(lang, figures(over)).find((s) => s.key === key)?.text;

describe('the centre’s sentences from the figures', () => {
  it('Serbian plural forms: one for 1, 21, 101 (not 11); few for 2–4, 22–24 (not 12–14); many for the rest', () => {
    const cases: [number, string][] = [
      [0, 'many'],
      [1, 'one'],
      [2, 'few'],
      [4, 'few'],
      [5, 'many'],
      [11, 'many'],
      [12, 'many'],
      [14, 'many'],
      [21, 'one'],
      [22, 'few'],
      [25, 'many'],
      [101, 'one'],
      [111, 'many'],
      [112, 'many'],
      [394, 'few'],
      [1_001, 'one'],
    ];
    for (const [n, form] of cases) expect(serbianPlural(n), String(n)).toBe(form);
  });

  it('numbers are grouped as each language writes them', () => {
    expect(formatNumber(14_667, 'sr-Latn')).toBe('14.667');
    expect(formatNumber(5_074, 'sr-Cyrl')).toBe('5.074');
    expect(formatNumber(14_667, 'en')).toBe('14,667');
    expect(formatNumber(1_234_567, 'en')).toBe('1,234,567');
    expect(formatNumber(999, 'sr-Latn')).toBe('999');
    expect(formatNumber(2.5, 'sr-Latn')).toBe('2,5');
    expect(formatNumber(2.5, 'en')).toBe('2.5');
  });

  it('says the centre’s own sentence in all three languages', () => {
    expect(sentence('en', 'presentations')).toBe(
      'So far, 394 presentations have been held in 128 primary schools for 14,667 students and 5,074 parents.',
    );
    expect(sentence('sr-Latn', 'presentations')).toBe(
      'Do sada je održano 394 prezentacije u 128 osnovnih škola za 14.667 učenika i 5.074 roditelja.',
    );
    expect(sentence('sr-Cyrl', 'presentations')).toBe(
      'До сада је одржано 394 презентације у 128 основних школа за 14.667 ученика и 5.074 родитеља.',
    );
    expect(sentence('en', 'communications')).toBe(
      'Since the establishment of the Centre, 18,760 communications have been registered by telephone, e-mail, the website and social media.',
    );
    expect(sentence('sr-Latn', 'communications')).toBe(
      'Od osnivanja Centra registrovano je 18.760 komunikacija putem telefona, elektronske pošte, veb-sajta i društvenih mreža.',
    );
    expect(sentence('en', 'healthCentres')).toBe(
      'Educators have visited 27 health centres and trained 150 health workers.',
    );
    expect(sentence('sr-Latn', 'healthCentres')).toBe(
      'Edukatori su posetili 27 domova zdravlja i obučili 150 zdravstvenih radnika.',
    );
  });

  it('agrees the nouns with one, few and many', () => {
    const o = (presentations: number, primarySchools: number, healthCentres: number, healthWorkers: number) => ({
      outreachToDate: { presentations, primarySchools, students: 1, parents: 2, healthCentres, healthWorkers },
    });
    expect(sentence('sr-Latn', 'presentations', o(1, 1, 1, 1))).toBe(
      'Do sada je održana 1 prezentacija u 1 osnovnoj školi za 1 učenika i 2 roditelja.',
    );
    expect(sentence('en', 'presentations', o(1, 1, 1, 1))).toBe(
      'So far, 1 presentation has been held in 1 primary school for 1 student and 2 parents.',
    );
    expect(sentence('sr-Latn', 'presentations', o(22, 3, 1, 1))).toBe(
      'Do sada je održano 22 prezentacije u 3 osnovne škole za 1 učenika i 2 roditelja.',
    );
    expect(sentence('sr-Latn', 'presentations', o(12, 11, 1, 1))).toBe(
      'Do sada je održano 12 prezentacija u 11 osnovnih škola za 1 učenika i 2 roditelja.',
    );
    expect(sentence('sr-Latn', 'presentations', o(21, 101, 1, 1))).toBe(
      'Do sada je održana 21 prezentacija u 101 osnovnoj školi za 1 učenika i 2 roditelja.',
    );
    expect(sentence('sr-Latn', 'healthCentres', o(1, 1, 1, 21))).toBe(
      'Edukatori su posetili 1 dom zdravlja i obučili 21 zdravstvenog radnika.',
    );
    expect(sentence('sr-Cyrl', 'healthCentres', o(1, 1, 3, 2))).toBe(
      'Едукатори су посетили 3 дома здравља и обучили 2 здравствена радника.',
    );
    expect(sentence('sr-Latn', 'communications', { communicationsToDate: 1 })).toBe(
      'Od osnivanja Centra registrovana je 1 komunikacija putem telefona, elektronske pošte, veb-sajta i društvenih mreža.',
    );
    expect(sentence('en', 'communications', { communicationsToDate: 1 })).toBe(
      'Since the establishment of the Centre, 1 communication has been registered by telephone, e-mail, the website and social media.',
    );
    expect(sentence('sr-Latn', 'cases', { casesInPeriod: 21 })).toMatch(/^U 2026\. godini otvoren je 21 predmet: /);
    expect(sentence('sr-Latn', 'referrals', { referrals: 2, referralsAnswered: 1 })).toBe(
      'Predmeti su upućeni ustanovama 2 puta, a ustanove su odgovorile na 1 upućivanje.',
    );
    expect(sentence('sr-Latn', 'outcomeNotices', { outcomeNoticesSent: 5 })).toBe(
      'Prijaviocima je javljeno šta je urađeno u 5 predmeta.',
    );
  });

  it('writes durations and periods in each language', () => {
    expect(sentence('en', 'firstResponse')).toBe(
      'Half of the cases received a first answer within 2 hours 15 minutes.',
    );
    expect(sentence('sr-Latn', 'firstResponse')).toBe(
      'Polovina predmeta dobila je prvi odgovor u roku od 2 sata i 15 minuta.',
    );
    expect(sentence('sr-Latn', 'firstResponse', { medianFirstResponseMinutes: 300 })).toBe(
      'Polovina predmeta dobila je prvi odgovor u roku od 5 sati.',
    );
    expect(sentence('en', 'firstResponse', { medianFirstResponseMinutes: 1 })).toBe(
      'Half of the cases received a first answer within 1 minute.',
    );
    expect(sentence('en', 'firstResponse', { medianFirstResponseMinutes: null })).toBeUndefined();
    expect(periodPhrase('en', '2026-03-01', '2026-03-31')).toBe('From 1 March 2026 to 31 March 2026');
    expect(periodPhrase('sr-Cyrl', '2026-03-01', '2026-03-31')).toBe('У периоду од 1. 3. 2026. до 31. 3. 2026.');
    expect(periodPhrase('sr-Cyrl', '2026-01-01', '2026-12-31')).toBe('У 2026. години');
  });

  it('leaves out the outreach sentences when the register gives nothing', () => {
    const keys = reportSentences('en', figures({ outreachToDate: null })).map((s) => s.key);
    expect(keys).not.toContain('presentations');
    expect(keys).not.toContain('healthCentres');
  });
});
