import { latinToCyrillic as toCyrillic } from '../../src/i18n/translit.ts';
import { lang } from './i18n.ts';

/** Strings of the channel health banner; Cyrillic is transliterated. */
const srLatn = {
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

type Key = keyof typeof srLatn;

const en: Record<Key, string> = {
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

const cyrl = Object.fromEntries(Object.entries(srLatn).map(([k, v]) => [k, toCyrillic(v)])) as Record<Key, string>;

export function th(key: Key, vars: Record<string, string | number> = {}): string {
  const dict = lang() === 'en' ? en : lang() === 'sr-Cyrl' ? cyrl : srLatn;
  return dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars[name] === undefined ? m : String(vars[name])));
}

/** "smtp:default" → "E-mail (sending) default" */
export function channelLabel(probe: string): string {
  if (probe === 'email') return th('channel_email');
  const [kind, ...rest] = probe.split(':');
  const name = rest.join(':');
  if (kind === 'smtp') return th('channel_smtp', { name });
  // The brand names stay as the brands write them, in every script.
  if (kind === 'meta') return th('channel_meta', { name, brand: 'Facebook/Instagram' });
  return th('channel_other', { name: probe });
}

export function reasonLabel(code: string | null): string {
  const key = `reason_${code ?? 'failing'}`;
  return key in srLatn ? th(key as Key) : th('reason_failing');
}
