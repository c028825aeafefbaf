import type { Strings } from '../strings.ts';

/** The channel health banner. */
export const en = {
  title: 'Channels not working:',
  since: 'since {time}',
  channel_email: 'E-mail (receiving)',
  channel_smtp: 'E-mail (sending) {name}',
  channel_meta: '{brand} page {name}',
  channel_other: 'Channel {name}',
  reason_connection: 'server unreachable',
  reason_auth: 'sign-in refused',
  reason_temporary: 'refusing for now',
  'reason_imap-down': 'mailbox not connected',
  'reason_token-refused': 'token refused, needs re-authorisation',
  reason_timeout: 'not answering',
  reason_failing: 'not working',
  recovers: 'It is retried automatically.',
};

export const srLatn: Strings<typeof en> = {
  title: 'Kanali koji ne rade:',
  since: 'od {time}',
  channel_email: 'E-pošta (prijem)',
  channel_smtp: 'E-pošta (slanje) {name}',
  channel_meta: '{brand} stranica {name}',
  channel_other: 'Kanal {name}',
  reason_connection: 'server nije dostupan',
  reason_auth: 'prijava odbijena',
  reason_temporary: 'privremeno odbija',
  'reason_imap-down': 'sanduče nije povezano',
  'reason_token-refused': 'token odbijen, potrebna ponovna autorizacija',
  reason_timeout: 'ne odgovara',
  reason_failing: 'ne radi',
  recovers: 'Pokušava se ponovo samo od sebe.',
};

/** Serbian Cyrillic is transliterated from srLatn throughout. */
export const srCyrl: Partial<Strings<typeof en>> = {};
