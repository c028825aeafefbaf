import { describe, expect, it } from 'vitest';
import { loadEmailConfig, parseImapUrl } from '../../src/channels/email/email-config.ts';

describe('e-mail configuration', () => {
  it('is off when nothing is configured', () => {
    expect(loadEmailConfig({}, undefined)).toBeNull();
  });

  it('reads one mailbox from the environment, with percent-encoded credentials', () => {
    const cfg = loadEmailConfig(
      {
        IMAP_URL: 'imaps://bit%40example.rs:p%40ss%3Aword@mail.example.rs/Prijave',
        SMTP_URL: 'smtps://bit%40example.rs:x@mail.example.rs:465',
        MAIL_FROM: 'Kontakt <bit@example.rs>',
        EMAIL_AUTO_ACK: 'yes',
        EMAIL_MAX_ATTACHMENT_MB: '10',
      },
      undefined,
    );
    expect(cfg?.mailboxes).toEqual([
      {
        name: 'default',
        imap: {
          host: 'mail.example.rs',
          port: 993,
          secure: true,
          user: 'bit@example.rs',
          pass: 'p@ss:word',
          folder: 'Prijave',
        },
        smtpUrl: 'smtps://bit%40example.rs:x@mail.example.rs:465',
        from: 'Kontakt <bit@example.rs>',
        autoAck: true,
      },
    ]);
    expect(cfg?.maxAttachmentBytes).toBe(10 * 1024 * 1024);
  });

  it('adds the mailboxes of the channels file', () => {
    const cfg = loadEmailConfig({}, [
      { name: 'a', imapUrl: 'imap://u:p@h/INBOX' },
      { name: 'b', smtpUrl: 'smtp://h:25', mailFrom: 'b@x.rs', autoAck: true },
    ]);
    expect(cfg?.mailboxes.map((m) => [m.name, m.imap?.port, m.imap?.secure, !!m.smtpUrl, m.autoAck])).toEqual([
      ['a', 143, false, false, false],
      ['b', undefined, undefined, true, true],
    ]);
  });

  it('names what is wrong, without echoing secrets', () => {
    const bad = (env: Record<string, string>, section?: unknown) => {
      try {
        loadEmailConfig(env, section);
        return 'no error';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(bad({ IMAP_URL: 'http://u:secret@h/INBOX' })).toMatch(/IMAP URL must start with imap/);
    expect(bad({ IMAP_URL: 'http://u:secret@h/INBOX' })).not.toContain('secret');
    expect(bad({ SMTP_URL: 'smtp://h' })).toMatch(/MAIL_FROM/);
    expect(bad({ SMTP_URL: 'ftp://h' })).toMatch(/SMTP_URL/);
    expect(bad({ EMAIL_BATCH_SIZE: '0' })).toMatch(/EMAIL_BATCH_SIZE/);
    expect(bad({}, [{ name: 'x y' }])).toMatch(/CHANNELS_FILE "email"/);
    expect(bad({}, [{ name: 'a' }, { name: 'a' }])).toMatch(/configured twice/);
    expect(() => parseImapUrl('imaps://host/INBOX')).toThrow(/user name/);
  });
});
