import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AREAS, LANGS, TABLES } from '../../web-inbox/src/i18n/catalogs.ts';
import { isKey, setLang, t } from '../../web-inbox/src/i18n/index.ts';
import { codesOf, durationText, label, outcomeLabel } from '../../web-inbox/src/i18n/labels.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The inbox's one translation module: every key in every language, nothing empty, the same {placeholders}. */
describe('inbox catalogs (web-inbox/src/i18n)', () => {
  beforeAll(() => vi.stubGlobal('document', { documentElement: {} }));
  afterAll(() => {
    setLang('sr-Latn');
    vi.unstubAllGlobals();
  });

  it('has every key in all three languages, and no other', () => {
    const english = [...TABLES.en.keys()].sort();
    expect(english.length).toBeGreaterThan(600);
    for (const l of LANGS) expect([...TABLES[l].keys()].sort()).toEqual(english);
    for (const [ns, area] of Object.entries(AREAS)) {
      expect(Object.keys(area.srLatn).sort(), ns).toEqual(Object.keys(area.en).sort());
      const unknown = Object.keys(area.srCyrl ?? {}).filter((k) => !(k in area.en));
      expect(unknown, `${ns}: Cyrillic overrides of no key`).toEqual([]);
    }
  });

  it('has no empty text in any language', () => {
    for (const l of LANGS) {
      const empty = [...TABLES[l]].filter(([, text]) => text.trim() === '').map(([k]) => k);
      expect(empty, l).toEqual([]);
    }
  });

  it('has the same {placeholders} in every language, never transliterated', () => {
    const differ: string[] = [];
    for (const [key, english] of TABLES.en) {
      for (const l of LANGS) {
        if (placeholders(TABLES[l].get(key) ?? '').join() !== placeholders(english).join()) differ.push(`${l} ${key}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('says a key in the chosen language, with its placeholders filled', () => {
    const said = LANGS.map((l) => {
      setLang(l);
      return [
        t('app.signedInAs', { name: 'Ana' }),
        durationText(450),
        outcomeLabel('advice_given'),
        label('status', 'open'),
      ];
    });
    expect(said).toEqual([
      ['Prijavljeni ste kao Ana', '7 min 30 s', 'Dat savet', 'Otvoreno'],
      ['Пријављени сте као Ana', '7 мин 30 с', 'Дат савет', 'Отворено'],
      ['Signed in as Ana', '7 min 30 s', 'Advice given', 'Open'],
    ]);
  });

  it('keeps the Cyrillic exceptions and shows an unknown code as it is', () => {
    setLang('sr-Cyrl');
    expect(t('app.keyboardHint')).toBe('Тастери j и k померају избор, Enter отвара предмет.');
    expect(label('channel', 'facebook')).toBe('Фејсбук');
    expect(t('phone.format_asterisk')).toBe('Asterisk Master.csv');
    expect(label('category', 'added_later')).toBe('added_later');
    expect(outcomeLabel('made_up')).toBe('made_up');
    expect(isKey('phone.durationShort')).toBe(true);
    expect(isKey('phone.nope')).toBe(false);
    expect(codesOf('priority')).toEqual(['urgent', 'high', 'normal', 'low']);
  });
});
