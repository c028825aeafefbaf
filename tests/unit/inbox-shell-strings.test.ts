import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLang, t } from '../../web-inbox/src/i18n/index.ts';

/** The app shell's words (rail, panes, a link to an unknown case) come from the inbox's one translator, under 'inbox.'. */
describe('app shell strings in the inbox translator', () => {
  beforeAll(() => vi.stubGlobal('document', { documentElement: {} }));
  afterAll(() => {
    setLang('sr-Latn');
    vi.unstubAllGlobals();
  });

  it('says an unknown linked case in each language, with its reference', () => {
    const said = (['sr-Latn', 'sr-Cyrl', 'en'] as const).map((l) => {
      setLang(l);
      return t('inbox.caseNotFound', { reference: 'KC-1999-000001' });
    });
    expect(said).toEqual([
      'Predmet KC-1999-000001 nije pronađen.',
      'Предмет KC-1999-000001 није пронађен.',
      'Case KC-1999-000001 was not found.',
    ]);
  });

  it('names the rail and the panes in Serbian Latin and English', () => {
    const keys = [
      'inbox.navigation',
      'inbox.views',
      'inbox.work',
      'inbox.admin',
      'inbox.backToList',
      'inbox.caseDetails',
      'inbox.backToCase',
    ] as const;
    setLang('sr-Latn');
    expect(keys.map((k) => t(k))).toEqual([
      'Navigacija',
      'Pregledi',
      'Rad',
      'Upravljanje',
      'Nazad na listu',
      'Podaci o predmetu',
      'Nazad na razgovor',
    ]);
    setLang('en');
    expect(keys.map((k) => t(k))).toEqual([
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
