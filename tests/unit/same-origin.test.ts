import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originAllowed, sameOriginWrite } from '../../src/http/same-origin.ts';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('socket handshake origin', () => {
  it('without PUBLIC_URL: the Origin must name the host the request came to', () => {
    const rule = { trustProxy: false };
    expect(originAllowed(req({ host: 'inbox.example.rs', origin: 'https://inbox.example.rs' }), rule)).toBe(true);
    expect(originAllowed(req({ host: 'inbox.example.rs:8080', origin: 'http://inbox.example.rs:8080' }), rule)).toBe(
      true,
    );
    expect(originAllowed(req({ host: 'inbox.example.rs', origin: 'https://evil.example.rs' }), rule)).toBe(false);
    expect(originAllowed(req({ host: 'inbox.example.rs', origin: 'https://inbox.example.rs.evil.rs' }), rule)).toBe(
      false,
    );
    expect(originAllowed(req({ host: 'inbox.example.rs', origin: 'null' }), rule)).toBe(false);
    expect(originAllowed(req({ host: 'inbox.example.rs', origin: 'not a url' }), rule)).toBe(false);
    expect(originAllowed(req({ origin: 'https://inbox.example.rs' }), rule)).toBe(false);
    // No Origin: a same-origin XHR or not a browser (which then holds the cookie itself).
    expect(originAllowed(req({ host: 'inbox.example.rs' }), rule)).toBe(true);
  });

  it('X-Forwarded-Host counts only behind a trusted proxy', () => {
    const headers = {
      host: 'kontakt:3000',
      'x-forwarded-host': 'inbox.example.rs',
      origin: 'https://inbox.example.rs',
    };
    expect(originAllowed(req(headers), { trustProxy: true })).toBe(true);
    expect(originAllowed(req(headers), { trustProxy: false })).toBe(false);
    expect(
      originAllowed(req({ ...headers, 'x-forwarded-host': 'evil.example.rs', origin: 'https://evil.example.rs' }), {
        trustProxy: false,
      }),
    ).toBe(false);
  });

  it('with PUBLIC_URL: exactly its origin (scheme, host and port), whatever Host says', () => {
    const rule = { trustProxy: false, publicUrl: 'https://inbox.example.rs/kontakt' };
    expect(originAllowed(req({ host: 'x', origin: 'https://inbox.example.rs' }), rule)).toBe(true);
    expect(originAllowed(req({ host: 'x', origin: 'http://inbox.example.rs' }), rule)).toBe(false);
    expect(originAllowed(req({ host: 'x', origin: 'https://inbox.example.rs:8443' }), rule)).toBe(false);
    expect(originAllowed(req({ host: 'evil.example.rs', origin: 'https://evil.example.rs' }), rule)).toBe(false);
  });
});

describe('writes from our own pages (forms, the queues dashboard)', () => {
  const rule = { trustProxy: false };
  const host = 'inbox.example.rs';

  it("a browser's own post under no-referrer (Origin: null, Sec-Fetch-Site: same-origin) passes", () => {
    expect(sameOriginWrite(req({ host, origin: 'null', 'sec-fetch-site': 'same-origin' }), rule)).toBe(true);
  });

  it('a browser is judged by Sec-Fetch-Site: same-site, cross-site and none are refused whatever Origin says', () => {
    for (const site of ['same-site', 'cross-site', 'none']) {
      expect(sameOriginWrite(req({ host, origin: `https://${host}`, 'sec-fetch-site': site }), rule)).toBe(false);
    }
  });

  it('a client without Sec-Fetch-Site is judged by its Origin, null refused', () => {
    expect(sameOriginWrite(req({ host, origin: `https://${host}` }), rule)).toBe(true);
    expect(sameOriginWrite(req({ host, origin: 'https://evil.example.rs' }), rule)).toBe(false);
    expect(sameOriginWrite(req({ host, origin: 'null' }), rule)).toBe(false);
    expect(sameOriginWrite(req({ host }), rule)).toBe(true);
  });
});
