import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelHealthState, MessageView } from '../../src/inbox/contract.ts';
import { startTcpRelay, type TcpRelay } from '../faults/fault-kit.ts';
import { mail } from '../fixtures/email/mime.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { type Dovecot, startDovecot } from '../helpers/dovecot.ts';
import { type GraphStandIn, META_ERRORS, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import { eventually, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';

const BOX = 'centar@test.rs';
const SMTP_USER = 'centar-smtp';
const SMTP_PASS = 'tajna-lozinka-smtp';

interface Healthz {
  status: string;
  checks: Record<string, { ok: boolean; error?: string }>;
}
interface ChannelsHealth {
  ok: boolean;
  channels: ChannelHealthState[];
}

describe('failing channels show as unhealthy in /healthz and the inbox, and recover by themselves', () => {
  let dovecot: Dovecot;
  let relay: TcpRelay;
  let smtp: SmtpSink;
  let graph: GraphStandIn;
  let t: TestKontakt;
  let cookie: string;
  let socket: Socket;

  beforeAll(async () => {
    dovecot = await startDovecot();
    dovecot.addUser(BOX);
    relay = await startTcpRelay(dovecot.port);
    smtp = await startSmtpSink({ auth: { user: SMTP_USER, pass: SMTP_PASS } });
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    t = await startTestKontakt(
      'postgres',
      {
        // IMAP through a relay that the test can cut like a network outage.
        IMAP_URL: dovecot.imapUrl(BOX).replace(`:${dovecot.port}/`, `:${relay.port}/`),
        SMTP_URL: smtp.authUrl as string,
        MAIL_FROM: 'Kontakt centar <centar@test.rs>',
        EMAIL_RESYNC_SEC: '3600',
        EMAIL_RECONNECT_MS: '100',
        SMTP_RECHECK_MS: '200',
        CHANNEL_HEALTH_POLL_MS: '200',
        META_APP_SECRET: P.APP_SECRET,
        META_VERIFY_TOKEN: P.VERIFY_TOKEN,
        META_GRAPH_URL: graph.url,
      },
      { channels: { meta: [{ pageId: P.PAGE_ID, accessToken: P.PAGE_TOKEN }] } },
    );
    cookie = await t.login();
    socket = await t.socket(cookie);
  }, 120_000);
  afterAll(async () => {
    socket?.disconnect();
    await t?.cleanup();
    await smtp?.close();
    await graph?.close();
    await relay?.close();
    await dovecot?.stop();
  });

  /** The details, as a signed-in admin sees them (the public /healthz says only ok or degraded). */
  const healthz = async () => {
    const res = await t.api('/api/health', { cookie });
    return { status: res.status, body: (await res.json()) as Healthz };
  };
  const channels = async () => {
    const res = await t.api('/api/channels/health', { cookie });
    expect(res.status).toBe(200);
    return (await res.json()) as ChannelsHealth;
  };
  const stateOf = async (name: string) => (await channels()).channels.find((c) => c.name === name);
  const healthy = async () => (await healthz()).status === 200 && (await channels()).ok;

  let seq = 0;
  async function emailCase(): Promise<string> {
    seq += 1;
    const subject = `Zdravlje kanala ${seq}`;
    const created = nextEvent<{ caseId: string; message: MessageView }>(
      socket,
      'message:created',
      (e) => e.message.subject === subject,
      30_000,
    );
    await dovecot.append(
      BOX,
      mail({ from: `roditelj${seq}@example.rs`, subject, messageId: `<health-${seq}@example.rs>`, body: 'pomoć' }),
    );
    return (await created).caseId;
  }
  async function reply(caseId: string, text: string, expected = 'failed'): Promise<MessageView> {
    const settled = nextEvent<{ message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.message.caseId === caseId && e.message.text === text && e.message.deliveryStatus === expected,
      30_000,
    );
    const res = await t.api(`/api/cases/${caseId}/messages`, { method: 'POST', cookie, json: { kind: 'reply', text } });
    expect(res.status).toBe(201);
    return (await settled).message;
  }

  it('starts healthy; anonymous callers get 401 on the inbox route', async () => {
    await eventually(healthy, 30_000);
    const names = (await channels()).channels.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['email', 'smtp:default', `meta:${P.PAGE_ID}`]));
    const anon = await fetch(`${t.url}/api/channels/health`);
    expect(anon.status).toBe(401);
    expect((await fetch(`${t.url}/api/health`)).status).toBe(401);
    expect(await (await fetch(`${t.url}/healthz`)).json()).toEqual({ status: 'ok' });
  }, 60_000);

  it('SMTP refusing connections: the reply fails, smtp:<mailbox> is unhealthy with a push, then recovers without a restart', async () => {
    const caseId = await emailCase();
    const pushed = nextEvent<{ channels: ChannelHealthState[] }>(
      socket,
      'channels:health',
      (e) => e.channels.some((c) => c.name === 'smtp:default' && !c.ok),
      30_000,
    );
    smtp.setDown(true);
    const failed = await reply(caseId, 'Odgovor dok SMTP ne radi');
    expect(failed.deliveryStatus).toBe('failed');

    const down = await eventually(async () => {
      const h = await healthz();
      return h.status === 503 && h.body.checks['smtp:default']?.ok === false ? h : undefined;
    });
    expect(down.body.checks.email?.ok).toBe(true);
    // The public answer names nothing.
    const outside = await fetch(`${t.url}/healthz`);
    expect([outside.status, await outside.json()]).toEqual([503, { status: 'degraded' }]);
    const pushedState = (await pushed).channels.find((c) => c.name === 'smtp:default');
    expect(pushedState).toMatchObject({ ok: false, reason: expect.stringMatching(/^(temporary|connection)$/) });
    const listed = await stateOf('smtp:default');
    expect(listed).toMatchObject({ ok: false });
    expect(Date.parse(listed?.since ?? '')).not.toBeNaN();
    // The inbox list carries codes only: no host, user name or password.
    const text = JSON.stringify(await channels());
    expect(text).not.toContain(SMTP_PASS);
    expect(text).not.toContain(SMTP_USER);
    expect(text).not.toContain('127.0.0.1');

    // The server accepts again: the periodic check brings the mailbox back, no reply needed.
    const back = nextEvent<{ channels: ChannelHealthState[] }>(
      socket,
      'channels:health',
      (e) => e.channels.some((c) => c.name === 'smtp:default' && c.ok),
      30_000,
    );
    smtp.setDown(false);
    await back;
    await eventually(healthy, 30_000);
  }, 120_000);

  it('SMTP refusing the sign-in is shown as an auth failure, and clears once it is accepted again', async () => {
    const caseId = await emailCase();
    smtp.setDenyAuth(true);
    await reply(caseId, 'Odgovor dok se prijava odbija');
    const s = await eventually(async () => {
      const x = await stateOf('smtp:default');
      return x && !x.ok ? x : undefined;
    });
    expect(s.reason).toBe('auth');
    expect((await healthz()).body.checks['smtp:default']?.ok).toBe(false);
    smtp.setDenyAuth(false);
    await eventually(healthy, 30_000);
  }, 120_000);

  it('a refused recipient does not make the mailbox unhealthy', async () => {
    const caseId = await emailCase();
    smtp.refuseNext(1);
    await reply(caseId, 'Odgovor na odbijenu adresu');
    // Several polls go by: the mailbox stays healthy.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await stateOf('smtp:default')).toMatchObject({ ok: true, reason: null });
  }, 120_000);

  it('IMAP cut: the mailbox watcher shows unhealthy, and comes back when the network does', async () => {
    await relay.cut();
    const down = await eventually(async () => {
      const x = await stateOf('email');
      return x && !x.ok ? x : undefined;
    }, 30_000);
    expect(down.reason).toBe('imap-down');
    expect((await healthz()).status).toBe(503);
    await relay.restore();
    await eventually(async () => (await stateOf('email'))?.ok === true, 60_000);
    // And it receives again.
    await emailCase();
  }, 150_000);

  it('a Meta token refused (190) shows the page as failing until a send goes through', async () => {
    const psid = '7100000000099001';
    const stored = nextEvent<{ caseId: string; message: MessageView }>(
      socket,
      'message:created',
      (e) => e.message.text === 'poruka za zdravlje',
      30_000,
    );
    const event = P.textMessage(psid, 'm_health_1', 'poruka za zdravlje', Date.now() - 60_000, P.PAGE_ID);
    expect(
      (
        await P.postWebhook(t.url, {
          object: 'page',
          entry: [{ id: P.PAGE_ID, time: Date.now(), messaging: [event] }],
        })
      ).status,
    ).toBe(200);
    const { caseId } = await stored;
    graph.failSends(META_ERRORS.tokenExpired);
    await reply(caseId, 'Odgovor sa isteklim tokenom');
    const s = await eventually(async () => {
      const x = await stateOf(`meta:${P.PAGE_ID}`);
      return x && !x.ok ? x : undefined;
    });
    expect(s.reason).toBe('token-refused');
    expect((await healthz()).body.checks[`meta:${P.PAGE_ID}`]?.ok).toBe(false);
    // The token works again (renewed at Meta): the next reply goes out and the page is healthy.
    await reply(caseId, 'Odgovor sa obnovljenim tokenom', 'sent');
    await eventually(async () => (await stateOf(`meta:${P.PAGE_ID}`))?.ok === true);
    await eventually(healthy);
  }, 120_000);
});
