import { latinToCyrillic as toCyrillic } from '../../src/i18n/translit.ts';
import { lang } from './i18n.ts';

/** Strings of case work (urgency alerts, service levels); Cyrillic is transliterated from Latin. */
const srLatn = {
  urgentTitle: 'Hitan predmet',
  urgentBody: '{reference} — {rules}',
  urgentOpen: 'Otvori predmet',
  urgentDismiss: 'Zatvori obaveštenje',
  rule_csam: 'materijal seksualnog zlostavljanja dece',
  rule_self_harm: 'samopovređivanje ili samoubistvo',
  rule_threat: 'pretnje',
  rule_meeting_adult: 'susret sa odraslom osobom sa interneta',
  rule_sextortion: 'seksualna ucena',
  rule_known_hash: 'poznati materijal zlostavljanja (heš)',
  slaDue: 'Odgovor za {time}',
  slaOverdue: 'Kasni {time}',
  slaAnswered: 'Odgovoreno',
  slaFirstResponse: 'Prvi odgovor',
  timeToFirstResponse: 'Do prvog odgovora',
  timeToClose: 'Do zatvaranja',
  notYet: 'još nije',
};

type Key = keyof typeof srLatn;

const en: Record<Key, string> = {
  urgentTitle: 'Urgent case',
  urgentBody: '{reference} — {rules}',
  urgentOpen: 'Open case',
  urgentDismiss: 'Dismiss alert',
  rule_csam: 'child sexual abuse material',
  rule_self_harm: 'self-harm or suicide',
  rule_threat: 'threats',
  rule_meeting_adult: 'meeting an adult met online',
  rule_sextortion: 'sextortion',
  rule_known_hash: 'known abuse material (hash match)',
  slaDue: 'Answer within {time}',
  slaOverdue: 'Overdue by {time}',
  slaAnswered: 'Answered',
  slaFirstResponse: 'First response',
  timeToFirstResponse: 'Time to first response',
  timeToClose: 'Time to close',
  notYet: 'not yet',
};

const cyrl = Object.fromEntries(Object.entries(srLatn).map(([k, v]) => [k, toCyrillic(v)])) as Record<Key, string>;

export function tc(key: Key, vars: Record<string, string | number> = {}): string {
  const dict = lang() === 'en' ? en : lang() === 'sr-Cyrl' ? cyrl : srLatn;
  return dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars[name] === undefined ? m : String(vars[name])));
}

/** A rule's name in the counselor's language; rules added by file show their own name. */
export function ruleLabel(rule: string): string {
  const key = `rule_${rule}`;
  return key in srLatn ? tc(key as Key) : rule;
}
