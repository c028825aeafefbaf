import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { type Kontakt, startKontakt } from '../../src/kontakt.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { mail } from '../fixtures/email/mime.ts';
import { type Dovecot, startDovecot } from '../helpers/dovecot.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const BOX = 'klaster@test.rs';

type Status = { mailboxes: { name: string; watcher: { connected: boolean } | null }[] };

async function watching(url: string, admin: { email: string; password: string }): Promise<boolean> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const res = await fetch(`${url}/api/channels/email/status`, { headers: { cookie } });
  const body = (await res.json()) as Status;
  return body.mailboxes[0]?.watcher?.connected === true;
}

describe('one watcher per mailbox across several nodes', () => {
  let dovecot: Dovecot;
  let first: TestKontakt;
  let second: Kontakt;

  beforeAll(async () => {
    dovecot = await startDovecot();
    dovecot.addUser(BOX);
    first = await startTestKontakt('postgres', {
      IMAP_URL: dovecot.imapUrl(BOX),
      EMAIL_LOCK_TTL_SEC: '1',
      EMAIL_RECONNECT_MS: '100',
    });
    const config = loadConfig(first.env);
    second = await startKontakt(config, createLogger(config.LOG_LEVEL), first.env);
  });
  afterAll(async () => {
    await second?.stop();
    await first?.cleanup();
    await dovecot?.stop();
  });

  it('lets exactly one node watch, and another take over when it stops', async () => {
    const url2 = second.url as string;
    // The first node started first and holds the mailbox.
    await eventually(async () => watching(first.url, first.admin));
    for (let i = 0; i < 5; i++) expect(await watching(url2, first.admin)).toBe(false);

    await dovecot.append(BOX, mail({ from: 'a@example.rs', messageId: '<cluster-1@example.rs>', body: 'prva' }));
    const cookie = await first.login();
    await eventually(async () => {
      const { items } = (await (await first.api('/api/cases?q=prva', { cookie })).json()) as { items: unknown[] };
      return items.length === 1;
    });

    await first.stop();
    await eventually(async () => watching(url2, first.admin), 15_000);
    await dovecot.append(BOX, mail({ from: 'b@example.rs', messageId: '<cluster-2@example.rs>', body: 'druga' }));
    const login = await fetch(`${url2}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(first.admin),
    });
    const cookie2 = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    await eventually(async () => {
      const { items } = (await (await fetch(`${url2}/api/cases?q=druga`, { headers: { cookie: cookie2 } })).json()) as {
        items: unknown[];
      };
      return items.length === 1;
    }, 15_000);
  });
});
