import { createHash, randomUUID } from 'node:crypto';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEnvelope } from '../../connectors/contract.ts';
import { mailToEnvelope } from '../../connectors/email/mail-to-envelope.ts';
import { pageFinder } from '../../connectors/meta/meta-page.ts';
import { webhookSchema } from '../../connectors/meta/webhook.schema.ts';
import { mapWebhook } from '../../connectors/meta/webhook-mapper.ts';
import { callEnvelope } from '../../connectors/phone/call-envelope.ts';
import { parseReportSubmission, reportToEnvelope } from '../../connectors/web-form/report-submission.ts';
import type { Actor } from '../../src/domain/case.service.ts';
import { applyEnvelope, DEFAULT_INGEST_OPTIONS } from '../../src/domain/ingest.service.ts';
import { createUrlService } from '../../src/domain/url.service.ts';
import { createUrlPlatformService } from '../../src/domain/url-platform.service.ts';
import { DEFAULT_PLATFORMS } from '../../src/domain/url-platforms.ts';
import { createUrlScan } from '../../src/domain/url-scan.ts';
import type { DomainEvent } from '../../src/domain/views.ts';
import { createAuditRepository } from '../../src/store/audit.repository.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { createIngestUnitOfWork } from '../../src/store/ingest.repository.ts';
import { createUrlRepository, createUrlViewReader } from '../../src/store/url.repository.ts';
import { createUrlPlatformRepository } from '../../src/store/url-platform.repository.ts';
import { createUrlScanRepository, seedUrlPlatforms } from '../../src/store/url-scan.repository.ts';
import { createUserRepository } from '../../src/store/user.repository.ts';
import { mail } from '../fixtures/email/mime.ts';
import * as P from '../fixtures/meta/payloads.ts';

/**
 * Kontakt never opens a reported link. Every way out of the process (sockets, TLS, HTTP, fetch, DNS)
 * is trapped while the whole URL workflow runs in-process on PGlite (no server, no Redis, so no
 * connection is expected at all): extraction from every channel, the scan and the sweep, the list,
 * assessment, actions, export, figures, reminders and the platform list.
 */
const attempts: string[] = [];
const restores: (() => void)[] = [];

function trap(target: object, name: string, label: string): void {
  const holder = target as Record<string, unknown>;
  const original = holder[name];
  holder[name] = (...args: unknown[]) => {
    attempts.push(`${label}(${String(args[0]).slice(0, 80)})`);
    throw new Error(`outbound network call refused in this test: ${label}`);
  };
  restores.push(() => {
    holder[name] = original;
  });
}

function trapNetwork(): void {
  trap(net.Socket.prototype, 'connect', 'net.Socket.connect');
  trap(net, 'connect', 'net.connect');
  trap(net, 'createConnection', 'net.createConnection');
  trap(tls, 'connect', 'tls.connect');
  for (const mod of [http, https] as const) {
    const name = mod === http ? 'http' : 'https';
    trap(mod, 'request', `${name}.request`);
    trap(mod, 'get', `${name}.get`);
  }
  for (const fn of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname'])
    trap(dns, fn, `dns.${fn}`);
  for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny'])
    trap(dns.promises, fn, `dns.promises.${fn}`);
  trap(globalThis, 'fetch', 'fetch');
}

describe('no reported link is ever fetched or looked up (PGlite, in-process)', () => {
  let dir: string;
  let store: Store;
  let actor: Actor;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-nofetch-'));
    trapNetwork();
    store = await openStore({ dataDir: dir });
    const user = await createUserRepository(store.db).create({
      email: 'analiticar@test.kontakt',
      name: 'Analitičar',
      role: 'supervisor',
      passwordHash: 'not-used',
      now: new Date(),
    });
    actor = { id: user.id, role: 'supervisor', ip: null };
    await seedUrlPlatforms(store.db, DEFAULT_PLATFORMS);
  }, 60_000);
  afterAll(async () => {
    for (const r of restores.reverse()) r();
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function envelopes(): Promise<InboundEnvelope[]> {
    const form = parseReportSubmission(
      { description: 'Pogledajte hxxps://tiktok[.]com/@zlo i пример.срб/галерија', urls: ['https://discord.gg/grupa'] },
      { categories: [], language: () => 'sr-Latn' },
    );
    if (!form.ok) throw new Error('form refused');
    const email = await mailToEnvelope(
      mail({
        subject: 'Prijava',
        body: 'Link: https://t.me/kanal_zla',
        html: '<p><a href="https://imgur.com/a/xyz">album</a></p>',
      }),
      {
        mailbox: 'centar',
        maxAttachmentBytes: 1024,
        maxRawBytes: 1_000_000,
        receivedAt: new Date(),
        store: async (b: Buffer) => createHash('sha256').update(b).digest('hex'),
      },
    );
    const findPage = pageFinder([
      { pageId: P.PAGE_ID, accessToken: 't', instagramId: P.IG_ID, humanAgent: false, comments: false },
    ]);
    const meta = mapWebhook(
      webhookSchema.parse(
        P.webhook('page', P.pageEntry(P.textMessage('7300000000000001', 'm_nf_1', 'youtu.be/abc123'))),
      ),
      { receivedAt: new Date(), findPage },
    ).envelopes;
    const call = callEnvelope(
      {
        call: {
          callId: 'nf-1',
          line: '19833',
          from: '+381641234567',
          to: '19833',
          direction: 'inbound',
          startedAt: new Date().toISOString(),
          answeredAt: null,
          endedAt: null,
          durationSec: null,
          outcome: null,
          agent: null,
          recordingUrl: null,
          transcript: null,
          updatedAt: null,
        },
        source: 'manual',
        version: 1,
        manual: { category: null, notes: 'Pominje www dot zlo dot rs', loggedBy: actor.id },
      },
      { thread: {}, lang: 'sr-Latn', receivedAt: new Date() },
    );
    const web = reportToEnvelope(form.value, {
      submissionId: randomUUID(),
      reference: 'KC-2026-900001',
      receiptHash: 'x',
      receivedAt: new Date(),
    });
    return [web, email, ...meta.filter((e): e is InboundEnvelope => e.type !== 'update'), call];
  }

  it('runs the whole URL workflow without one outbound call', async () => {
    const ingest = createIngestUnitOfWork(store.db);
    const messageIds: string[] = [];
    for (const env of await envelopes()) {
      const r = await applyEnvelope(ingest, randomUUID(), env, new Date(), DEFAULT_INGEST_OPTIONS);
      if (r.messageId) messageIds.push(r.messageId);
    }
    expect(messageIds).toHaveLength(4);

    const publisher = { publish: async (e: DomainEvent[]) => void events.push(...e) };
    const reader = createUrlViewReader(store.db, { reminderDays: 7 });
    const scan = createUrlScan({
      store: createUrlScanRepository(store.db),
      views: reader.views,
      restrictedByKey: reader.restrictedByKey,
      publisher,
      ignoreHosts: [],
      settleMs: 0,
      sweepFrom: new Date(Date.now() - 60_000),
    });
    expect(await scan.scanMessages(messageIds.slice(0, 2))).toBe(2);
    expect(await scan.sweep(new Date(Date.now() + 1000))).toBe(2);

    const urls = createUrlService({
      store: createUrlRepository(store.db, { reminderDays: 7 }),
      audit: createAuditRepository(store.db),
      publisher,
    });
    const page = await urls.list(actor, { limit: 50 });
    expect(page.items.map((i) => i.url).sort()).toEqual(
      [
        'https://discord.gg/grupa',
        'https://imgur.com/a/xyz',
        'https://t.me/kanal_zla',
        'https://tiktok.com/@zlo',
        'https://www.zlo.rs/',
        'https://xn--e1afmkfd.xn--90a3ac/%D0%B3%D0%B0%D0%BB%D0%B5%D1%80%D0%B8%D1%98%D0%B0',
        'https://youtu.be/abc123',
      ].sort(),
    );
    const item = page.items.find((i) => i.platform === 'tiktok');
    if (!item) throw new Error('no tiktok item');
    await urls.get(actor, item.id);
    await urls.update(actor, item.id, { assessment: 'csam', hostingCountry: 'US' });
    await urls.addAction(actor, item.id, { kind: 'reported_to_platform', at: new Date(), note: null });
    await urls.addAction(actor, item.id, { kind: 'takedown_confirmed', at: new Date(), note: 'uklonjeno' });
    expect(await urls.export(actor, {}, 'csv')).toHaveLength(1);
    const stats = await urls.stats(
      actor,
      { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) },
      'json',
    );
    expect(stats.takedown.removed).toBe(1);
    expect(await urls.remindDue(new Date(Date.now() + 30 * 86_400_000))).toBe(6);
    await createUrlPlatformService({ store: createUrlPlatformRepository(store.db) }).add(actor, {
      code: 'zlo',
      name: 'Zlo',
      hosts: ['zlo.rs'],
    });
    expect(events.length).toBeGreaterThan(7);

    expect(attempts).toEqual([]);
  });

  it('the trap itself catches a fetch and a DNS look-up (so the test above could fail)', async () => {
    expect(() => fetch('https://tiktok.com/@zlo')).toThrow(/outbound network call refused/);
    expect(() => dns.lookup('tiktok.com', () => {})).toThrow(/outbound network call refused/);
    expect(() => new net.Socket().connect(443, 'tiktok.com')).toThrow(/outbound network call refused/);
    expect(attempts).toHaveLength(3);
  });
});
