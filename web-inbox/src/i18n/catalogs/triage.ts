import type { Strings } from '../strings.ts';

/** Counselors' marks on how a case was triaged, and the supervisors' list of them. */
export const en = {
  triage: 'Triage',
  mark_should_have_been_urgent: 'Should have been urgent',
  mark_should_not_have_been_urgent: 'Should not have been urgent',
  markedByMe: 'You marked: {mark}',
  withdraw: 'Take back',
  markedBy: '{mark} — {name}, {time}',
  noMarks: 'No marks yet.',
  markHint: 'Tells supervisors where the urgency rules went wrong; the case’s words stay in the case.',
  refused: 'Not saved: {reason}',
  loadFailed: 'The marks could not be loaded: {reason}',
  // The supervisors' screen.
  openList: 'Triage marks',
  listTitle: 'Counselors’ triage marks',
  filterMark: 'Mark',
  allMarks: 'All marks',
  from: 'From',
  to: 'To',
  show: 'Show',
  count: '{mark}: {n}',
  colCase: 'Case',
  colMark: 'Mark',
  colPriority: 'Priority (then → now)',
  colWho: 'Who',
  colWhen: 'When',
  more: 'Show more',
  empty: 'No marks in this period.',
  loading: 'Loading…',
};

export const srLatn: Strings<typeof en> = {
  triage: 'Trijaža',
  mark_should_have_been_urgent: 'Trebalo je da bude hitno',
  mark_should_not_have_been_urgent: 'Nije trebalo da bude hitno',
  markedByMe: 'Vaša oznaka: {mark}',
  withdraw: 'Povuci',
  markedBy: '{mark} — {name}, {time}',
  noMarks: 'Još nema oznaka.',
  markHint: 'Govori supervizorima gde su pravila hitnosti pogrešila; tekst predmeta ostaje u predmetu.',
  refused: 'Nije sačuvano: {reason}',
  loadFailed: 'Oznake nisu učitane: {reason}',
  openList: 'Oznake trijaže',
  listTitle: 'Oznake trijaže savetnika',
  filterMark: 'Oznaka',
  allMarks: 'Sve oznake',
  from: 'Od',
  to: 'Do',
  show: 'Prikaži',
  count: '{mark}: {n}',
  colCase: 'Predmet',
  colMark: 'Oznaka',
  colPriority: 'Prioritet (tada → sada)',
  colWho: 'Ko',
  colWhen: 'Kada',
  more: 'Prikaži još',
  empty: 'Nema oznaka u ovom periodu.',
  loading: 'Učitavanje…',
};

/** Serbian Cyrillic is transliterated from srLatn throughout. */
export const srCyrl: Partial<Strings<typeof en>> = {};
