import type { Strings } from '../strings.ts';

/** The case record (who reported, the child, place, sub-category, interventions) and the fields required to close. */
export const en = {
  record: 'Case record',
  reporterRole: 'Reporter',
  ageGroup: 'Age group',
  gender: 'Gender',
  place: 'Place',
  district: 'District',
  municipality: 'Municipality or city',
  subcategory: 'Sub-category',
  interventions: 'Interventions',
  notSet: '— not set —',
  wholeDistrict: '— whole district —',
  required: 'required before closing',
  missing: 'Before closing, still needed: {fields}',
  complete: 'Everything needed before closing is set.',
  retired: '{label} (retired)',
  listsFailed: 'The lists could not be loaded: {reason}',
  saved: 'Saved',
  closeRefused: 'The case cannot be closed yet. Still needed: {fields}',
  category: 'category',
  // The admins' screen.
  openAdmin: 'Case record',
  adminTitle: 'Fields required before closing',
  adminHint:
    'A case cannot be closed until the fields ticked here are set. The category is always required. Nothing is required on a new installation.',
  adminSave: 'Save',
  adminSaved: 'Saved.',
  adminRefused: 'Not saved: {reason}',
  adminLoadFailed: 'The settings could not be loaded: {reason}',
};

export const srLatn: Strings<typeof en> = {
  record: 'Evidencija predmeta',
  reporterRole: 'Ko prijavljuje',
  ageGroup: 'Uzrast',
  gender: 'Pol',
  place: 'Mesto',
  district: 'Okrug',
  municipality: 'Opština ili grad',
  subcategory: 'Potkategorija',
  interventions: 'Intervencije',
  notSet: '— nije upisano —',
  wholeDistrict: '— ceo okrug —',
  required: 'obavezno pre zatvaranja',
  missing: 'Pre zatvaranja još nedostaje: {fields}',
  complete: 'Upisano je sve što je potrebno za zatvaranje.',
  retired: '{label} (povučeno)',
  listsFailed: 'Spiskovi nisu učitani: {reason}',
  saved: 'Sačuvano',
  closeRefused: 'Predmet još ne može da se zatvori. Nedostaje: {fields}',
  category: 'kategorija',
  openAdmin: 'Evidencija predmeta',
  adminTitle: 'Polja obavezna pre zatvaranja',
  adminHint:
    'Predmet ne može da se zatvori dok ovde označena polja nisu upisana. Kategorija je uvek obavezna. Na novoj instalaciji ništa nije obavezno.',
  adminSave: 'Sačuvaj',
  adminSaved: 'Sačuvano.',
  adminRefused: 'Nije sačuvano: {reason}',
  adminLoadFailed: 'Podešavanja nisu učitana: {reason}',
};

/** Serbian Cyrillic is transliterated from srLatn throughout. */
export const srCyrl: Partial<Strings<typeof en>> = {};
