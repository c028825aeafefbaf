import type { Strings } from '../strings.ts';

/** The category screen. */
export const en = {
  openTaxonomy: 'Categories',
  taxonomyTitle: 'Case categories',
  taxonomyIntro:
    'Codes never change. A retired category stays on old cases and in the statistics, but is not offered for new ones.',
  code: 'Code',
  labelLatn: 'Name (Serbian Latin)',
  labelCyrl: 'Name (Serbian Cyrillic)',
  labelEn: 'Name (English)',
  state: 'State',
  active: 'In use',
  retired: 'Retired',
  retiredSuffix: '{label} (retired)',
  save: 'Save names',
  retire: 'Retire',
  restore: 'Restore',
  addTitle: 'New category',
  add: 'Add category',
  codeHint: 'Lower-case letters, digits and _, starting with a letter; it never changes.',
  cyrlHint: 'Empty: transliterated from the Latin name.',
  saved: 'Saved.',
  failed: 'Not saved: {reason}',
  loadFailed: 'The categories could not be loaded.',
  loading: 'Loading…',
};

export const srLatn: Strings<typeof en> = {
  openTaxonomy: 'Kategorije',
  taxonomyTitle: 'Kategorije predmeta',
  taxonomyIntro:
    'Šifre se ne menjaju. Povučena kategorija ostaje na starim predmetima i u statistici, ali se ne nudi za nove.',
  code: 'Šifra',
  labelLatn: 'Naziv (latinica)',
  labelCyrl: 'Naziv (ćirilica)',
  labelEn: 'Naziv (engleski)',
  state: 'Stanje',
  active: 'U upotrebi',
  retired: 'Povučena',
  retiredSuffix: '{label} (povučena)',
  save: 'Sačuvaj nazive',
  retire: 'Povuci',
  restore: 'Vrati u upotrebu',
  addTitle: 'Nova kategorija',
  add: 'Dodaj kategoriju',
  codeHint: 'Mala slova, cifre i _, počinje slovom; kasnije se ne menja.',
  cyrlHint: 'Prazno: preslovljava se iz latinice.',
  saved: 'Sačuvano.',
  failed: 'Nije sačuvano: {reason}',
  loadFailed: 'Kategorije nisu učitane.',
  loading: 'Učitavanje…',
};

/** Serbian Cyrillic is transliterated from srLatn throughout. */
export const srCyrl: Partial<Strings<typeof en>> = {};
