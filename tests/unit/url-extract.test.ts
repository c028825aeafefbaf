import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InboundEnvelope } from '../../connectors/contract.ts';
import { mailToEnvelope } from '../../connectors/email/mail-to-envelope.ts';
import { pageFinder } from '../../connectors/meta/meta-page.ts';
import { webhookSchema } from '../../connectors/meta/webhook.schema.ts';
import { mapWebhook } from '../../connectors/meta/webhook-mapper.ts';
import { callEnvelope } from '../../connectors/phone/call-envelope.ts';
import type { CallRecord } from '../../connectors/phone/call-record.ts';
import { parseReportSubmission, reportToEnvelope } from '../../connectors/web-form/report-submission.ts';
import { extractUrls, htmlLinkText, refang } from '../../src/domain/url-extract.ts';
import { normaliseUrl } from '../../src/domain/url-normalise.ts';
import { DEFAULT_PLATFORMS, platformOf } from '../../src/domain/url-platforms.ts';
import { type ScannableMessage, urlsOfMessage } from '../../src/domain/url-sources.ts';
import { mail } from '../fixtures/email/mime.ts';
import * as P from '../fixtures/meta/payloads.ts';

const urls = (text: string) => extractUrls(text).map((u) => u.url);

describe('links found in what people write', () => {
  it.each([
    // Trailing punctuation belongs to the sentence.
    ['Pogledaj https://example.com/a.', ['https://example.com/a']],
    [
      'Vidi https://example.com/a, pa https://example.com/b; i https://example.com/c!',
      ['https://example.com/a', 'https://example.com/b', 'https://example.com/c'],
    ],
    ['Da li je ovo ok: https://example.com/x?…', ['https://example.com/x']],
    [
      '"https://example.com/q" i «https://example.com/r» i „https://example.com/s“',
      ['https://example.com/q', 'https://example.com/r', 'https://example.com/s'],
    ],
    // Brackets: the link's own stay, the sentence's go.
    ['(vidi https://example.com/a)', ['https://example.com/a']],
    ['https://en.wikipedia.org/wiki/Foo_(bar)', ['https://en.wikipedia.org/wiki/Foo_(bar)']],
    [
      '[link](https://example.com/md) i <https://example.com/angle>',
      ['https://example.com/md', 'https://example.com/angle'],
    ],
    // Cyrillic around and inside links.
    ['Погледај https://example.com/профил, молим вас', ['https://example.com/%D0%BF%D1%80%D0%BE%D1%84%D0%B8%D0%BB']],
    ['линк:https://t.me/kanal—хитно', ['https://t.me/kanal%E2%80%94%D1%85%D0%B8%D1%82%D0%BD%D0%BE']],
    ['Ево га tiktok.com/@ime123 на тиктоку', ['https://tiktok.com/@ime123']],
    // IDN hosts become punycode.
    ['Сајт https://пример.срб/ и пример.срб', ['https://xn--e1afmkfd.xn--90a3ac/']],
    ['https://bücher.de/x', ['https://xn--bcher-kva.de/x']],
    // Defanged forms.
    ['hxxp://example[.]com/a', ['http://example.com/a']],
    ['hXXps[:]//bad(.)site/x', ['https://bad.site/x']],
    ['https[://]bad[dot]site/y', ['https://bad.site/y']],
    ['example [.] com/z', ['https://example.com/z']],
    ['example\\.com/esc', ['https://example.com/esc']],
    ['piši na tiktok dot com/@neko', ['https://tiktok.com/@neko']],
    ['www dot primer dot rs', ['https://www.primer.rs/']],
    ['nasty dot com', ['https://nasty.com/']],
    ['sajt zloba tačka rs', ['https://zloba.rs/']],
    // Without a scheme.
    [
      'www.example.com/x i discord.gg/abc i youtu.be/xyz',
      ['https://www.example.com/x', 'https://discord.gg/abc', 'https://youtu.be/xyz'],
    ],
    ['kanal je t.me/zlikovci.', ['https://t.me/zlikovci']],
    ['neki.onion/stranica', ['https://neki.onion/stranica']],
  ] as const)('%s', (text, expected) => {
    expect(urls(text)).toEqual(expected);
  });

  it.each([
    ['the dot com era', 'an ordinary word before "dot"'],
    ['to je on dot com', 'a Serbian word before "dot"'],
    ['piši na ana@gmail.com ili marko.rs@example.com', 'e-mail addresses'],
    ['rekao je.To nije tačno', 'a sentence run together'],
    ['slika.jpg, index.html, skripta.js', 'file names'],
    ['verzija 1.2.3 i 10.5 dinara', 'numbers'],
    ['mailto:ana@example.com javascript:alert(1) ftp://example.com/x', 'other schemes'],
    ['https:// i http://localhost/x', 'no host, or a host without a domain'],
  ])('finds nothing in %s (%s)', (text) => {
    expect(urls(text)).toEqual([]);
  });

  it('reads the same link in five forms as one', () => {
    const forms = [
      'https://www.TikTok.com/@zlostavljac?utm_source=ig&lang=sr#video',
      'hxxps://tiktok[.]com/@zlostavljac?lang=sr&fbclid=IwAR0abc',
      'tiktok.com/@zlostavljac?lang=sr',
      'https://tiktok.com:443/@zlostavljac?lang=sr&_t=8abc&is_from_webapp=1',
      'tiktok dot com/@zlostavljac?lang=sr&igshid=xyz',
    ];
    const keys = forms.map((f) => extractUrls(f).map((u) => u.key));
    expect(new Set(keys.flat())).toEqual(new Set(['tiktok.com/@zlostavljac?lang=sr']));
    expect(keys.every((k) => k.length === 1)).toBe(true);
  });

  it('normalises: host, port, fragment, credentials and tracking go; path, order and encoding of the rest stay', () => {
    expect(normaliseUrl('HTTP://User:Pw@Example.COM.:80/A/b%20c?z=1&utm_campaign=x&a=%C5%A1&gclid=9#frag')).toEqual({
      url: 'http://example.com/A/b%20c?z=1&a=%C5%A1',
      key: 'example.com/A/b%20c?z=1&a=%C5%A1',
      host: 'example.com',
    });
    expect(normaliseUrl('https://example.com:8443/x')?.url).toBe('https://example.com:8443/x');
    expect(normaliseUrl('https://www.youtube.com/watch?v=abc&si=track&t=5')?.url).toBe(
      'https://www.youtube.com/watch?v=abc&t=5',
    );
    // `si` is tracking on YouTube only.
    expect(normaliseUrl('https://example.com/?si=1')?.url).toBe('https://example.com/?si=1');
    expect(normaliseUrl('http://192.0.2.7/x')?.host).toBe('192.0.2.7');
    expect(normaliseUrl('https://exa mple.com')).toBeNull();
  });

  // Whatever a stranger sends is read: a pattern that backtracks over a long run would hold the
  // worker for minutes on one message ("a dot " 16,000 times took 100 s before it was fixed).
  it.each([
    ['spaces', `${' '.repeat(100_000)}[x`],
    ['a chain of dots with no ending', 'a dot '.repeat(16_000)],
    ['brackets', '[ '.repeat(50_000)],
    ['one long word before dot', `${'a'.repeat(100_000)}! dot com`],
    ['labels', `${'a'.repeat(62)}.`.repeat(1_500)],
    ['a link closed a thousand times', `http://x.com/${')'.repeat(100_000)}`],
    ['entities', `&${'a'.repeat(100_000)}`],
  ])('reads a 100,000-character text of %s in one pass', (_name, text) => {
    expect(extractUrls(text)).toEqual([]);
    expect(htmlLinkText(text)).toBe(text);
  });

  it('refang leaves ordinary text alone', () => {
    expect(refang('Dobar dan, pišem zbog svog deteta.')).toBe('Dobar dan, pišem zbog svog deteta.');
  });
});

const scannable = (env: InboundEnvelope): ScannableMessage => ({
  channel: env.channel,
  direction: env.message.direction ?? 'inbound',
  text: env.message.text,
  html: env.message.html ?? null,
  subject: env.message.subject ?? null,
  fields: env.message.fields ?? null,
  flags: env.message.flags ?? null,
});
const found = (env: InboundEnvelope) => urlsOfMessage(scannable(env)).map((u) => u.url);

describe('links of a message from every channel', () => {
  it('the web form: the link fields and the description', () => {
    const parsed = parseReportSubmission(
      {
        description: 'Profil koji uznemirava: instagram[.]com/nasilnik',
        urls: ['https://www.facebook.com/profile.php?id=123&fbclid=x'],
      },
      { categories: [], language: () => 'sr-Latn' },
    );
    if (!parsed.ok) throw new Error('form refused');
    const env = reportToEnvelope(parsed.value, {
      submissionId: 's-1',
      reference: 'KC-2026-000001',
      receiptHash: 'h',
      receivedAt: new Date(),
    });
    expect(found(env)).toEqual(['https://www.facebook.com/profile.php?id=123', 'https://instagram.com/nasilnik']);
  });

  it('e-mail: text, subject and the HTML part’s link targets; never a bounce', async () => {
    const opts = {
      mailbox: 'centar',
      maxAttachmentBytes: 1024,
      maxRawBytes: 1_000_000,
      receivedAt: new Date(),
      store: async (b: Buffer) => createHash('sha256').update(b).digest('hex'),
    };
    const env = await mailToEnvelope(
      mail({
        subject: 'Prijava: discord.gg/losagrupa',
        body: 'Pogledajte hxxps://bad[.]site/galerija',
        html: '<p>Pogledajte <a href="https://hidden.example.org/x?a=1&amp;b=2&amp;utm_source=mail">ovde</a></p>',
      }),
      opts,
    );
    expect(found(env).sort()).toEqual(
      ['https://bad.site/galerija', 'https://discord.gg/losagrupa', 'https://hidden.example.org/x?a=1&b=2'].sort(),
    );
    expect(found({ ...env, message: { ...env.message, flags: ['bounce'] } })).toEqual([]);
  });

  it('Facebook and Instagram: the text, not Meta’s media links', () => {
    const findPage = pageFinder([
      { pageId: P.PAGE_ID, accessToken: 't', instagramId: P.IG_ID, humanAgent: false, comments: false },
    ]);
    const payload = webhook([
      P.textMessage('psid-1', 'mid-1', 'Ево линка: https://t.me/losikanal, хитно!'),
      P.attachmentMessage('psid-1', 'mid-2', [
        { type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/v/1.jpg' } },
      ]),
      P.echo('psid-1', 'mid-3', 'Hvala, pogledaćemo https://centar.example.rs/saveti'),
    ]);
    const envs = mapWebhook(webhookSchema.parse(payload), { receivedAt: new Date(), findPage }).envelopes;
    expect(envs.map((e) => (e.type === 'update' ? [] : found(e)))).toEqual([['https://t.me/losikanal'], [], []]);
  });

  it('phone: the notes and transcript of a call, not the recording', () => {
    const call: CallRecord = {
      callId: 'c-1',
      line: '19833',
      from: '+381641234567',
      to: '19833',
      direction: 'inbound',
      startedAt: '2026-03-02T09:00:00.000Z',
      answeredAt: '2026-03-02T09:00:05.000Z',
      endedAt: '2026-03-02T09:03:25.000Z',
      durationSec: 200,
      outcome: 'answered',
      agent: '101',
      recordingUrl: 'https://pbx.example.rs/rec/c-1.wav',
      transcript: 'rekao je da je snimak na youtube dot com/watch?v=abc',
      updatedAt: null,
    };
    const env = callEnvelope(
      {
        call,
        source: 'manual',
        version: 1,
        manual: { category: null, notes: 'Dete pominje vk.com/zlo', loggedBy: 'u' },
      },
      { thread: {}, lang: 'sr-Latn', receivedAt: new Date() },
    );
    expect(found(env).sort()).toEqual(['https://youtube.com/watch?v=abc', 'https://vk.com/zlo'].sort());
  });
});

function webhook(events: Record<string, unknown>[]) {
  return P.webhook('page', P.pageEntry(...events));
}

describe('platforms by host', () => {
  const list = DEFAULT_PLATFORMS.map((p) => ({ ...p, retiredAt: null }));
  it.each([
    ['m.facebook.com', 'facebook'],
    ['www.instagram.com', 'instagram'],
    ['vm.tiktok.com', 'tiktok'],
    ['youtu.be', 'youtube'],
    ['x.com', 'x'],
    ['t.me', 'telegram'],
    ['discord.gg', 'discord'],
    ['i.imgur.com', 'imgur'],
    ['notfacebook.com', null],
    ['example.rs', null],
  ])('%s → %s', (host, code) => {
    expect(platformOf(host, list)).toBe(code);
  });

  it('a retired platform is no longer recognised; the longest listed domain wins', () => {
    expect(
      platformOf(
        't.me',
        list.map((p) => (p.code === 'telegram' ? { ...p, retiredAt: 'x' } : p)),
      ),
    ).toBeNull();
    expect(platformOf('invite.viber.com', [...list, { code: 'viber2', hosts: ['viber.com'], retiredAt: null }])).toBe(
      'viber',
    );
  });
});
