import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

/**
 * A page on another origin (a sibling subdomain shares the session cookie's site) must not open
 * the live inbox: the handshake is refused unless its Origin is the inbox's own.
 */
describe('Socket.IO accepts only the inbox’s own origin', () => {
  let t: TestKontakt;
  let cookie: string;
  const open: Socket[] = [];

  beforeAll(async () => {
    t = await startTestKontakt('pglite');
    cookie = await t.login();
  });
  afterAll(async () => {
    for (const s of open) s.disconnect();
    await t?.cleanup();
  });

  /** 'hello' once connected and signed in, or the reason the handshake was refused. */
  const attempt = (origin: string | undefined, transport: 'websocket' | 'polling') =>
    new Promise<string>((resolve) => {
      const s = io(t.url, {
        extraHeaders: { cookie, ...(origin && { origin }) },
        transports: [transport],
        reconnection: false,
        timeout: 5000,
      });
      open.push(s);
      s.once('hello', () => resolve('hello'));
      s.once('connect_error', (err) => resolve(`refused: ${err.message}`));
    });

  it('refuses a foreign Origin even with a valid session cookie, over websocket and polling', async () => {
    for (const transport of ['websocket', 'polling'] as const) {
      expect(await attempt('https://evil.example', transport), transport).toMatch(/^refused/);
      expect(await attempt('null', transport), transport).toMatch(/^refused/);
    }
  });

  it('accepts its own origin, and clients that send none (not a browser page)', async () => {
    expect(await attempt(t.url, 'websocket')).toBe('hello');
    expect(await attempt(t.url, 'polling')).toBe('hello');
    expect(await attempt(undefined, 'websocket')).toBe('hello');
  });

  it('with PUBLIC_URL, only that origin: a sibling subdomain is refused', async () => {
    t = await t.restart({ PUBLIC_URL: 'https://inbox.kontakt.example' });
    cookie = await t.login();
    expect(await attempt('https://evil.kontakt.example', 'websocket')).toMatch(/^refused/);
    expect(await attempt('http://inbox.kontakt.example', 'websocket')).toMatch(/^refused/);
    expect(await attempt('https://inbox.kontakt.example', 'websocket')).toBe('hello');
  });
});
