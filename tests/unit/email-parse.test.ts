import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { syntheticMessageId } from '../../connectors/email/mail-headers.ts';
import { mailToEnvelope } from '../../connectors/email/mail-to-envelope.ts';
import { encode, encodedWord, mail } from '../fixtures/email/mime.ts';

const stored = new Map<string, Buffer>();
const opts = {
  mailbox: 'centar',
  maxAttachmentBytes: 1024,
  maxRawBytes: 1_000_000,
  receivedAt: new Date('2026-11-28T10:00:00Z'),
  store: async (bytes: Buffer) => {
    const key = createHash('sha256').update(bytes).digest('hex');
    stored.set(key, bytes);
    return key;
  },
};
const parse = (raw: Buffer | string) => mailToEnvelope(Buffer.isBuffer(raw) ? raw : Buffer.from(raw), opts);

const CYR = 'Здраво, моје дете добија претње — Ђорђе, Љубица, Његош, Џон, ћуфте';
const LAT = 'Zdravo, moje dete dobija pretnje — Đorđe, Ljubica, Njegoš, Džon, ćufte, Čačak, Šabac, Žabalj';
const RUS = 'Здравствуйте, мой ребёнок получает угрозы';

describe('e-mail parsing: the charsets people here really use', () => {
  it.each([
    ['utf-8', CYR, 'base64'],
    ['utf-8', LAT, 'quoted-printable'],
    ['windows-1251', CYR, '8bit'],
    ['windows-1251', CYR, 'quoted-printable'],
    ['iso-8859-5', CYR.replace(/[—]/g, '-'), 'base64'],
    ['koi8-r', RUS, '8bit'],
    ['windows-1250', LAT.replace(/[—]/g, '-'), 'quoted-printable'],
    ['iso-8859-2', LAT.replace(/[—]/g, '-'), '8bit'],
    ['windows-1252', 'Café, naïve, Zürich — “quoted”', 'quoted-printable'],
  ] as const)('%s body (%s…, %s) decodes exactly', async (charset, text, cte) => {
    const env = await parse(mail({ charset, body: text, cte }));
    expect(env.message.text.trim()).toBe(text);
  });

  it('decodes encoded-word subjects in several charsets and keeps the case reference for threading', async () => {
    const subject = `${encodedWord('Pretnje na Instagramu — ', 'utf-8')} ${encodedWord('Ђорђе', 'windows-1251')} [KC-2026-000123]`;
    const env = await parse(mail({ subject }));
    expect(env.message.subject).toBe('Pretnje na Instagramu — Ђорђе [KC-2026-000123]');
    const qSubject = '=?ISO-8859-2?Q?=A9abac_i_=C8a=E8ak?=';
    expect((await parse(mail({ subject: qSubject }))).message.subject).toBe('Šabac i Čačak');
  });

  it('decodes attachment file names (RFC 2231 and encoded-word) and quarantines the bytes with sha256', async () => {
    const b = 'MIX-1';
    const pdf = Buffer.from('%PDF-1.4 test');
    const raw = [
      'From: a@example.rs',
      'To: centar@test.rs',
      'Subject: prilozi',
      'Message-ID: <att@example.rs>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Vidi prilog',
      `--${b}`,
      'Content-Type: application/pdf',
      "Content-Disposition: attachment; filename*=utf-8''%D0%BF%D1%80%D0%B5%D1%82%D1%9A%D0%B5%20%C5%A1ifra.pdf",
      'Content-Transfer-Encoding: base64',
      '',
      pdf.toString('base64'),
      `--${b}`,
      'Content-Type: image/png',
      `Content-Disposition: attachment; filename="${encodedWord('snimak ekrana ćirilica Ђ.png', 'utf-8')}"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.alloc(2048, 1).toString('base64'),
      `--${b}--`,
      '',
    ].join('\r\n');
    const env = await parse(raw);
    const [first, second] = env.message.attachments ?? [];
    expect(first).toMatchObject({ fileName: 'претње šifra.pdf', contentType: 'application/pdf', size: pdf.length });
    expect(first?.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(stored.get(first?.sha256 ?? '')?.equals(pdf)).toBe(true);
    // Over the cap: recorded, withheld, the message still arrives.
    expect(second).toMatchObject({ fileName: 'snimak ekrana ćirilica Ђ.png', size: 2048, withheldReason: 'too_large' });
    expect(second?.storageKey).toBeUndefined();
    expect(env.message.text.trim()).toBe('Vidi prilog');
  });

  it('sanitises HTML: no scripts, handlers, remote images or styles; text kept', async () => {
    const env = await parse(
      mail({
        body: 'tekst',
        html: '<div onclick="x()">Zdravo <b>svete</b><script>alert(1)</script><img src="https://tracker.example/p.gif"><img src="cid:logo@x" alt="logo"><a href="javascript:alert(1)">klik</a><a href="https://ok.example">ok</a><style>body{}</style><iframe src="https://x"></iframe></div>',
      }),
    );
    const html = env.message.html ?? '';
    expect(html).toContain('<b>svete</b>');
    expect(html).not.toMatch(/script|onclick|iframe|style|tracker\.example|javascript:/i);
    expect(html).toContain('[slika u prilogu: logo]');
    expect(html).toContain('href="https://ok.example"');
  });

  it('threads by In-Reply-To and References, and gives mail without a Message-ID a stable id', async () => {
    const env = await parse(mail({ inReplyTo: '<our-1@kontakt.test>', references: '<a@x> <our-1@kontakt.test>' }));
    expect(env.thread.replyTo).toEqual(['<our-1@kontakt.test>', '<a@x>', '<our-1@kontakt.test>']);
    const raw = mail({ messageId: null, date: 'Sat, 28 Nov 2026 10:00:00 +0000' });
    const a = await parse(raw);
    const b = await parse(raw);
    expect(a.externalId).toBe(b.externalId);
    expect(a.externalId).toBe(syntheticMessageId(raw));
  });

  it('flags auto-replies and mailing-list mail so they are never answered automatically', async () => {
    for (const header of [
      'Auto-Submitted: auto-replied',
      'X-Autoreply: yes',
      'Precedence: bulk',
      'List-Id: <x.lists.example>',
      'X-Loop: a@b',
      'List-Unsubscribe: <mailto:u@x>',
    ]) {
      const env = await parse(mail({ headers: [header] }));
      expect(env.message.flags, header).toEqual(['auto_reply']);
      expect(env.thread.newCase.consent).toBe(false);
    }
    expect((await parse(mail({ headers: ['Auto-Submitted: no'] }))).message.flags).toBeUndefined();
  });

  it('turns a delivery-status report into a failure of our message, not a new reporter', async () => {
    const b = 'DSN-1';
    const raw = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.rs>',
      'To: centar@test.rs',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@mx.example.rs>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      `--${b}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.rs',
      '',
      'Final-Recipient: rfc822; nepostoji@example.rs',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      `--${b}`,
      'Content-Type: text/rfc822-headers',
      '',
      'From: centar@test.rs',
      'To: nepostoji@example.rs',
      'Message-ID: <kontakt.abc@test.rs>',
      'Subject: Re: Pitanje [KC-2026-000001]',
      `--${b}--`,
      '',
    ].join('\r\n');
    const env = await parse(raw);
    expect(env.sender).toBeUndefined();
    expect(env.message.flags).toEqual(['bounce']);
    expect(env.thread.replyTo?.[0]).toBe('<kontakt.abc@test.rs>');
    expect(env.effects).toEqual([
      expect.objectContaining({
        kind: 'delivery',
        target: '<kontakt.abc@test.rs>',
        status: 'failed',
        error: '5.1.1 550 5.1.1 User unknown',
      }),
    ]);
  });

  it('ingests broken mail with what can be read', async () => {
    const cases: [string, Buffer][] = [
      ['no From, no headers at all', Buffer.from('just some text\r\n')],
      ['zero bytes', Buffer.alloc(0)],
      [
        'malformed boundary',
        Buffer.from(
          'From: a@b.rs\r\nContent-Type: multipart/mixed; boundary="NOPE"\r\n\r\n--WRONG\r\nContent-Type: text/plain\r\n\r\nhello\r\n--WRONG--\r\n',
        ),
      ],
      ['huge header', Buffer.from(`From: a@b.rs\r\nX-Junk: ${'x'.repeat(200_000)}\r\nSubject: big\r\n\r\nbody\r\n`)],
      [
        'nested message/rfc822',
        Buffer.from(
          'From: a@b.rs\r\nContent-Type: message/rfc822\r\n\r\nFrom: inner@b.rs\r\nSubject: inner\r\n\r\ninner body\r\n',
        ),
      ],
      [
        'TNEF',
        Buffer.from(
          'From: a@b.rs\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nsee winmail\r\n--B\r\nContent-Type: application/ms-tnef; name="winmail.dat"\r\nContent-Transfer-Encoding: base64\r\n\r\neJ8+IgAAAQ==\r\n--B--\r\n',
        ),
      ],
      [
        'invalid charset label',
        Buffer.from('From: a@b.rs\r\nContent-Type: text/plain; charset="x-unknown-42"\r\n\r\nplain ascii\r\n'),
      ],
      ['binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ];
    for (const [name, raw] of cases) {
      const env = await parse(raw);
      expect(env.externalId, name).toMatch(/^<.+>$/);
      expect(typeof env.message.text, name).toBe('string');
    }
    const tnef = await parse(cases[5]?.[1] ?? Buffer.alloc(0));
    expect(tnef.message.attachments?.[0]).toMatchObject({
      fileName: 'winmail.dat',
      contentType: 'application/ms-tnef',
    });
  });

  it('keeps the raw source in quarantine storage', async () => {
    const raw = mail({ body: 'original' });
    const env = await parse(raw);
    const key = env.message.fields?.rawSha256 as string;
    expect(stored.get(key)?.equals(raw)).toBe(true);
    expect(encode('Ђ', 'windows-1251')).toEqual(Buffer.from([0x80]));
  });
});
