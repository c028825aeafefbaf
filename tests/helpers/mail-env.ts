import type { Dovecot } from './dovecot.ts';
import type { SmtpSink } from './smtp-sink.ts';

/**
 * A server's settings for one test mailbox: IDLE carries new mail (the periodic resync is kept out
 * of the way) and a lost connection is retried at once. With a sink, replies go out through it.
 */
export function mailboxEnv(
  dovecot: Dovecot,
  box: string,
  smtp?: SmtpSink,
  mailFrom = 'Kontakt centar <centar@test.rs>',
): Record<string, string> {
  return {
    IMAP_URL: dovecot.imapUrl(box),
    EMAIL_RESYNC_SEC: '3600',
    EMAIL_RECONNECT_MS: '100',
    ...(smtp && { SMTP_URL: smtp.url, MAIL_FROM: mailFrom }),
  };
}
