import { type Bilingual, type Lang, trilingual } from '../../i18n/messages.ts';

/**
 * What the composer shows about Meta's messaging window and refusals, keyed by the reason codes
 * the connector puts first in a failed reply's error (outside_messaging_window: …).
 */
const ENTRIES = {
  response: {
    sr: 'Prozor za odgovor je otvoren (24 sata od poslednje poruke osobe).',
    en: "The reply window is open (24 hours from the person's last message).",
  },
  human_agent: {
    sr: 'Prošlo je više od 24 sata: odgovor ide sa oznakom HUMAN_AGENT, najkasnije 7 dana posle poslednje poruke osobe.',
    en: "More than 24 hours have passed: the reply goes out with the HUMAN_AGENT tag, at most 7 days after the person's last message.",
  },
  outside_messaging_window: {
    sr: 'Odgovor nije moguć: prozor za odgovor je zatvoren. Osoba mora ponovo da piše pre nego što joj se odgovori.',
    en: 'No reply is possible: the reply window has closed. The person has to write again before they can be answered.',
  },
  never_wrote: {
    sr: 'Odgovor nije moguć: ova osoba još nije pisala stranici.',
    en: 'No reply is possible: this person has not written to the page yet.',
  },
  page_needs_reauthorisation: {
    sr: 'Meta je odbila pristupni token stranice: administrator mora ponovo da poveže stranicu.',
    en: "Meta refused the page's access token: an administrator has to reconnect the page.",
  },
  page_not_configured: {
    sr: 'Stranica kojoj je osoba pisala nije podešena u Kontaktu.',
    en: 'The page this person wrote to is not configured in Kontakt.',
  },
  no_meta_contact: {
    sr: 'Ovaj slučaj nema Facebook ili Instagram kontakt kome se može odgovoriti.',
    en: 'This case has no Facebook or Instagram contact who can be answered.',
  },
} satisfies Record<string, Bilingual>;

export type MetaMessageKey = keyof typeof ENTRIES;

// Brand names and Meta's tag keep their own spelling; Cyrillic spells the platforms phonetically.
const CYRILLIC: Partial<Record<MetaMessageKey, string>> = {
  human_agent:
    'Прошло је више од 24 сата: одговор иде са ознаком HUMAN_AGENT, најкасније 7 дана после последње поруке особе.',
  page_needs_reauthorisation: 'Мета је одбила приступни токен странице: администратор мора поново да повеже страницу.',
  no_meta_contact: 'Овај случај нема Фејсбук или Инстаграм контакт коме се може одговорити.',
};

const TABLE = trilingual<MetaMessageKey>(ENTRIES, CYRILLIC);

/** The message in all three languages, for the client to pick from. */
export function metaMessage(key: MetaMessageKey): Record<Lang, string> {
  return { 'sr-Latn': TABLE['sr-Latn'][key], 'sr-Cyrl': TABLE['sr-Cyrl'][key], en: TABLE.en[key] };
}
