import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createChannelHealthMonitor, ProbeFailure, smtpFailureCode } from '../../src/channels/channel-health.ts';
import type { ChannelHealthState } from '../../src/inbox/contract.ts';

describe('smtpFailureCode: which send errors say the mailbox cannot send', () => {
  it('treats sign-in refusals as auth, 4xx as temporary and unreachable servers as connection', () => {
    expect(smtpFailureCode(Object.assign(new Error('Invalid login'), { code: 'EAUTH', responseCode: 535 }))).toBe(
      'auth',
    );
    expect(smtpFailureCode({ responseCode: 530 })).toBe('auth');
    expect(smtpFailureCode(Object.assign(new Error('421'), { code: 'EPROTOCOL', responseCode: 421 }))).toBe(
      'temporary',
    );
    expect(smtpFailureCode(Object.assign(new Error('refused'), { code: 'ESOCKET' }))).toBe('connection');
    expect(smtpFailureCode(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }))).toBe('connection');
  });
  it('does not blame the mailbox for one refused recipient or message', () => {
    expect(smtpFailureCode(Object.assign(new Error('550'), { code: 'EENVELOPE', responseCode: 550 }))).toBeNull();
    expect(smtpFailureCode(Object.assign(new Error('no rcpt'), { code: 'EENVELOPE' }))).toBeNull();
    expect(smtpFailureCode(Object.assign(new Error('554'), { code: 'EMESSAGE', responseCode: 554 }))).toBeNull();
  });
});

describe('channel health monitor', () => {
  it('reports changes only, with reason codes and never error text', async () => {
    let fail: Error | null = null;
    const changes: ChannelHealthState[][] = [];
    const m = createChannelHealthMonitor({
      probes: [
        {
          name: 'smtp:a',
          async check() {
            if (fail) throw fail;
          },
        },
      ],
      intervalMs: 20,
      onChange: (l) => changes.push(l),
      log: pino({ level: 'silent' }),
    });
    m.start();
    expect(await m.current()).toMatchObject([{ name: 'smtp:a', ok: true, reason: null }]);
    fail = new ProbeFailure('auth', 'user secret-user refused at smtp.example');
    await expect.poll(() => changes.length).toBe(1);
    expect(changes[0]).toMatchObject([{ name: 'smtp:a', ok: false, reason: 'auth' }]);
    expect(JSON.stringify(await m.current())).not.toContain('secret-user');
    fail = new Error('plain error with password=x');
    await expect.poll(() => changes.length).toBe(2);
    expect(changes[1]).toMatchObject([{ ok: false, reason: 'failing' }]);
    fail = null;
    await expect.poll(() => changes.length).toBe(3);
    expect(changes[2]).toMatchObject([{ ok: true, reason: null }]);
    await new Promise((r) => setTimeout(r, 100));
    expect(changes).toHaveLength(3);
    await m.stop();
  });
});
