import { describe, expect, it } from 'vitest';
import { searchDocument } from '../../src/domain/search-fold.ts';
import { parseQuery, phoneForms, type SearchTerm, termPatterns } from '../../src/domain/search-query.ts';
import { bestSnippet } from '../../src/domain/search-snippet.ts';

/** What the database does with a term: LIKE over the searched document (% any run, the rest literal). */
function likeMatches(doc: string, pattern: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('%')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
  return re.test(doc);
}
const matches = (text: string, q: string) =>
  parseQuery(q).every((t) => termPatterns(t).some((p) => likeMatches(searchDocument(text), p)));

describe('a query becomes terms', () => {
  it('words fold and match word beginnings, in either script', () => {
    expect(parseQuery('Zlostav Ђорђе')).toEqual([
      { forms: [['zlostav']], prefix: true },
      { forms: [['djordje']], prefix: true },
    ]);
    expect(matches('Prijavljujem zlostavljanje deteta', 'zlostav')).toBe(true);
    expect(matches('Пријављујем злостављање детета', 'zlostav')).toBe(true);
    expect(matches('nezlostavljan', 'zlostav')).toBe(false);
    expect(matches('Rekao je: ubiću te', 'убићу')).toBe(true);
    expect(matches('Đorđe', 'Djordje')).toBe(true);
  });

  it('several words must all match; one-letter words are left out', () => {
    expect(parseQuery('a lažni i profil')).toEqual([
      { forms: [['lazni']], prefix: true },
      { forms: [['profil']], prefix: true },
    ]);
    expect(matches('lažni profil na Instagramu', 'lažni profil')).toBe(true);
    expect(matches('lažni nalog', 'lažni profil')).toBe(false);
  });

  it('a quoted phrase matches its whole words in a row', () => {
    expect(parseQuery('"ne smem da kažem" škola')).toEqual([
      { forms: [['ne', 'smem', 'da', 'kazem']], prefix: false },
      { forms: [['skola']], prefix: true },
    ]);
    expect(matches('Ne smem da kažem roditeljima', '"ne smem da kažem"')).toBe(true);
    expect(matches('Не смем да кажем', '„ne smem da kažem“')).toBe(true);
    expect(matches('ne smem nikome da kažem', '"ne smem da kažem"')).toBe(false);
    expect(matches('ne smem da kažemo', '"ne smem da kažem"')).toBe(false);
  });

  it.each(['064 123 4567', '+381 64 1234567', '0641234567', '+381641234567', '00381 64 123 45 67', '064/123-45-67'])(
    'the phone number %s finds every written form of it',
    (typed) => {
      expect(phoneForms(typed)).toEqual(['381641234567', '0641234567']);
      for (const stored of ['+381641234567', 'zovi 064 123 4567', 'broj: +381 64/123-45-67', '0641234567'])
        expect(matches(stored, typed), `${typed} in ${stored}`).toBe(true);
      expect(matches('+381641234568', typed)).toBe(false);
    },
  );

  it('an address or a link is its words in a row; a reference is also the case itself', () => {
    expect(parseQuery('marko.markovic@gmail.com')).toEqual([
      { forms: [['marko', 'markovic', 'gmail', 'com']], prefix: true },
    ]);
    expect(parseQuery('KC-2026-000123')).toEqual([
      { forms: [['kc', '2026', '000123']], prefix: false, reference: 'KC-2026-000123' },
    ]);
    expect(matches('pišem od marko.markovic@gmail.com', 'marko.markovic@gmail')).toBe(true);
    expect(matches('www.instagram.com/lazni_profil_12', 'https://www.instagram.com/lazni_profil')).toBe(true);
    expect(matches('https://www.instagram.com/drugi_profil/', 'https://www.instagram.com/lazni_profil')).toBe(false);
    expect(matches('https://www.instagram.com/lazni_profil_12/', 'https://www.instagram.com/lazni_profil')).toBe(true);
  });

  it('nothing to search in a query of one-letter words or punctuation', () => {
    expect(parseQuery(' a , i ! ')).toEqual([]);
  });
});

describe('the snippet', () => {
  const terms: SearchTerm[] = parseQuery('ubicu Đorđe');
  it('comes from the source with the most terms and marks each match in the original letters', () => {
    const long = `${'Uvod bez veze. '.repeat(10)}Ђорђе је рекао: „Убићу те!” ${'i još teksta '.repeat(20)}`;
    const s = bestSnippet(
      [
        { source: 'contact', text: 'Đorđe Petrović' },
        { source: 'text', text: long, messageId: 'm1' },
      ],
      terms,
    );
    expect(s?.source).toBe('text');
    expect(s?.messageId).toBe('m1');
    expect(s?.text.startsWith('…')).toBe(true);
    expect(s?.text.endsWith('…')).toBe(true);
    expect(s?.highlights.map((h) => s.text.slice(h.start, h.end))).toEqual(['Ђорђе', 'Убићу']);
    expect(s?.text.length).toBeLessThanOrEqual(182);
  });
  it('none when nothing matches or nothing was searched', () => {
    expect(bestSnippet([{ source: 'text', text: 'ništa' }], terms)).toBeNull();
    expect(bestSnippet([{ source: 'text', text: 'ništa' }], [])).toBeNull();
  });
});
