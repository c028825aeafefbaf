import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLang } from '../../web-inbox/src/i18n.ts';
import { tx } from '../../web-inbox/src/i18n-inbox.ts';

/** The app shell's words (rail, panes, a link to an unknown case) come from the inbox's one translator. */
describe('app shell strings in the inbox translator (tx)', () => {
  beforeAll(() => vi.stubGlobal('document', { documentElement: {} }));
  afterAll(() => {
    setLang('sr-Latn');
    vi.unstubAllGlobals();
  });

  it('says an unknown linked case in each language, with its reference', () => {
    const said = (['sr-Latn', 'sr-Cyrl', 'en'] as const).map((l) => {
      setLang(l);
      return tx('caseNotFound', { reference: 'KC-1999-000001' });
    });
    expect(said).toEqual([
      'Predmet KC-1999-000001 nije pronađen.',
      'Предмет KC-1999-000001 није пронађен.',
      'Case KC-1999-000001 was not found.',
    ]);
  });

  it('names the rail and the panes in Serbian Latin and English', () => {
    const keys = ['navigation', 'views', 'work', 'admin', 'backToList', 'caseDetails', 'backToCase'] as const;
    setLang('sr-Latn');
    expect(keys.map((k) => tx(k))).toEqual([
      'Navigacija',
      'Pregledi',
      'Rad',
      'Upravljanje',
      'Nazad na listu',
      'Podaci o predmetu',
      'Nazad na razgovor',
    ]);
    setLang('en');
    expect(keys.map((k) => tx(k))).toEqual([
      'Navigation',
      'Views',
      'Work',
      'Administration',
      'Back to the list',
      'Case details',
      'Back to the conversation',
    ]);
  });
});
