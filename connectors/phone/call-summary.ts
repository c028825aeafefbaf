import type { CallRecord } from './call-record.ts';
import { callState } from './call-state.ts';

export const SUMMARY_LANGS = ['sr-Latn', 'sr-Cyrl', 'en'] as const;
export type SummaryLang = (typeof SUMMARY_LANGS)[number];

type Key =
  | 'inbound'
  | 'outbound'
  | 'withheld'
  | 'manual'
  | 'ringing'
  | 'inProgress'
  | 'answered'
  | 'missed'
  | 'notAnswered'
  | 'abandoned'
  | 'voicemail'
  | 'agent'
  | 'line'
  | 'minutes'
  | 'seconds'
  | 'transcript'
  | 'notes';

/** The inbox shows the call's text as written here; the structured fields travel beside it. */
const LABELS: Record<SummaryLang, Record<Key, string>> = {
  'sr-Latn': {
    inbound: 'Dolazni poziv',
    outbound: 'Odlazni poziv',
    withheld: 'skriven broj',
    manual: 'zabeležen ručno',
    ringing: 'zvoni',
    inProgress: 'u toku',
    answered: 'odgovoren',
    missed: 'propušten',
    notAnswered: 'bez odgovora',
    abandoned: 'prekinut pre javljanja',
    voicemail: 'govorna pošta',
    agent: 'savetnik',
    line: 'linija',
    minutes: 'min',
    seconds: 's',
    transcript: 'Transkript govorne poruke',
    notes: 'Beleška',
  },
  'sr-Cyrl': {
    inbound: 'Долазни позив',
    outbound: 'Одлазни позив',
    withheld: 'скривен број',
    manual: 'забележен ручно',
    ringing: 'звони',
    inProgress: 'у току',
    answered: 'одговорен',
    missed: 'пропуштен',
    notAnswered: 'без одговора',
    abandoned: 'прекинут пре јављања',
    voicemail: 'говорна пошта',
    agent: 'саветник',
    line: 'линија',
    minutes: 'мин',
    seconds: 'с',
    transcript: 'Транскрипт говорне поруке',
    notes: 'Белешка',
  },
  en: {
    inbound: 'Incoming call',
    outbound: 'Outgoing call',
    withheld: 'number withheld',
    manual: 'logged manually',
    ringing: 'ringing',
    inProgress: 'in progress',
    answered: 'answered',
    missed: 'missed',
    notAnswered: 'not answered',
    abandoned: 'abandoned before answer',
    voicemail: 'voicemail',
    agent: 'counselor',
    line: 'line',
    minutes: 'min',
    seconds: 's',
    transcript: 'Voicemail transcript',
    notes: 'Notes',
  },
};

function formatDuration(sec: number, lang: SummaryLang): string {
  const l = LABELS[lang];
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  return m > 0 ? `${m} ${l.minutes} ${s} ${l.seconds}` : `${s} ${l.seconds}`;
}

/**
 * One readable line about the call (direction, outcome, duration, counselor, line), then the
 * voicemail transcript and the counselor's notes when there are any. No phone number: the number
 * is in the message fields and the contact, shown only to signed-in counselors.
 */
export function callSummary(
  call: CallRecord,
  lang: SummaryLang,
  extra: { manual?: boolean; notes?: string | null } = {},
): string {
  const l = LABELS[lang];
  const inbound = call.direction === 'inbound';
  const number = inbound ? call.from : call.to;
  const head = `${inbound ? l.inbound : l.outbound}${number ? '' : ` (${l.withheld})`}`;
  const parts = [head];
  if (extra.manual) parts.push(l.manual);
  const state = callState(call);
  if (state === 'ringing') parts.push(l.ringing);
  else if (state === 'answered') parts.push(l.inProgress);
  else if (call.outcome === 'missed') parts.push(inbound ? l.missed : l.notAnswered);
  else if (call.outcome) parts.push(l[call.outcome]);
  if (call.durationSec !== null && call.durationSec > 0) parts.push(formatDuration(call.durationSec, lang));
  if (call.agent) parts.push(`${l.agent} ${call.agent}`);
  parts.push(`${l.line} ${call.line}`);
  let text = parts.join(' · ');
  if (call.transcript) text += `\n\n${l.transcript}:\n${call.transcript}`;
  if (extra.notes) text += `\n\n${l.notes}:\n${extra.notes}`;
  return text;
}
