import { describe, expect, it } from 'vitest';
import { DEFAULT_URGENCY } from '../../src/domain/urgency.ts';

const rules = (text: string) => DEFAULT_URGENCY.evaluate({ text });

/** The sentences of issue 25 and the families of forms the rules must hold across. */
describe('default urgency rules across Serbian morphology, word order, scripts and spellings', () => {
  it('"will harm herself tonight", in every order, inflection, script and spelling', () => {
    for (const text of [
      'Devojčica piše da će sebi nauditi večeras',
      'sebi ću nauditi',
      'nauditi ću sebi',
      'naudiću sebi',
      'naudicu sebi veceras',
      'naudichu sebi',
      'Нaудићу себи',
      'СЕБИ ЋУ НАУДИТИ',
      'naudila je sebi opet',
      'I will hurt myself tonight',
    ]) {
      expect(rules(text), text).toContain('self_harm');
    }
  });

  it('suicide in its inflections, common misspellings and slang', () => {
    for (const text of [
      'mislim na samoubistvo',
      'razmišljam o samoubistvu',
      'samubistvo mi je u glavi',
      'samoubijstvo je jedino resenje',
      'Размишљам о самоубиству',
      'sucide is the only way',
      'gonna unalive myself',
      'kms',
      'ubiću se',
      'ubicu se',
      'ubicuuu se',
      'da se ubijem',
      'ubit ću se',
      'ne želim više da živim',
      'nema smisla da živim',
      'hoću da umrem',
      'I want to kill myself',
      'I dont want to live anymore',
    ]) {
      expect(rules(text), text).toContain('self_harm');
    }
  });

  it('threats, sextortion, grooming and abuse material in both scripts and English', () => {
    const cases: [string, string][] = [
      ['Rekao je da će me ubiti ako kažem', 'threat'],
      ['Убићемо те сутра', 'threat'],
      ['he said he will kill me', 'threat'],
      ['doneće pištolj u školu', 'threat'],
      ['Ucenjuje me slikama', 'sextortion'],
      ['уцењује ме сликама', 'sextortion'],
      ['ako ne platim objaviće moje gole slike', 'sextortion'],
      ['he is threatening to leak my photos', 'sextortion'],
      ['Čovek od 35 godina hoće da se vidimo uživo', 'meeting_adult'],
      ['kaže da ne govorim roditeljima', 'meeting_adult'],
      ['said dont tell your parents', 'meeting_adult'],
      ['dele gole slike dece', 'csam'],
      ['Наишла сам на дечју порнографију', 'csam'],
      ['found a child porn link', 'csam'],
    ];
    for (const [text, rule] of cases) expect(rules(text), text).toContain(rule);
  });

  it('leaves the harmless uses of the same words alone', () => {
    for (const text of [
      'ubio me ovaj test',
      'umirem od smeha',
      'umreću od dosade',
      'poginuću od smeha',
      'Roditeljski sastanak je u četvrtak',
      'sećam se kad smo išli na more',
      'skočiću do prodavnice',
      'igram igricu gde se ubijaju zombiji',
      'this test killed me lol',
      "i'm dying of laughter",
      'shoot me an email',
      'preti mi jedinica iz matematike',
      'Čitala sam u novinama o samoubistvu, kako da pričam sa detetom?',
      'What is sextortion? We are preparing a lesson',
      'interesuje me da li imate materijale za roditeljski sastanak',
    ]) {
      expect(rules(text), text).toEqual([]);
    }
  });
});
