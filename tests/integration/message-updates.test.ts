import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEnvelope, InboundEnvelope, MessageUpdate } from '../../connectors/contract.ts';
import { applyEnvelope } from '../../src/domain/ingest.service.ts';
import { UpdateTargetMissing } from '../../src/domain/message-updates.ts';
import { createCaseRepository } from '../../src/store/case.repository.ts';
import type { Store } from '../../src/store/db.ts';
import { createInboundEventRepository } from '../../src/store/inbound-event.repository.ts';
import { createIngestUnitOfWork } from '../../src/store/ingest.repository.ts';
import { createUserRepository } from '../../src/store/user.repository.ts';
import { openTestStore } from '../helpers/services.ts';

const now = () => new Date().toISOString();
const PSID = { kind: 'facebook_psid' as const, value: '24012345678901234' };

const message = (mid: string, over: Partial<InboundEnvelope['message']> = {}): InboundEnvelope => ({
  channel: 'facebook',
  externalId: mid,
  receivedAt: now(),
  sender: PSID,
  thread: {
    senderAsserted: false,
    newCase: { kind: 'conversation', anonymous: false, consent: true },
    joinOpenCase: true,
  },
  message: { text: `text of ${mid}`, ...over },
});
const update = (id: string, ...updates: MessageUpdate[]): AnyEnvelope => ({
  type: 'update',
  channel: 'facebook',
  externalId: id,
  receivedAt: now(),
  updates,
});

describe.each(['pglite', 'postgres'] as const)('message updates on %s', (engine) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let counselor: string;
  beforeAll(async () => {
    const opened = await openTestStore(engine);
    store = opened.store;
    cleanup = opened.dispose;
    const user = await createUserRepository(store.db).create({
      email: 'c@test.rs',
      name: 'Savetnica',
      role: 'counselor',
      passwordHash: 'x',
      now: new Date(),
    });
    counselor = user.id;
  });
  afterAll(async () => {
    await cleanup();
  });

  const apply = async (env: AnyEnvelope) => {
    const { id } = await createInboundEventRepository(store.db).record(env, new Date());
    return applyEnvelope(createIngestUnitOfWork(store.db), id, env);
  };
  const view = async (caseId: string, externalId: string) => {
    const d = await createCaseRepository(store.db).detail(caseId);
    return d.messages.find(
      (m) => m.text.includes(externalId) || m.history.some((h) => h.previousText.includes(externalId)),
    );
  };

  it('reactions, edits and unsends change the stored message and keep its history; a replay changes nothing', async () => {
    const first = await apply(message('m_1'));
    const caseId = first.caseId as string;
    const r = await apply(update('r1', { kind: 'reaction', target: 'm_1', reaction: '❤️', from: 'contact', at: now() }));
    expect(r.outcome).toBe('updated');
    expect(r.events.map((e) => e.type)).toEqual(['message:updated']);
    expect((await view(caseId, 'm_1'))?.reactions).toEqual([
      expect.objectContaining({ from: 'contact', reaction: '❤️' }),
    ]);
    await apply(update('r2', { kind: 'reaction', target: 'm_1', reaction: null, from: 'contact', at: now() }));
    expect((await view(caseId, 'm_1'))?.reactions).toEqual([]);

    const edit = update('e1', { kind: 'edit', target: 'm_1', text: 'ispravljeno: Ђорђе', at: now() });
    await apply(edit);
    expect((await apply(edit)).outcome).toBe('duplicate');
    await apply(update('u1', { kind: 'unsend', target: 'm_1', at: now() }));
    const m = await view(caseId, 'm_1');
    expect(m?.text).toBe('ispravljeno: Ђорђе');
    expect(m?.editedAt).not.toBeNull();
    expect(m?.unsentAt).not.toBeNull();
    expect(m?.history.map((h) => [h.kind, h.previousText])).toEqual([
      ['edit', 'text of m_1'],
      ['unsend', 'ispravljeno: Ђорђе'],
    ]);
  });

  it('an update for a message not stored yet fails so the job retries', async () => {
    await expect(
      apply(update('x1', { kind: 'reaction', target: 'm_missing', reaction: '👍', from: 'contact', at: now() })),
    ).rejects.toBeInstanceOf(UpdateTargetMissing);
  });

  it('delivery reports move a reply forward only, by id and by watermark', async () => {
    const first = await apply(message('m_2', {}));
    const cases = createCaseRepository(store.db);
    const caseId = first.caseId as string;
    const { message: reply } = await cases.addStaffMessage(
      {
        caseId,
        kind: 'reply',
        text: 'odgovor',
        authorId: counselor,
        channel: 'facebook',
        now: new Date(Date.now() - 60_000),
      },
      () => [],
    );
    await cases.setDelivery(reply.id, 'sent', { externalId: 'm_out_1' });
    await apply(update('d1', { kind: 'delivery', target: 'm_out_1', status: 'read', at: now() }));
    await apply(update('d2', { kind: 'delivery', target: 'm_out_1', status: 'delivered', at: now() }));
    expect((await cases.message(reply.id)).deliveryStatus).toBe('read');

    const { message: second } = await cases.addStaffMessage(
      {
        caseId,
        kind: 'reply',
        text: 'drugi',
        authorId: counselor,
        channel: 'facebook',
        now: new Date(Date.now() - 30_000),
      },
      () => [],
    );
    await cases.setDelivery(second.id, 'sent', { externalId: 'm_out_2' });
    const wm = await apply(
      update('w1', { kind: 'delivery_watermark', recipient: PSID, watermark: now(), status: 'delivered', at: now() }),
    );
    expect(wm.outcome === 'updated' && wm.changed).toEqual([second.id]);
    expect((await cases.message(second.id)).deliveryStatus).toBe('delivered');
  });

  it('an echo of our own send that arrived first merges into our reply instead of doubling it', async () => {
    const first = await apply(message('m_3'));
    const caseId = first.caseId as string;
    const cases = createCaseRepository(store.db);
    const { message: reply } = await cases.addStaffMessage(
      {
        caseId,
        kind: 'reply',
        text: 'naš odgovor',
        authorId: counselor,
        channel: 'facebook',
        now: new Date(),
      },
      () => [],
    );
    // Meta echoes the send back before the Send API's answer reached the outbound worker.
    await apply({ ...message('m_echo'), message: { text: 'naš odgovor', direction: 'outbound' } });
    const before = await cases.detail(caseId);
    expect(before.messages.filter((m) => m.text === 'naš odgovor')).toHaveLength(2);
    await cases.setDelivery(reply.id, 'sent', { externalId: 'm_echo' });
    const after = await cases.detail(caseId);
    expect(after.messages.filter((m) => m.text === 'naš odgovor').map((m) => m.id)).toEqual([reply.id]);
  });
});
