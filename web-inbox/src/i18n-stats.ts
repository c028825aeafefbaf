import { latinToCyrillic as toCyrillic } from '../../src/i18n/translit.ts';
import { lang } from './i18n.ts';

/** Strings of the statistics screen; Cyrillic is transliterated from Latin. */
const srLatn = {
  openStats: 'Statistika',
  statsTitle: 'Statistika centra',
  period: 'Period',
  from: 'Od',
  to: 'Do (uključujući)',
  show: 'Prikaži',
  thisYear: 'Ova godina',
  lastYear: 'Prošla godina',
  last30: 'Poslednjih 30 dana',
  exportCsv: 'Preuzmi CSV',
  loading: 'Učitavanje…',
  loadFailed: 'Statistika nije učitana: {reason}',
  badPeriod: 'Početak perioda mora biti pre kraja.',
  totalCases: 'Predmeta',
  inboundMessages: 'Primljenih poruka',
  cases: 'Predmeti',
  messages: 'Primljene poruke',
  byChannel: 'Predmeti i poruke po kanalu',
  byCategory: 'Predmeti po kategoriji',
  byReporterRole: 'Ko prijavljuje',
  byMonth: 'Predmeti po mesecu',
  times: 'Vreme do prvog odgovora i do zatvaranja (medijana, sati)',
  medianFirst: 'Prvi odgovor',
  medianClose: 'Zatvaranje',
  hours: 'sati',
  withinTarget: 'Odgovoreno u roku',
  overdue: 'Bez odgovora, rok prošao',
  medianFirstShort: 'Medijana do prvog odgovora',
  medianCloseShort: 'Medijana do zatvaranja',
  callbacksTile: 'Povratni pozivi: obavljeni / novi',
  referrals: 'Upućivanja po instituciji i stanju',
  ref_sent: 'Poslato, bez potvrde',
  ref_acknowledged: 'Prijem potvrđen',
  ref_answered: 'Odgovoreno',
  ref_closed: 'Zatvoreno',
  noReferrals: 'Nema upućivanja u ovom periodu.',
  none: 'Nije navedeno',
  noData: 'Nema podataka za ovaj period.',
};

type Key = keyof typeof srLatn;

const en: Record<Key, string> = {
  openStats: 'Statistics',
  statsTitle: 'Centre statistics',
  period: 'Period',
  from: 'From',
  to: 'To (inclusive)',
  show: 'Show',
  thisYear: 'This year',
  lastYear: 'Last year',
  last30: 'Last 30 days',
  exportCsv: 'Download CSV',
  loading: 'Loading…',
  loadFailed: 'The statistics could not be loaded: {reason}',
  badPeriod: 'The period must start before it ends.',
  totalCases: 'Cases',
  inboundMessages: 'Messages received',
  cases: 'Cases',
  messages: 'Messages received',
  byChannel: 'Cases and messages by channel',
  byCategory: 'Cases by category',
  byReporterRole: 'Who reported',
  byMonth: 'Cases by month',
  times: 'Time to first response and to close (median, hours)',
  medianFirst: 'First response',
  medianClose: 'Close',
  hours: 'hours',
  withinTarget: 'Answered in time',
  overdue: 'Unanswered, past due',
  medianFirstShort: 'Median to first response',
  medianCloseShort: 'Median to close',
  callbacksTile: 'Callbacks: done / new',
  referrals: 'Referrals by institution and state',
  ref_sent: 'Sent, not acknowledged',
  ref_acknowledged: 'Acknowledged',
  ref_answered: 'Answered',
  ref_closed: 'Closed',
  noReferrals: 'No referrals in this period.',
  none: 'Not given',
  noData: 'No data for this period.',
};

// A file format's name stays in Latin letters.
const cyrlOverrides: Partial<Record<Key, string>> = { exportCsv: 'Преузми CSV' };
const cyrl = Object.fromEntries(
  Object.entries(srLatn).map(([k, v]) => [k, cyrlOverrides[k as Key] ?? toCyrillic(v)]),
) as Record<Key, string>;

export function ts(key: Key, vars: Record<string, string | number> = {}): string {
  const dict = lang() === 'en' ? en : lang() === 'sr-Cyrl' ? cyrl : srLatn;
  return dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars[name] === undefined ? m : String(vars[name])));
}
