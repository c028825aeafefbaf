import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackView } from '../../src/channels/phone/phone-callback.repository.ts';
import { createKnownHashRecheck } from '../../src/domain/known-hash-recheck.ts';
import type { CaseDetail, CaseSummary, MessageView } from '../../src/domain/views.ts';
import { createKnownHashRecheckRepository } from '../../src/store/known-hash-recheck.repository.ts';
import {
  auditLog,
  cases,
  caseTags,
  knownHashMatches,
  phoneCallbackAttempts,
  phoneCallbacks,
  phoneCalls,
  referrals,
} from '../../src/store/schema/index.ts';
import { deliverMail, type MailFile, mimeWithFiles, sha256 } from '../fixtures/email/mail-with-files.ts';
import { addUser, at, newCall, postCall, startPhoneKontakt } from '../fixtures/phone/phone-test-kit.ts';
import { eventually, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

/** A real 1×1 PNG; bytes after IEND make distinct files that are still PNGs. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const png = (tag: string) => Buffer.concat([PNG, Buffer.from(tag)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

type MessageEvent = { caseId: string; message: MessageView };

describe.each(['postgres', 'pglite'] as const)(
  'abuse material: what counselors are told, the tag, re-checks (%s)',
  (engine) => {
    let t: TestKontakt;
    let dir: string;
    let hashFile: string;
    let counselor: { id: string; cookie: string };
    let supervisor: { id: string; cookie: string };
    let admin: string;
    let counselorSocket: Socket;
    let supervisorSocket: Socket;
    const known = png('known-more-1');
    const secretName = 'ime-deteta-ana-petrovic.png';
    let taggedCase = '';

    const deliver = (subject: string, files: MailFile[]) => deliverMail(t, mimeWithFiles({ subject, files }));
    const caseIdOf = (subject: string) =>
      eventually(async () => {
        const [row] = await t.k.store.db.select({ id: cases.id }).from(cases).where(eq(cases.subject, subject));
        return row?.id;
      }, 60_000);
    const open = async (id: string, cookie: string) => {
      const r = await t.api(`/api/cases/${id}`, { cookie });
      expect(r.status).toBe(200);
      return (await r.json()) as CaseDetail;
    };
    const onMessage = (socket: Socket, name: string, subject: string) =>
      nextEvent<MessageEvent>(socket, name, (e) => e.message.subject === subject);

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-hashes-more-'));
      hashFile = path.join(dir, 'known.txt');
      fs.writeFileSync(hashFile, `# test list\n${sha256(known)} # case 3/2026\n`);
      t = await startTestKontakt(engine, { KNOWN_HASHES_FILE: hashFile, KNOWN_HASHES_POLL_SECONDS: '1' });
      admin = await t.login();
      counselor = await addUser(t, 'counselor', 'savetnica@test.kontakt');
      supervisor = await addUser(t, 'supervisor', 'supervizor@test.kontakt');
      counselorSocket = await t.socket(counselor.cookie);
      supervisorSocket = await t.socket(supervisor.cookie);
    }, 240_000);

    afterAll(async () => {
      counselorSocket?.disconnect();
      supervisorSocket?.disconnect();
      await t?.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('counselors get no name, type, size or hash of a known file: neither live nor from the API', async () => {
      const subject = 'Tajno ime fajla';
      const toCounselor = onMessage(counselorSocket, 'message:created', subject);
      const toSupervisor = onMessage(supervisorSocket, 'message:created', subject);
      await deliver(subject, [
        { name: secretName, type: 'image/png', bytes: known },
        { name: 'dopis.pdf', type: 'application/pdf', bytes: PDF },
      ]);
      const live = await toCounselor;
      const full = await toSupervisor;
      const neutral = live.message.attachments.find((a) => a.knownMaterial);
      expect(neutral).toEqual({
        id: expect.any(String),
        fileName: '',
        contentType: 'application/octet-stream',
        size: 0,
        sha256: '',
        withheldReason: 'known_material',
        detectedType: null,
        kind: 'unknown',
        typeMismatch: false,
        knownMaterial: true,
      });
      // The ordinary file is described as before.
      expect(live.message.attachments.find((a) => !a.knownMaterial)).toMatchObject({
        fileName: 'dopis.pdf',
        kind: 'pdf',
      });
      expect(JSON.stringify(live)).not.toContain('ime-deteta');
      expect(JSON.stringify(live)).not.toContain(sha256(known));
      expect(full.message.attachments.find((a) => a.knownMaterial)).toMatchObject({
        id: neutral?.id,
        fileName: secretName,
        contentType: 'image/png',
        detectedType: 'image/png',
        sha256: sha256(known),
      });

      taggedCase = live.caseId;
      const asCounselor = await open(taggedCase, counselor.cookie);
      expect(JSON.stringify(asCounselor)).not.toContain('ime-deteta');
      expect(JSON.stringify(asCounselor)).not.toContain(sha256(known));
      expect(asCounselor.messages[0]?.attachments.find((a) => a.knownMaterial)).toEqual(neutral);
      for (const cookie of [supervisor.cookie, admin]) {
        const d = await open(taggedCase, cookie);
        expect(d.messages[0]?.attachments.find((a) => a.knownMaterial)?.fileName).toBe(secretName);
      }

      // A counselor's own note on that case does not bring the name back either.
      const note = await t.api(`/api/cases/${taggedCase}/messages`, {
        method: 'POST',
        cookie: counselor.cookie,
        json: { kind: 'note', text: 'Predato supervizoru' },
      });
      expect(note.status).toBe(201);
      expect(JSON.stringify(await note.json())).not.toContain('ime-deteta');
    }, 120_000);

    it('only supervisors and admins take the "abuse material" tag off; a counselor is refused and that is audited', async () => {
      expect(taggedCase).not.toBe('');
      const put = (cookie: string, tags: string[]) =>
        t.api(`/api/cases/${taggedCase}/tags`, { method: 'PUT', cookie, json: { tags } });
      const refused = await put(counselor.cookie, ['hitno']);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: 'abuse_material_tag_protected' });
      const tagsNow = async () =>
        (await t.k.store.db.select().from(caseTags).where(eq(caseTags.caseId, taggedCase))).map((r) => r.tag).sort();
      expect(await tagsNow()).toEqual(['abuse material']);
      const refusals = await t.k.store.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'case.tags_refused'), eq(auditLog.entityId, taggedCase)));
      expect(refusals.map((r) => r.actorId)).toEqual([counselor.id]);

      // Adding a tag next to it is ordinary tag editing.
      expect((await put(counselor.cookie, ['abuse material', 'hitno'])).status).toBe(200);
      expect(await tagsNow()).toEqual(['abuse material', 'hitno']);
      // Counselors may still remove their own tags, as long as the protected one stays.
      expect((await put(counselor.cookie, ['abuse material'])).status).toBe(200);

      const ok = await put(supervisor.cookie, ['pregledano']);
      expect(ok.status).toBe(200);
      expect(await tagsNow()).toEqual(['pregledano']);
      const untagged = await t.k.store.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'case.abuse_material_untagged'), eq(auditLog.entityId, taggedCase)));
      expect(untagged.map((r) => r.actorId)).toEqual([supervisor.id]);
    }, 120_000);

    it('a hash added to the list later finds the files stored before it, once', async () => {
      const earlier = png('arrived-before-the-list');
      const subject = 'Stigla pre liste';
      await deliver(subject, [{ name: 'odmor-more.png', type: 'image/png', bytes: earlier }]);
      const id = await caseIdOf(subject);
      const before = await open(id, supervisor.cookie);
      expect(before.priority).toBe('normal');
      const file = before.messages[0]?.attachments[0];
      if (!file) throw new Error('no attachment');
      expect(file.knownMaterial).toBe(false);

      const alert = nextEvent<{ case: CaseSummary; rules: string[] }>(
        supervisorSocket,
        'case:urgent',
        (e) => e.case.id === id && e.rules.includes('known_hash'),
      );
      const counselorUpdate = onMessage(counselorSocket, 'message:updated', subject);
      const supervisorUpdate = onMessage(supervisorSocket, 'message:updated', subject);
      const tagsEvent = nextEvent<{ caseId: string; tags: string[] }>(
        counselorSocket,
        'case:tags',
        (e) => e.caseId === id,
      );
      fs.appendFileSync(hashFile, `${sha256(earlier)}  # added later\n`);

      expect((await alert).case.priority).toBe('urgent');
      expect((await tagsEvent).tags).toContain('abuse material');
      const forCounselor = (await counselorUpdate).message.attachments[0];
      expect(forCounselor).toMatchObject({ id: file.id, knownMaterial: true, fileName: '', sha256: '' });
      expect((await supervisorUpdate).message.attachments[0]).toMatchObject({
        fileName: 'odmor-more.png',
        knownMaterial: true,
      });

      const after = await open(id, counselor.cookie);
      expect(after.priority).toBe('urgent');
      expect(after.messages[0]?.attachments[0]).toMatchObject({ knownMaterial: true, fileName: '' });
      const refused = await t.api(`/api/attachments/${file.id}/reveal`, {
        method: 'POST',
        cookie: counselor.cookie,
        json: {},
      });
      expect(refused.status).toBe(403);
      const matches = await t.k.store.db.select().from(knownHashMatches).where(eq(knownHashMatches.caseId, id));
      expect(matches).toHaveLength(1);
      expect(matches[0]).toMatchObject({ attachmentId: file.id, listEntry: 'known.txt:3 added later' });

      // Idempotent: a run over the whole list again (another node, a restart) records nothing new.
      const published: unknown[] = [];
      const again = createKnownHashRecheck({
        store: createKnownHashRecheckRepository(t.k.store.db),
        publisher: { publish: async (e) => void published.push(...e) },
      });
      const all = new Map([
        [sha256(known), 'known.txt:2'],
        [sha256(earlier), 'known.txt:3'],
      ]);
      expect(await again.recheck(all)).toBe(0);
      expect(published).toEqual([]);
      // A change of the file that adds no hash re-checks nothing either.
      fs.appendFileSync(hashFile, '# reviewed\n');
      await new Promise((r) => setTimeout(r, 2_500));
      expect(await t.k.store.db.select().from(knownHashMatches).where(eq(knownHashMatches.caseId, id))).toHaveLength(1);
      const urgentAudit = await t.k.store.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'case.auto_urgent'), eq(auditLog.entityId, id)));
      expect(urgentAudit).toHaveLength(1);
      expect(urgentAudit[0]?.details).toMatchObject({ rules: ['known_hash'], attachmentId: file.id, raised: true });
    }, 120_000);
  },
);

describe('erasure removes callback numbers and free text, keeps the counts (postgres)', () => {
  let t: TestKontakt;
  let admin: string;
  let counselor: { id: string; cookie: string };

  beforeAll(async () => {
    t = await startPhoneKontakt('postgres');
    admin = await t.login();
    counselor = await addUser(t, 'counselor', 'savetnik-poziv@test.kontakt');
  }, 240_000);

  afterAll(async () => {
    await t?.cleanup();
  });

  it('a missed call’s callback task loses its number, transcript and notes; statistics stay', async () => {
    const number = '+381641100009';
    const call = newCall({ from: '064 110 0009', outcome: 'missed' });
    expect((await postCall(t, { ...call, endedAt: at(call.startedAt, 25) })).status).toBe(202);
    const listed = await eventually(async () => {
      const r = (await (await t.api('/api/callbacks', { cookie: counselor.cookie })).json()) as {
        items: CallbackView[];
      };
      const item = r.items.find((i) => i.number === number);
      return item?.caseId ? item : undefined;
    }, 60_000);
    const caseId = listed.caseId as string;
    const attempt = await t.api(`/api/callbacks/${listed.id}/attempts`, {
      method: 'POST',
      cookie: counselor.cookie,
      json: { result: 'no_answer', note: 'Mama kaže da zovemo posle 17h' },
    });
    expect(attempt.status).toBeLessThan(300);
    // ministry_interior is one of the default institutions the server seeds at start.
    await t.k.store.db.insert(referrals).values({
      caseId,
      institution: 'ministry_interior',
      status: 'answered',
      summary: 'Pozvala devojčica sa broja 064 110 0009',
      outcome: 'Policija je razgovarala sa Anom i roditeljima',
      emailError: 'rejected for 064 110 0009',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const [before] = await t.k.store.db.select().from(phoneCallbacks).where(eq(phoneCallbacks.id, listed.id));
    expect(before).toMatchObject({ number, status: 'attempted', attempts: 1 });

    const erased = await t.api('/api/admin/erasure', {
      method: 'POST',
      cookie: admin,
      json: { caseId, reason: 'reporter_request' },
    });
    expect(erased.status).toBe(200);

    const [after] = await t.k.store.db.select().from(phoneCallbacks).where(eq(phoneCallbacks.id, listed.id));
    expect(after).toMatchObject({
      number: '[erased]',
      transcript: null,
      status: 'cancelled',
      resolution: 'anonymised',
      reason: 'missed',
      missedCalls: before?.missedCalls,
      attempts: 1,
      createdAt: before?.createdAt,
      dueAt: before?.dueAt,
    });
    expect(after?.completedAt).toBeInstanceOf(Date);
    const attempts = await t.k.store.db
      .select()
      .from(phoneCallbackAttempts)
      .where(eq(phoneCallbackAttempts.callbackId, listed.id));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ result: 'no_answer', note: null });
    const [callRow] = await t.k.store.db.select().from(phoneCalls).where(eq(phoneCalls.callId, call.callId));
    expect(callRow?.number).toBeNull();
    const [ref] = await t.k.store.db.select().from(referrals).where(eq(referrals.caseId, caseId));
    expect(ref).toMatchObject({ summary: '', outcome: null, emailError: null, status: 'answered' });

    // Nothing the counselor can list still shows the number.
    const lists = await Promise.all(
      ['', '?status=done', '?status=cancelled'].map(async (q) =>
        JSON.stringify(await (await t.api(`/api/callbacks${q}`, { cookie: counselor.cookie })).json()),
      ),
    );
    for (const l of lists) {
      expect(l).not.toContain('1100009');
      expect(l).not.toContain('17h');
    }
    const removed = await t.k.store.db.select().from(auditLog).where(eq(auditLog.entityId, listed.id));
    expect(JSON.stringify(removed)).not.toContain('1100009');
  }, 120_000);
});
