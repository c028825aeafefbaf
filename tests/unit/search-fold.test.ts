import { describe, expect, it } from 'vitest';
import {
  foldText,
  foldWithOrigin,
  messageSearchText,
  phoneTokens,
  searchDocument,
} from '../../src/domain/search-fold.ts';
import { FOLD_PAIRS } from '../helpers/search-fold-pairs.ts';

describe('search folding', () => {
  it.each(FOLD_PAIRS)('%s → %s', (typed, folded) => {
    expect(foldText(typed)).toBe(folded);
  });

  it('Latin and Cyrillic spellings of one word fold alike', () => {
    expect(foldText('Ђорђе Марковић убићу насиље')).toBe(foldText('Đorđe Marković ubicu nasilje'));
    expect(foldText('Djordje')).toBe(foldText('Ђорђе'));
  });

  it('remembers where each folded letter came from, so a highlight lands on the original', () => {
    const s = 'Pozdrav, Ђорђе!';
    const f = foldWithOrigin(s);
    expect(f.text).toBe('pozdrav djordje');
    const at = f.text.indexOf('djordje');
    const end = at + 'djordje'.length - 1;
    expect(s.slice(f.origin[at], f.originEnd[end])).toBe('Ђорђе');
    // Two folded letters from one: both point at the one original letter.
    expect(f.origin[at]).toBe(f.origin[at + 1]);
  });

  it('counts origins in UTF-16 units past characters outside the BMP', () => {
    const s = '😀 Ana';
    const f = foldWithOrigin(s);
    expect(f.text).toBe('ana');
    expect(s.slice(f.origin[0], f.originEnd[2])).toBe('Ana');
  });
});

describe('phone numbers in text', () => {
  it.each([
    ['064 123 4567', ['0641234567']],
    ['+381 64 1234567', ['381641234567']],
    ['+381 64/123-45-67', ['381641234567']],
    ['00381641234567', ['381641234567']],
    ['(011) 123-4567', ['0111234567']],
    ['064 123 4567, 065 987 6543', ['0641234567', '0659876543']],
    ['imam 13 godina', []],
    ['1234567', []],
  ])('%s → %j', (text, tokens) => {
    expect(phoneTokens(text)).toEqual(tokens);
  });

  it('the searched document holds the joined number as one word', () => {
    expect(searchDocument('Zovi me: +381 64/123-45-67.')).toBe(' zovi me 381 64 123 45 67 381641234567 ');
    expect(searchDocument('')).toBe('  ');
  });
});

describe('what of a message is searched', () => {
  const fields = { urls: ['https://x.rs/a'], from: 'a@b.rs', to: ['c@d.rs'], messageId: '<id@mail>', notes: 7 };
  it('subject, text and the listed fields; not ids', () => {
    expect(messageSearchText({ subject: 'Pomoć', text: 'tekst', fields, channel: 'email', authorId: null })).toBe(
      'Pomoć tekst https://x.rs/a a@b.rs c@d.rs',
    );
  });
  it("a Meta message's fields (Meta's links, hidden from every role) are never searched", () => {
    expect(messageSearchText({ subject: null, text: 'tekst', fields, channel: 'instagram', authorId: null })).toBe(
      'tekst',
    );
  });
});
