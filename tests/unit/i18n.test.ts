import { describe, expect, it } from 'vitest';
import { FIELD_ERROR_CODES } from '../../connectors/web-form/report-submission.ts';
import { DEFAULT_CATEGORIES } from '../../src/domain/taxonomy.ts';
import { fieldErrorMessage, fieldLabel, localizeFieldErrors, rateLimitMessage } from '../../src/i18n/field-errors.ts';
import { ageLabel, categoryLabel, kindLabel, roleLabel } from '../../src/i18n/labels.ts';
import { LANGS, MESSAGE_KEYS, MESSAGES, pickLang, t } from '../../src/i18n/messages.ts';
import { latinToCyrillic } from '../../src/i18n/translit.ts';

const CODES = FIELD_ERROR_CODES;
const FIELDS = [
  'description',
  'urls',
  'category',
  'reporterRole',
  'ageGroup',
  'email',
  'phone',
  'consent',
  'kind',
  'language',
  'anonymous',
];

/** What may legitimately stay in Latin letters inside Cyrillic text. */
const withoutProtected = (s: string) =>
  s
    .replace(/\{[^{}]*\}/g, '')
    .replace(/https?:\/\/\S*/g, '')
    .replace(/\S+@\S+/g, '');

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('latinToCyrillic', () => {
  it.each([
    ['Ljubav', 'Љубав'],
    ['LJUBAV', 'ЉУБАВ'],
    ['ljubav', 'љубав'],
    ['NJEGOŠ', 'ЊЕГОШ'],
    ['Njegoš', 'Његош'],
    ['džep', 'џеп'],
    ['Džep', 'Џеп'],
    ['DŽEP', 'ЏЕП'],
    ['đak', 'ђак'],
    ['Đak', 'Ђак'],
    ['čaj, ćup, šuma, žaba', 'чај, ћуп, шума, жаба'],
    ['Čačak Ćuprija Šabac Žabalj', 'Чачак Ћуприја Шабац Жабаљ'],
    [
      'Nacionalni kontakt centar za bezbednost dece na internetu',
      'Национални контакт центар за безбедност деце на интернету',
    ],
  ])('%s → %s', (latin, cyrillic) => {
    expect(latinToCyrillic(latin)).toBe(cyrillic);
  });

  it('handles the single-character digraph ligatures and decomposed carons', () => {
    expect(latinToCyrillic('ǅep ǉubav Ǌegoš')).toBe('Џеп љубав Његош');
    expect(latinToCyrillic('c\u030Cas')).toBe('час');
  });

  it('leaves URLs, e-mail addresses, placeholders, references and markup untouched', () => {
    expect(latinToCyrillic('Pogledaj https://primer.rs/Ljubav?nj=dž i www.primer.rs/stranica')).toBe(
      'Погледај https://primer.rs/Ljubav?nj=dž и www.primer.rs/stranica',
    );
    expect(latinToCyrillic('Pišite na bit@mtt.gov.rs.')).toBe('Пишите на bit@mtt.gov.rs.');
    expect(latinToCyrillic('Zdravo {name}, imate {count} poruka')).toBe('Здраво {name}, имате {count} порука');
    expect(latinToCyrillic('Predmet KC-2026-000123 je otvoren')).toBe('Предмет KC-2026-000123 је отворен');
    expect(latinToCyrillic('<a href="/report?lang=en">link</a> &amp; &#39;ok&#39;')).toBe(
      '<a href="/report?lang=en">линк</a> &amp; &#39;ок&#39;',
    );
  });

  it('keeps digits, punctuation and letters Serbian does not have', () => {
    expect(latinToCyrillic('24/7, 192! (x, y, w, q)')).toBe('24/7, 192! (x, y, w, q)');
  });
});

describe('pickLang', () => {
  it('defaults to Serbian Latin', () => {
    expect(pickLang()).toBe('sr-Latn');
    expect(pickLang('', '')).toBe('sr-Latn');
    expect(pickLang(undefined, 'de-DE, fr;q=0.8')).toBe('sr-Latn');
  });

  it('lets the query parameter win over Accept-Language', () => {
    expect(pickLang('sr-Cyrl', 'en-US')).toBe('sr-Cyrl');
    expect(pickLang('en', 'sr-RS')).toBe('en');
    expect(pickLang('sr-Latn', 'sr-Cyrl')).toBe('sr-Latn');
    expect(pickLang('SR-CYRL')).toBe('sr-Cyrl');
  });

  it('ignores an unknown query value', () => {
    expect(pickLang('de', 'en-GB')).toBe('en');
  });

  it('reads Accept-Language by preference', () => {
    expect(pickLang(undefined, 'sr')).toBe('sr-Latn');
    expect(pickLang(undefined, 'sr-RS,sr;q=0.9,en;q=0.8')).toBe('sr-Latn');
    expect(pickLang(undefined, 'sr-Cyrl-RS,en;q=0.5')).toBe('sr-Cyrl');
    expect(pickLang(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(pickLang(undefined, 'de-DE,en;q=0.8,sr;q=0.5')).toBe('en');
    expect(pickLang(undefined, 'en;q=0.5, sr-Cyrl;q=0.9')).toBe('sr-Cyrl');
    expect(pickLang(undefined, 'en;q=0, sr-Cyrl;q=0.1')).toBe('sr-Cyrl');
  });
});

describe('messages', () => {
  it('has every key in every language, with the same placeholders', () => {
    for (const lang of LANGS) {
      expect(Object.keys(MESSAGES[lang]).sort()).toEqual([...MESSAGE_KEYS].sort());
      for (const key of MESSAGE_KEYS) {
        const value = MESSAGES[lang][key];
        expect(value.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(value), `${lang} ${key}`).toEqual(placeholders(MESSAGES['sr-Latn'][key]));
      }
    }
  });

  it('writes the Cyrillic dictionary in Cyrillic only', () => {
    for (const key of MESSAGE_KEYS) {
      expect(withoutProtected(MESSAGES['sr-Cyrl'][key]), key).not.toMatch(/[A-Za-zčćšžđČĆŠŽĐ]/);
    }
  });

  it('interpolates parameters', () => {
    expect(t('en', 'js.charCount', { count: 3, max: 10 })).toBe('3 of 10 characters used.');
    expect(t('sr-Cyrl', 'footer.social', { page: 'Pametno & Bezbedno' })).toBe(
      'Фејсбук и Инстаграм: Pametno & Bezbedno',
    );
    expect(t('sr-Latn', 'footer.email', { email: 'bit@mtt.gov.rs' })).toBe('E-pošta: bit@mtt.gov.rs');
  });
});

describe('labels', () => {
  it('names every default category, role, age group and kind in every language', () => {
    for (const lang of LANGS) {
      for (const code of DEFAULT_CATEGORIES) expect(categoryLabel(lang, code)).not.toBe(code);
      for (const code of ['child', 'parent', 'teacher', 'other']) expect(roleLabel(lang, code)).not.toBe(code);
      for (const code of ['under_9', '9_12', '13_15', '16_17', 'adult_unknown'])
        expect(ageLabel(lang, code)).not.toBe(code);
      for (const code of ['report', 'help']) expect(kindLabel(lang, code)).not.toBe(code);
    }
    expect(categoryLabel('sr-Latn', 'illegal_content')).toBe(
      'Nezakonit sadržaj / materijal o seksualnom zlostavljanju dece',
    );
    expect(categoryLabel('sr-Cyrl', 'illegal_content')).toBe(
      'Незаконит садржај / материјал о сексуалном злостављању деце',
    );
    expect(categoryLabel('en', 'integrity')).toContain('cyberbullying, grooming, sextortion, threats');
    expect(roleLabel('en', 'parent')).toBe('A parent or guardian');
    expect(kindLabel('sr-Cyrl', 'report')).toBe('Пријави незаконит или штетан садржај');
  });

  it('falls back to the code for a category added by an administrator', () => {
    expect(categoryLabel('en', 'gaming_scams')).toBe('gaming_scams');
    expect(categoryLabel('en', 'toString')).toBe('toString');
  });
});

describe('field errors', () => {
  it('gives a sentence for every code, field and language', () => {
    for (const lang of LANGS) {
      for (const field of FIELDS) {
        expect(fieldLabel(lang, field)).not.toBe(field);
        for (const code of CODES) {
          const message = fieldErrorMessage(lang, field, code);
          expect(message, `${lang} ${field} ${code}`).toMatch(/[.!?]$/);
          expect(message).not.toMatch(/[{}]/);
          if (lang === 'sr-Cyrl') expect(withoutProtected(message)).not.toMatch(/[A-Za-zčćšžđ]/);
        }
      }
    }
  });

  it('speaks to the reporter in their language', () => {
    expect(fieldErrorMessage('sr-Latn', 'email', 'invalid_email')).toBe('Unesite ispravnu adresu e-pošte.');
    expect(fieldErrorMessage('sr-Cyrl', 'email', 'invalid_email')).toBe('Унесите исправну адресу е-поште.');
    expect(fieldErrorMessage('en', 'email', 'invalid_email')).toBe('Please enter a valid e-mail address.');
    expect(fieldErrorMessage('en', 'description', 'too_long')).toContain('20,000');
    expect(fieldErrorMessage('sr-Latn', 'description', 'too_long')).toContain('20.000');
    expect(fieldErrorMessage('sr-Latn', 'urls', 'too_many')).toContain('20');
    expect(fieldErrorMessage('sr-Latn', 'phone', 'required')).toBe('Popunite polje „Broj telefona“.');
    expect(fieldErrorMessage('sr-Cyrl', 'urls', 'invalid_url')).toContain('http:// или https://');
    expect(fieldErrorMessage('en', 'email', 'no_such_code')).toBe(
      'The value in “E-mail address” is not in the right format.',
    );
  });

  it('localizes a list for an API client', () => {
    expect(localizeFieldErrors('sr-Latn', [{ field: 'email', code: 'invalid_email' }])).toEqual([
      { field: 'email', message: 'Unesite ispravnu adresu e-pošte.' },
    ]);
  });

  it('explains the rate limit', () => {
    expect(rateLimitMessage('sr-Latn')).toMatch(
      /^Previše prijava sa ove adrese\. Pokušajte ponovo za nekoliko minuta\./,
    );
    expect(rateLimitMessage('sr-Cyrl')).toMatch(/^Превише пријава са ове адресе\./);
    expect(rateLimitMessage('en')).toContain('try again in a few minutes');
  });
});
