import { describe, expect, it } from 'vitest';
import { withheldMailToEnvelope } from '../../connectors/email/withheld-mail.ts';

const opts = {
  mailbox: 'bit',
  size: 30 * 1024 * 1024,
  notice: 'prevelika',
  receivedAt: new Date('2026-03-01T10:00:00Z'),
  store: async () => 'h'.repeat(64),
};

describe('a mail too large to download, from its headers alone', () => {
  it('keeps sender, subject, date, Message-ID and size, and marks it too large', async () => {
    const headers = Buffer.from(
      [
        'From: =?UTF-8?B?TWFqa2EgxJBvcsSRYQ==?= <Majka@Example.rs>',
        'To: bit@test.rs',
        'Subject: =?UTF-8?B?U25pbWFrIMWha29sZQ==?=',
        'Date: Sun, 1 Mar 2026 09:00:00 +0000',
        'Message-ID: <velika@example.rs>',
        'In-Reply-To: <nasa@kontakt.rs>',
        '',
      ].join('\r\n'),
    );
    const env = await withheldMailToEnvelope(headers, opts);
    expect(env).toMatchObject({
      externalId: '<velika@example.rs>',
      occurredAt: '2026-03-01T09:00:00.000Z',
      sender: { kind: 'email', value: 'majka@example.rs', displayName: 'Majka Đorđa' },
      thread: { replyTo: ['<nasa@kontakt.rs>'], senderAsserted: true },
      message: {
        text: 'prevelika',
        subject: 'Snimak škole',
        attachments: [],
        flags: ['too_large'],
        fields: {
          rawWithheld: 'too_large',
          headersSha256: 'h'.repeat(64),
          size: opts.size,
          messageId: '<velika@example.rs>',
          mailbox: 'bit',
        },
      },
    });
  });

  it('without a Message-ID, the same headers give the same id (exactly-once on a refetch)', async () => {
    const headers = Buffer.from('From: a@example.rs\r\nSubject: bez id\r\n\r\n');
    const a = await withheldMailToEnvelope(headers, opts);
    const b = await withheldMailToEnvelope(Buffer.from(headers), opts);
    expect(a.externalId).toMatch(/^<sha256\.[0-9a-f]{40}@kontakt\.invalid>$/);
    expect(b.externalId).toBe(a.externalId);
  });
});
