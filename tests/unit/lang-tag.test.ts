import { describe, expect, it } from 'vitest';
import { normaliseLanguageTag } from '../../src/i18n/lang-tag.ts';

describe('normaliseLanguageTag: BCP 47 tags as clients send them, to the three languages we speak', () => {
  it.each([
    ['sr', 'sr-Latn'],
    ['SR', 'sr-Latn'],
    ['sr-RS', 'sr-Latn'],
    ['sr_RS', 'sr-Latn'],
    ['sr-ME', 'sr-Latn'],
    ['sr-Latn', 'sr-Latn'],
    ['sr-latn', 'sr-Latn'],
    ['sr-Latn-RS', 'sr-Latn'],
    ['sr_Latn_RS', 'sr-Latn'],
    ['SR-LATN-rs', 'sr-Latn'],
    ['sr-Cyrl', 'sr-Cyrl'],
    ['sr-cyrl', 'sr-Cyrl'],
    ['sr-Cyrl-RS', 'sr-Cyrl'],
    ['sr_Cyrl_RS', 'sr-Cyrl'],
    ['SR-CYRL-RS', 'sr-Cyrl'],
    ['sr-Cyrl-BA', 'sr-Cyrl'],
    ['sr-RS-u-nu-latn', 'sr-Latn'],
    ['en', 'en'],
    ['EN', 'en'],
    ['en-GB', 'en'],
    ['en-US', 'en'],
    ['en_us', 'en'],
    ['en-Latn-GB', 'en'],
    [' en-GB ', 'en'],
    // Languages whose readers read Serbian Latin far more easily than English.
    ['hr', 'sr-Latn'],
    ['bs-BA', 'sr-Latn'],
    ['cnr', 'sr-Latn'],
  ])('%j → %s', (tag, lang) => {
    expect(normaliseLanguageTag(tag)).toBe(lang);
  });

  it.each([
    'de',
    'de-DE',
    'fr',
    'srp',
    'sry',
    'ser',
    'english',
    'serbian',
    '',
    ' ',
    '-',
    'sr-',
    '-sr',
    'sr--RS',
    'sr-RS-',
    'sr RS',
    'sr-Cyrl; drop table',
    'x-sr',
    'i-klingon',
    '*',
    'sr-toolongsubtag',
    `sr-${'RS-'.repeat(30)}RS`,
    'ср',
  ])('%j is not a language we speak', (tag) => {
    expect(normaliseLanguageTag(tag)).toBeUndefined();
  });

  it('anything but a string is no language', () => {
    for (const v of [undefined, null, 1, true, ['sr'], { tag: 'sr' }]) expect(normaliseLanguageTag(v)).toBeUndefined();
  });
});
