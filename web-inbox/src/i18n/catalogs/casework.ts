import type { Strings } from '../strings.ts';

/** Case work: urgency alerts and service levels. */
export const en = {
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

export const srLatn: Strings<typeof en> = {
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

/** Serbian Cyrillic is transliterated from srLatn throughout. */
export const srCyrl: Partial<Strings<typeof en>> = {};
