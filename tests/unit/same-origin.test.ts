import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originAllowed } from '../../src/http/same-origin.ts';

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
