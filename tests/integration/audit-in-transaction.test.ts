import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEnvelope } from '../../connectors/contract.ts';
import { type Actor, createCaseService } from '../../src/domain/case.service.ts';
import { applyEnvelope } from '../../src/domain/ingest.service.ts';
import { createOutcomeService } from '../../src/domain/outcomes.ts';
import { createReferralService } from '../../src/domain/referral.service.ts';
import type { DomainEvent } from '../../src/domain/views.ts';
import { createAuditRepository } from '../../src/store/audit.repository.ts';
import { createCaseRepository } from '../../src/store/case.repository.ts';
import type { Store } from '../../src/store/db.ts';
import { createInboundEventRepository } from '../../src/store/inbound-event.repository.ts';
import { createIngestUnitOfWork } from '../../src/store/ingest.repository.ts';
import { createOutcomeRepository } from '../../src/store/outcome.repository.ts';
import { createReferralRepository, seedInstitutions } from '../../src/store/referral.repository.ts';
import { auditLog, caseOutcomes, cases, messages, referrals } from '../../src/store/schema/index.ts';
import { createUserRepository } from '../../src/store/user.repository.ts';
import { openTestStore } from '../helpers/services.ts';

/*
 * A change and its audit entry commit together or not at all: an entry the store refuses (here an
 * address with a NUL byte, which PostgreSQL text cannot hold) must take the change down with it,
 * and a change never stands in the inbox with no record of who made it.
 */
describe.each(['pglite', 'postgres'] as const)('audit entries in the change’s transaction (%s)', (engine) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let caseId: string;
  let counselor: Actor;
  const published: DomainEvent[] = [];
  const enqueued: string[] = [];

  const service = () =>
    createCaseService({
      cases: createCaseRepository(store.db),
      audit: createAuditRepository(store.db),
      publisher: { publish: async (events) => void published.push(...events) },
      enqueueOutbound: async (messageId) => void enqueued.push(messageId),
      categoryState: async () => 'active',
      userExists: async () => true,
    });
  const referralService = () =>
    createReferralService({
      store: createReferralRepository(store.db, { ackDays: 5 }),
      audit: createAuditRepository(store.db),
      publisher: { publish: async (events) => void published.push(...events) },
      mail: null,
      enqueueEmail: async () => {},
    });
  const outcomeService = () =>
    createOutcomeService({
      store: createOutcomeRepository(store.db),
      cases: createCaseRepository(store.db),
      // The reporter can be reached on Messenger: telling the outcome sends a reply.
      route: async () => ({ channel: 'facebook', identityKind: 'facebook_psid' }),
      audit: createAuditRepository(store.db),
      publisher: { publish: async (events) => void published.push(...events) },
      enqueueOutbound: async (messageId) => void enqueued.push(messageId),
    });
  /** The counselor seen from an address the audit log cannot store. */
  const unrecordable = (): Actor => ({ ...counselor, ip: 'bad\u0000ip' });
  const entries = async (action: string) =>
    store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.entityId, caseId)));

  beforeAll(async () => {
    const opened = await openTestStore(engine);
    store = opened.store;
    cleanup = opened.dispose;
    const user = await createUserRepository(store.db).create({
      email: 'savetnica@test.rs',
      name: 'Savetnica',
      role: 'counselor',
      passwordHash: 'x',
      now: new Date(),
    });
    counselor = { id: user.id, role: 'counselor', ip: '192.0.2.7' };
    const env: InboundEnvelope = {
      channel: 'facebook',
      externalId: 'mid.audit-tx-1',
      receivedAt: new Date().toISOString(),
      sender: { kind: 'facebook_psid', value: '24099999999999999' },
      thread: {
        senderAsserted: false,
        newCase: { kind: 'conversation', anonymous: false, consent: true },
        joinOpenCase: true,
      },
      message: { text: 'Neko mi preti preko poruka.' },
    };
    const { id } = await createInboundEventRepository(store.db).record(env, new Date());
    const result = await applyEnvelope(createIngestUnitOfWork(store.db), id, env);
    if (!result.caseId) throw new Error('no case');
    caseId = result.caseId;
    await seedInstitutions(store.db, [
      {
        code: 'ministry_interior',
        names: { 'sr-Latn': 'MUP', 'sr-Cyrl': 'МУП', en: 'Ministry of Interior' },
        email: 'vtk@mup.test',
      },
    ]);
  });
  afterAll(async () => {
    await cleanup();
  });

  it('a case change whose audit entry fails is not made', async () => {
    await expect(service().change(unrecordable(), caseId, { priority: 'high' })).rejects.toThrow();
    const [c] = await store.db.select({ priority: cases.priority }).from(cases).where(eq(cases.id, caseId));
    expect(c?.priority).not.toBe('high');
    expect(await entries('case.update')).toEqual([]);
    expect(published).toEqual([]);

    await service().change(counselor, caseId, { priority: 'high' });
    const [after] = await store.db.select({ priority: cases.priority }).from(cases).where(eq(cases.id, caseId));
    expect(after?.priority).toBe('high');
    expect((await entries('case.update')).map((e) => [e.actorId, e.details])).toEqual([
      [counselor.id, { priority: 'high' }],
    ]);
  });

  it('a note or reply whose audit entry fails is not stored, published or sent', async () => {
    await expect(service().addMessage(unrecordable(), caseId, 'reply', 'Javićemo vam se.')).rejects.toThrow();
    const stored = await store.db.select({ text: messages.text }).from(messages).where(eq(messages.caseId, caseId));
    expect(stored.map((m) => m.text)).toEqual(['Neko mi preti preko poruka.']);
    expect(await entries('case.reply')).toEqual([]);
    expect(enqueued).toEqual([]);

    const reply = await service().addMessage(counselor, caseId, 'reply', 'Javićemo vam se.');
    expect((await entries('case.reply')).map((e) => e.details)).toEqual([{ messageId: reply.id }]);
    expect(enqueued).toEqual([reply.id]);
  });

  it('a referral made or moved whose audit entry fails is not made or moved', async () => {
    const input = {
      institution: 'ministry_interior',
      summary: 'Pretnje.',
      includeContact: false,
      delivery: 'other' as const,
      otherMeans: 'phone' as const,
    };
    published.length = 0;
    await expect(referralService().refer(unrecordable(), caseId, input)).rejects.toThrow();
    expect(await store.db.select().from(referrals).where(eq(referrals.caseId, caseId))).toEqual([]);
    expect(published).toEqual([]);

    const made = await referralService().refer(counselor, caseId, input);
    const audited = async (action: string) =>
      store.db
        .select({ details: auditLog.details })
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.entityId, made.id)));
    expect((await audited('referral.create')).map((e) => e.details)).toMatchObject([{ caseId, delivery: 'other' }]);

    await expect(referralService().move(unrecordable(), made.id, { status: 'acknowledged' })).rejects.toThrow();
    const [still] = await store.db
      .select({ status: referrals.status })
      .from(referrals)
      .where(eq(referrals.id, made.id));
    expect(still?.status).toBe('sent');
    expect(await audited('referral.update')).toEqual([]);

    await referralService().move(counselor, made.id, { status: 'acknowledged' });
    expect((await audited('referral.update')).map((e) => e.details)).toEqual([{ from: 'sent', to: 'acknowledged' }]);
  });

  it('a referral answered by e-mail whose audit entry cannot be stored stays sent', async () => {
    const made = await referralService().refer(counselor, caseId, {
      institution: 'ministry_interior',
      summary: 'Pretnje, drugi put.',
      includeContact: false,
      delivery: 'other',
      otherMeans: 'phone',
    });
    // As if it had gone out by e-mail: the institution's answer quotes this Message-ID.
    const mailId = `<referral-${made.id}@kontakt.test>`;
    await store.db.update(referrals).set({ emailMessageId: mailId }).where(eq(referrals.id, made.id));
    const [answer] = await store.db.select({ id: messages.id }).from(messages).where(eq(messages.caseId, caseId));
    if (!answer) throw new Error('no message');
    const audited = async () =>
      store.db
        .select({ details: auditLog.details })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'referral.answered_by_email'), eq(auditLog.entityId, made.id)));
    const status = async () =>
      (
        await store.db
          .select({ status: referrals.status, answer: referrals.answerMessageId })
          .from(referrals)
          .where(eq(referrals.id, made.id))
      )[0];
    published.length = 0;

    // No actor and no address here: the audit log itself refuses this one action.
    await store.db.execute(
      sql.raw("alter table audit_log add constraint refuse_answer check (action <> 'referral.answered_by_email')"),
    );
    try {
      await expect(referralService().answeredByEmail([mailId], caseId, answer.id)).rejects.toThrow();
    } finally {
      await store.db.execute(sql.raw('alter table audit_log drop constraint refuse_answer'));
    }
    expect(await status()).toEqual({ status: 'sent', answer: null });
    expect(await audited()).toEqual([]);
    expect(published).toEqual([]);

    const done = await referralService().answeredByEmail([mailId], caseId, answer.id);
    expect(done.map((r) => r.status)).toEqual(['answered']);
    expect(await status()).toEqual({ status: 'answered', answer: answer.id });
    expect((await audited()).map((e) => e.details)).toEqual([{ caseId, messageId: answer.id }]);
  });

  it('an outcome told with a reply whose entry fails leaves no reply, no outcome, nothing sent', async () => {
    published.length = 0;
    enqueued.length = 0;
    const texts = async () =>
      (await store.db.select({ text: messages.text }).from(messages).where(eq(messages.caseId, caseId))).map(
        (m) => m.text,
      );
    const before = await texts();
    const input = { outcome: 'advice_given' as const, text: 'Dali smo vam savet.', send: true };
    await expect(outcomeService().tell(unrecordable(), caseId, input)).rejects.toThrow();
    expect(await texts()).toEqual(before);
    expect(await store.db.select().from(caseOutcomes).where(eq(caseOutcomes.caseId, caseId))).toEqual([]);
    expect(published).toEqual([]);
    expect(enqueued).toEqual([]);

    const told = await outcomeService().tell(counselor, caseId, input);
    expect(told.delivery).toBe('queued');
    expect(await texts()).toEqual([...before, 'Dali smo vam savet.']);
    expect(enqueued).toEqual([told.message?.id]);
    expect((await entries('case.outcome')).map((e) => e.details)).toMatchObject([
      { outcomeId: told.outcome.id, messageId: told.message?.id },
    ]);
  });

  it('a failed referral e-mail sent again whose entry fails stays failed', async () => {
    const made = await referralService().refer(counselor, caseId, {
      institution: 'ministry_interior',
      summary: 'Pretnje, treći put.',
      includeContact: false,
      delivery: 'other',
      otherMeans: 'phone',
    });
    // As if it had gone out by e-mail and the server refused it.
    await store.db
      .update(referrals)
      .set({ delivery: 'email', emailStatus: 'failed', emailError: 'smtp 550' })
      .where(eq(referrals.id, made.id));
    const email = async () =>
      (
        await store.db
          .select({ status: referrals.emailStatus, error: referrals.emailError })
          .from(referrals)
          .where(eq(referrals.id, made.id))
      )[0];
    published.length = 0;
    await expect(referralService().retry(unrecordable(), made.id)).rejects.toThrow();
    expect(await email()).toEqual({ status: 'failed', error: 'smtp 550' });
    expect(published).toEqual([]);

    await referralService().retry(counselor, made.id);
    expect(await email()).toEqual({ status: 'pending', error: null });
  });
});
