import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEnvelope } from '../../src/domain/ingest.service.ts';
import type { CaseSummary, MessageView } from '../../src/inbox/contract.ts';
import { createInboundEventRepository } from '../../src/store/inbound-event.repository.ts';
import { createIngestUnitOfWork } from '../../src/store/ingest.repository.ts';
import { contactIdentities, metaProfiles } from '../../src/store/schema/index.ts';
import * as P from '../fixtures/meta/payloads.ts';
import { type GraphStandIn, META_ERRORS, startGraphStandIn } from '../helpers/graph-stand-in.ts';
import { nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

type Created = { caseId: string; message: MessageView; case: CaseSummary };

describe.each(['postgres', 'pglite'] as const)('Meta contacts: profile lookup once per PSID / IGSID (%s)', (engine) => {
  let graph: GraphStandIn;
  let t: TestKontakt;
  let socket: Socket;

  beforeAll(async () => {
    graph = await startGraphStandIn({ appSecret: P.APP_SECRET });
    t = await startTestKontakt(
      engine,
      P.metaEnv(graph.url, { META_PROFILE_RETRY_SEC: '1', META_PROFILE_SWEEP_SEC: '1' }),
    );
    socket = await t.socket(await t.login());
  });
  afterAll(async () => {
    await t?.cleanup();
    await graph?.close();
  });

  const named = (name: string) =>
    nextEvent<{ case: CaseSummary; changed: string[] }>(
      socket,
      'case:updated',
      (e) => e.changed.includes('contactName') && e.case.contactName === name,
    );
  async function write(object: 'page' | 'instagram', from: string, mid: string, text: string): Promise<Created> {
    const stored = nextEvent<Created>(socket, 'message:created', (e) => e.message.text === text);
    const account = object === 'page' ? P.PAGE_ID : P.IG_ID;
    const res = await P.postWebhook(t.url, {
      object,
      entry: [{ id: account, time: Date.now(), messaging: [P.textMessage(from, mid, text, Date.now(), account)] }],
    });
    expect(res.status).toBe(200);
    return stored;
  }
  const lookupsOf = (id: string) => graph.profiles.filter((p) => p.userId === id);

  it('fetches a Messenger name once, puts it on the contact and tells the inbox', async () => {
    graph.setProfile('7200000000000001', { first_name: 'Ana', last_name: 'Anić', profile_pic: 'https://x/y.jpg' });
    const gotName = named('Ana Anić');
    const first = await write('page', '7200000000000001', 'm_prof_1', 'prva');
    expect(first.case.contactName).toBeNull();
    expect((await gotName).case.id).toBe(first.caseId);
    expect(lookupsOf('7200000000000001')).toEqual([
      { userId: '7200000000000001', fields: 'first_name,last_name', token: P.PAGE_TOKEN },
    ]);
    const [identity] = await t.k.store.db
      .select()
      .from(contactIdentities)
      .where(and(eq(contactIdentities.kind, 'facebook_psid'), eq(contactIdentities.value, '7200000000000001')));
    expect(identity?.displayName).toBe('Ana Anić');

    // More messages from her: no new lookup. A lookup for someone else, queued after hers, proves it.
    await write('page', '7200000000000001', 'm_prof_2', 'druga');
    graph.setProfile('7200000000000002', { first_name: 'Bojan', last_name: 'B.' });
    const other = named('Bojan B.');
    await write('page', '7200000000000002', 'm_prof_3', 'treća');
    await other;
    expect(lookupsOf('7200000000000001')).toHaveLength(1);
  });

  it('fetches an Instagram name and username', async () => {
    graph.setProfile('1792000000000001', { name: 'Mila', username: 'mila_bg' });
    const gotName = named('Mila (@mila_bg)');
    await write('instagram', '1792000000000001', 'aWdf_prof_1', 'ćao sa instagrama');
    await gotName;
    expect(lookupsOf('1792000000000001')[0]?.fields).toBe('name,username');
  });

  it('a failed lookup does not hold the message back and is retried later, not on every message', async () => {
    graph.failProfiles(META_ERRORS.unexpected);
    const first = await write('page', '7200000000000003', 'm_prof_4', 'bez imena');
    expect(first.message.text).toBe('bez imena');
    expect(first.case.contactName).toBeNull();
    // The lookup failed once and waits for its retry time; the person's name exists by then.
    graph.setProfile('7200000000000003', { first_name: 'Vesna', last_name: 'V.' });
    const gotName = named('Vesna V.');
    await write('page', '7200000000000003', 'm_prof_5', 'još jedna');
    await gotName;
    const [row] = await t.k.store.db.select().from(metaProfiles).where(eq(metaProfiles.value, '7200000000000003'));
    expect(row).toMatchObject({ status: 'ok', attempts: 1, name: 'Vesna V.' });
    expect(lookupsOf('7200000000000003')).toHaveLength(2);
  });

  it('a person whose lookup never started (worker stopped after storing the message) is found by the sweep', async () => {
    graph.setProfile('7200000000000009', { first_name: 'Zora', last_name: 'Z.' });
    const gotName = named('Zora Z.');
    // Applied straight through the ingest rules: no after-apply hook, as if the worker had died there.
    const env = {
      channel: 'facebook' as const,
      externalId: 'm_prof_orphan',
      receivedAt: new Date().toISOString(),
      sender: { kind: 'facebook_psid' as const, value: '7200000000000009' },
      thread: {
        senderAsserted: false,
        newCase: { kind: 'conversation' as const, anonymous: false, consent: true },
        joinOpenCase: true,
      },
      message: { text: 'siroče', fields: { pageId: P.PAGE_ID } },
    };
    const { id } = await createInboundEventRepository(t.k.store.db).record(env, new Date());
    await applyEnvelope(createIngestUnitOfWork(t.k.store.db), id, env);
    await gotName;
    expect(lookupsOf('7200000000000009')).toHaveLength(1);
  });
});
