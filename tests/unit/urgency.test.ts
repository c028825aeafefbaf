import { describe, expect, it } from 'vitest';
import {
  compileUrgencyRules,
  DEFAULT_URGENCY,
  mergeUrgencyRules,
  normalizeForMatching,
} from '../../src/domain/urgency.ts';

const rules = (text: string, extra: { category?: string; flags?: string[]; fields?: Record<string, unknown> } = {}) =>
  DEFAULT_URGENCY.evaluate({ text, ...extra });

describe('urgency rules', () => {
  it('reads Cyrillic, Latin with and without diacritics as one text', () => {
    expect(normalizeForMatching('Убићу СЕ!')).toBe(' ubicu se ');
    expect(normalizeForMatching('Ubiću se')).toBe(' ubicu se ');
    expect(normalizeForMatching('Нађемо се, љубав')).toBe(' nadjemo se ljubav ');
    expect(normalizeForMatching("Don't tell")).toBe(' dont tell ');
  });

  it('flags self-harm in Serbian Latin, Cyrillic and English', () => {
    expect(rules('Mislim na samoubistvo svaki dan')).toEqual(['self_harm']);
    expect(rules('ubicu se ako ovo izadje')).toContain('self_harm');
    expect(rules('Мислим да ћу се убити, убићу се')).toContain('self_harm');
    expect(rules('I want to KILL MYSELF')).toEqual(['self_harm']);
  });

  it('flags an adult asking to meet and to keep it secret, in both scripts', () => {
    expect(rules('хоће да се нађемо, не говори родитељима')).toEqual(['meeting_adult']);
    expect(rules('Rekao je da se nadjemo u subotu i da ne govorim roditeljima')).toEqual(['meeting_adult']);
    expect(rules('He wants to meet me and said don’t tell your parents')).toEqual(['meeting_adult']);
  });

  it('flags threats and sextortion', () => {
    expect(rules('Napisao mi je: ubiću te, znam gde živiš')).toEqual(['threat']);
    expect(rules('Уцењује ме, објавиће моје слике ако не платим')).toEqual(['sextortion']);
    expect(rules('Someone is blackmailing me with photos')).toEqual(['sextortion']);
  });

  it('flags child sexual abuse material by category, by flag and by words in fields', () => {
    expect(rules('link u prilogu', { category: 'illegal_content' })).toEqual(['csam']);
    expect(rules('link', { flags: ['csam'] })).toEqual(['csam']);
    expect(rules('vidi link', { fields: { links: 'https://x.example/a', note: 'Dečja pornografija' } })).toEqual([
      'csam',
    ]);
  });

  it('leaves ordinary reports alone (false positives)', () => {
    for (const text of [
      'Roditeljski sastanak je u utorak, kako da pričam sa detetom o internetu?',
      'Samo da pitam kako da podesim privatnost na Instagramu',
      'My skill myself is low — I mean my skills in maths',
      'Ubili su me zadaci iz matematike',
      'Ubiću te od smeha kad vidiš ovaj video',
      'Where can I meet a counselor?',
      'Сестра ми шаље поруке, све је у реду, само питам за савет',
      'Nađite mi broj policije',
    ]) {
      expect(rules(text), text).toEqual([]);
    }
    expect(rules('kako da prijavim nalog', { category: 'advice' })).toEqual([]);
  });

  it('masks a harmless phrase but still sees a real danger beside it', () => {
    expect(rules('Ubio me ovaj test')).toEqual([]);
    expect(rules('Ubio me ovaj test, ubiću se ako padnem godinu')).toEqual(['self_harm']);
    expect(rules('Posle roditeljskog sastanka mi je čovek od 40 godina rekao da se nađemo')).toEqual(['meeting_adult']);
  });

  it('no longer takes "let us meet" alone for an adult: a school trip is not urgent', () => {
    expect(rules('Idemo na ekskurziju, razredna kaže da se nađemo kod škole u 7')).toEqual([]);
    expect(rules('Neki čovek hoće da se nađemo u subotu')).toEqual(['meeting_adult']);
  });

  it('merges rules from a file: same name replaces, new ones are added, replaceDefaults drops the rest', () => {
    const merged = mergeUrgencyRules({
      rules: [
        { name: 'threat', terms: ['pretnja'] },
        { name: 'weapon', terms: ['pistolj'] },
      ],
    });
    const set = compileUrgencyRules(merged);
    expect(set.evaluate({ text: 'ubicu te' })).toEqual([]);
    expect(set.evaluate({ text: 'Pretnja pištoljem' })).toEqual(['threat', 'weapon']);
    expect(set.evaluate({ text: 'ubiću se' })).toEqual(['self_harm']);
    const only = compileUrgencyRules(
      mergeUrgencyRules({ replaceDefaults: true, rules: [{ name: 'x', terms: ['abc'] }] }),
    );
    expect(only.evaluate({ text: 'ubiću se abc' })).toEqual(['x']);
  });
});
