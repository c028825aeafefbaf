import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../src/inbox/contract.ts';
import { mail } from '../fixtures/email/mime.ts';
import { DEFAULT_PASSWORD, type Dovecot, startDovecot } from '../helpers/dovecot.ts';
import { eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';

describe('several mailboxes from the channels file', () => {
  let dovecot: Dovecot;
  let smtp: SmtpSink;
  let t: TestKontakt;
  let cookie: string;
  let dir: string;

  beforeAll(async () => {
    dovecot = await startDovecot();
    dovecot.addUser('bit@test.rs');
    dovecot.addUser('skole@test.rs');
    // The folder processed mail is moved to.
    await dovecot.append('skole@test.rs', mail({ body: 'seed' }));
    const c = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: 'skole@test.rs', pass: DEFAULT_PASSWORD },
      logger: false,
    });
    await c.connect();
    await c.mailboxCreate('Obradjeno');
    await c.logout();
    smtp = await startSmtpSink();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-channels-'));
    const file = path.join(dir, 'channels.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        email: [
          {
            name: 'bit',
            imapUrl: dovecot.imapUrl('bit@test.rs'),
            smtpUrl: smtp.url,
            mailFrom: 'Kontakt <bit@test.rs>',
          },
          {
            name: 'skole',
            imapUrl: dovecot.imapUrl('skole@test.rs'),
            smtpUrl: smtp.url,
            mailFrom: 'Škole <skole@test.rs>',
            moveTo: 'Obradjeno',
          },
        ],
      }),
    );
    t = await startTestKontakt('pglite', { CHANNELS_FILE: file, EMAIL_RESYNC_SEC: '3600' });
    cookie = await t.login();
  });
  afterAll(async () => {
    await t?.cleanup();
    await smtp?.close();
    await dovecot?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const find = async (q: string) =>
    eventually(async () => {
      const { items } = (await (await t.api(`/api/cases?q=${encodeURIComponent(q)}`, { cookie })).json()) as {
        items: CaseSummary[];
      };
      return items[0];
    }, 15_000);

  it('watches every mailbox, moves processed mail where asked, and replies from the mailbox written to', async () => {
    await dovecot.append(
      'bit@test.rs',
      mail({ from: 'roditelj@example.rs', subject: 'Za bit', body: 'poruka za bit' }),
    );
    await dovecot.append(
      'skole@test.rs',
      mail({ from: 'nastavnik@example.rs', subject: 'Za škole', body: 'poruka za škole' }),
    );
    const forBit = await find('poruka za bit');
    const forSchools = await find('poruka za škole');

    // Moved out of INBOX into the folder, once durable.
    await eventually(async () => (await dovecot.status('skole@test.rs')).all.length === 0);
    expect((await dovecot.status('skole@test.rs', 'Obradjeno')).all.length).toBe(2);
    expect((await dovecot.status('bit@test.rs')).seen.length).toBe(1);

    await t.api(`/api/cases/${forSchools.id}/messages`, {
      method: 'POST',
      cookie,
      json: { kind: 'reply', text: 'odgovor školama' },
    });
    await t.api(`/api/cases/${forBit.id}/messages`, {
      method: 'POST',
      cookie,
      json: {
        kind: 'reply',
        text: 'odgovor roditelju',
        attachments: [{ type: 'file', url: 'https://cdn.example.rs/brosura.pdf' }],
      },
    });
    const toTeacher = await smtp.next((m) => m.envelope.to.includes('nastavnik@example.rs'));
    const toParent = await smtp.next((m) => m.envelope.to.includes('roditelj@example.rs'));
    expect(toTeacher.parsed.from?.value[0]?.address).toBe('skole@test.rs');
    expect(toParent.parsed.from?.value[0]?.address).toBe('bit@test.rs');
    // A file chosen by URL travels as a link in the mail, never fetched by the server.
    expect(toParent.parsed.text).toContain('- https://cdn.example.rs/brosura.pdf');

    const status = (await (await t.api('/api/channels/email/status', { cookie })).json()) as {
      mailboxes: { name: string; watcher: { connected: boolean } | null }[];
    };
    expect(status.mailboxes.map((m) => [m.name, m.watcher?.connected])).toEqual([
      ['bit', true],
      ['skole', true],
    ]);
  });
});
