import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnownHashRecheck } from '../../src/domain/known-hash-recheck.ts';
import { parseHashList } from '../../src/domain/known-hashes.ts';
import type { MessageView } from '../../src/inbox/contract.ts';
import { putBlob } from '../../src/store/blob.repository.ts';
import { createDeadLetterRepository } from '../../src/store/dead-letter.repository.ts';
import { createKnownHashRecheckRepository } from '../../src/store/known-hash-recheck.repository.ts';
import { auditLog, blobs, cases, deadLetters, inboundEvents, messages } from '../../src/store/schema/index.ts';
import { eventually, nextEvent, seedUser, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const DAY = 86_400_000;

/** A mail as it came from the server; its bytes are on the known-hash list. */
const RAW_MAIL = Buffer.from(
  'From: nepoznat@example.net\r\nTo: prijava@kontakt.test\r\nSubject: =?broken?Q?x\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0 poznat materijal\r\n--b--\r\n',
  'latin1',
);
const KNOWN_FILE = sha256('a file on the list, named by an envelope');

type Listed = Record<string, unknown> & { id: string; size: number; knownMatch: boolean; caseId: string | null };

describe('dead letters kept in quarantine and under retention (postgres)', () => {
  let t: TestKontakt;
  let admin: string;
  let supervisor: string;
  let counselor: string;
  let adminId: string;
  let dir: string;
  let hashFile: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-dead-letters-'));
    hashFile = path.join(dir, 'known.txt');
    fs.writeFileSync(hashFile, `${sha256(RAW_MAIL)} # mail\n${KNOWN_FILE} # file\n`);
    t = await startTestKontakt('postgres', {
      KNOWN_HASHES_FILE: hashFile,
      KNOWN_HASHES_POLL_SECONDS: '1',
      RETENTION_DEAD_LETTER_DAYS: '90',
    });
    for (const [email, role] of [
      ['dl-supervisor@test.kontakt', 'supervisor'],
      ['dl-counselor@test.kontakt', 'counselor'],
    ] as const)
      await seedUser(t, email, role, 'lozinka 2026 duga', role);
    admin = await t.login();
    supervisor = await t.login('dl-supervisor@test.kontakt', 'lozinka 2026 duga');
    counselor = await t.login('dl-counselor@test.kontakt', 'lozinka 2026 duga');
    adminId = ((await (await t.api('/api/me', { cookie: admin })).json()) as { user: { id: string } }).user.id;
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const db = () => t.k.store.db;
  const list = async (): Promise<Listed[]> => {
    const res = await t.api('/api/admin/dead-letters?includeReplayed=true', { cookie: admin });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Listed[] }).items;
  };
  const blobCount = async (key: string) => (await db().select().from(blobs).where(eq(blobs.sha256, key))).length;
  /** An event no worker can apply (unknown channel): it is dead-lettered on its first attempt. */
  const deadInbound = async (externalId: string, message: Record<string, unknown>) => {
    const envelope = { channel: 'carrier_pigeon', externalId, receivedAt: new Date().toISOString(), message };
    const [ev] = await db()
      .insert(inboundEvents)
      .values({ channel: 'carrier_pigeon', externalId, envelope, status: 'received', receivedAt: new Date(0) })
      .returning();
    await t.k.recoverNow();
    const row = await eventually(async () => {
      const [r] = await db()
        .select()
        .from(deadLetters)
        .where(eq(deadLetters.inboundEventId, ev?.id ?? ''));
      return r;
    });
    return { envelope, row };
  };
  const payload = (id: string, cookie?: string) =>
    t.api(`/api/admin/dead-letters/${id}/payload`, { ...(cookie && { cookie }) });

  it('lists dead letters without payloads; one payload goes to an admin only, audited, as a download', async () => {
    const secret = 'Dete iz 5. razreda, adresa Ulica 12';
    const { envelope, row } = await deadInbound('coo-secret', { text: secret });
    const items = await list();
    const listed = items.find((i) => i.id === row.id);
    expect(listed).toMatchObject({ queue: 'inbound', caseId: null, knownMatch: false, replayable: true });
    expect(listed?.size).toBe(Buffer.byteLength(JSON.stringify(envelope)));
    expect(typeof listed?.createdAt).toBe('string');
    expect(listed).not.toHaveProperty('payload');
    expect(JSON.stringify(items)).not.toContain(secret);

    expect((await payload(row.id)).status).toBe(401);
    expect((await payload(row.id, counselor)).status).toBe(403);
    expect((await payload(row.id, supervisor)).status).toBe(403);
    const views = () =>
      db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'dead_letter.payload_viewed'), eq(auditLog.entityId, row.id)));
    expect(await views()).toHaveLength(0);

    const res = await payload(row.id, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="dead-letter-${row.id}.json"`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(Buffer.from(await res.arrayBuffer()).toString('utf8'))).toEqual(envelope);
    const viewed = await views();
    expect(viewed).toHaveLength(1);
    expect(viewed[0]?.actorId).toBe(adminId);

    expect((await payload('00000000-0000-4000-8000-000000000000', admin)).status).toBe(404);
    expect((await payload('not-a-uuid', admin)).status).toBe(400);
  });

  it('checks a dead-lettered raw mail, and the files an envelope names, against the known-hash list', async () => {
    // An unreadable mail, as the e-mail intake hands it over: kept byte for byte.
    const entries = parseHashList(fs.readFileSync(hashFile, 'utf8'), 'known.txt').entries;
    const repo = createDeadLetterRepository(db(), { knownHashes: { lookup: async (h) => entries.get(h) } });
    const mailId = await repo.add({
      queue: 'email-intake',
      jobName: 'prijava',
      jobId: 'uid-7',
      inboundEventId: null,
      raw: { bytes: RAW_MAIL, contentType: 'message/rfc822' },
      reason: 'unreadable mail: broken MIME',
      attempts: 1,
      now: new Date(),
    });
    // Through the running server: an envelope whose attachment is a known file.
    const { row } = await deadInbound('coo-known', {
      text: '',
      attachments: [{ fileName: 'x.jpg', contentType: 'image/jpeg', size: 3, sha256: KNOWN_FILE }],
    });
    const items = await list();
    expect(items.find((i) => i.id === mailId)).toMatchObject({ knownMatch: true, size: RAW_MAIL.length });
    expect(items.find((i) => i.id === row.id)?.knownMatch).toBe(true);
    const flagged = await db().select().from(auditLog).where(eq(auditLog.action, 'dead_letter.known_hash'));
    expect(flagged.map((a) => a.entityId).sort()).toEqual([mailId, row.id].sort());

    const res = await payload(mailId, admin);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="dead-letter-${mailId}.eml"`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(RAW_MAIL);
    expect(await blobCount(sha256(RAW_MAIL))).toBe(1);
  });

  it('checks dead letters again when their hashes are added to the list later, and flags each once', async () => {
    const laterFile = sha256('a file put on the list after its dead letter arrived');
    const { row } = await deadInbound('coo-later', {
      text: '',
      attachments: [{ fileName: 'y.jpg', contentType: 'image/jpeg', size: 3, sha256: laterFile }],
    });
    const laterMail = Buffer.from('From: x@example.net\r\nSubject: =?broken?Q?y\r\n\r\nnot on the list yet\r\n');
    const mailId = await createDeadLetterRepository(db()).add({
      queue: 'email-intake',
      jobName: 'prijava',
      jobId: 'uid-8',
      inboundEventId: null,
      raw: { bytes: laterMail, contentType: 'message/rfc822' },
      reason: 'unreadable mail: broken MIME',
      attempts: 1,
      now: new Date(),
    });
    const before = await list();
    expect(before.find((i) => i.id === row.id)?.knownMatch).toBe(false);
    expect(before.find((i) => i.id === mailId)?.knownMatch).toBe(false);
    const flags = async (id: string) =>
      db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'dead_letter.known_hash'), eq(auditLog.entityId, id)));

    fs.appendFileSync(hashFile, `${laterFile} # added later\n${sha256(laterMail)} # mail added later\n`);
    await eventually(async () => {
      const items = await list();
      return items.find((i) => i.id === row.id)?.knownMatch && items.find((i) => i.id === mailId)?.knownMatch;
    });
    expect(await flags(row.id)).toHaveLength(1);
    expect(await flags(mailId)).toHaveLength(1);
    expect((await flags(mailId))[0]).toMatchObject({ actorId: null, entityType: 'dead_letter' });

    // Another run over the same hashes (another node, a restart) flags nothing twice.
    const again = createKnownHashRecheck({
      store: createKnownHashRecheckRepository(db()),
      publisher: { publish: async () => undefined },
    });
    const added = new Map([
      [laterFile, 'known.txt:3'],
      [sha256(laterMail), 'known.txt:4'],
    ]);
    expect(await again.recheck(added)).toBe(0);
    expect(await flags(row.id)).toHaveLength(1);
    expect(await flags(mailId)).toHaveLength(1);
  });

  it('replays a dead-lettered reply from its quarantined payload', async () => {
    const posted = await t.api('/api/reports', { method: 'POST', json: { description: 'Odgovor koji nije otišao' } });
    const { reference } = (await posted.json()) as { reference: string };
    const c = await eventually(async () => (await db().select().from(cases).where(eq(cases.reference, reference)))[0]);
    // A reply whose job failed for good: stored, never sent, its job gone from the queue.
    const [reply] = await db()
      .insert(messages)
      .values({
        caseId: c.id,
        direction: 'outbound',
        channel: c.channel,
        text: 'Javljamo se.',
        authorId: adminId,
        deliveryStatus: 'failed',
        createdAt: new Date(),
        receivedAt: new Date(),
      })
      .returning();
    if (!reply) throw new Error('no reply');
    const id = await createDeadLetterRepository(db()).add({
      queue: 'outbound',
      jobName: 'send',
      jobId: null,
      inboundEventId: null,
      payload: { messageId: reply.id, caseId: c.id },
      reason: 'smtp 451',
      attempts: 5,
      now: new Date(),
    });
    expect((await list()).find((i) => i.id === id)?.caseId).toBe(c.id);
    const socket = await t.socket(admin);
    const again = nextEvent<{ message: MessageView }>(
      socket,
      'message:updated',
      (e) => e.message.id === reply.id && e.message.deliveryStatus === 'pending',
    );
    const replay = await t.api(`/api/admin/dead-letters/${id}/replay`, { method: 'POST', cookie: admin, json: {} });
    expect(replay.status).toBe(202);
    expect((await again).message.deliveryError).toBe('no_channel_for_contact');
    socket.disconnect();
  });

  it('refuses to replay what it cannot put back on a queue (an unreadable mail, a referral e-mail)', async () => {
    const repo = createDeadLetterRepository(db());
    const base = { jobId: null, inboundEventId: null, reason: 'x', attempts: 1, now: new Date() };
    const mail = await repo.add({
      ...base,
      queue: 'email-intake',
      jobName: 'prijava',
      raw: { bytes: Buffer.from('From: a@b\r\n\r\nunreadable'), contentType: 'message/rfc822' },
    });
    const referral = await repo.add({
      ...base,
      queue: 'referrals',
      jobName: 'send',
      payload: { referralId: '00000000-0000-4000-8000-00000000cafe' },
    });
    const items = await list();
    for (const id of [mail, referral]) {
      expect(items.find((i) => i.id === id)?.replayable).toBe(false);
      const res = await t.api(`/api/admin/dead-letters/${id}/replay`, { method: 'POST', cookie: admin, json: {} });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: 'not_replayable' });
      const [row] = await db().select().from(deadLetters).where(eq(deadLetters.id, id));
      expect(row?.replayedAt).toBeNull();
      const replays = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'dead_letter.replay'), eq(auditLog.entityId, id)));
      expect(replays).toHaveLength(0);
    }
  });

  it('erases old dead letters of no case, and a case’s dead letters with the case, blobs included', async () => {
    const repo = createDeadLetterRepository(db());
    const add = (payload: unknown, now: Date) =>
      repo.add({
        queue: 'referrals',
        jobName: 'send',
        jobId: null,
        inboundEventId: null,
        payload,
        reason: 'x',
        attempts: 1,
        now,
      });
    const oldPayload = { referralId: 'gone', note: 'stari' };
    const old = await add(oldPayload, new Date(Date.now() - 91 * DAY));
    const recent = await add({ referralId: 'kept', note: 'novi' }, new Date(Date.now() - 89 * DAY));
    expect(await blobCount(sha256(JSON.stringify(oldPayload)))).toBe(1);
    // An event nobody ever applied, dead-lettered 91 days ago: its envelope and the file it names go too.
    const file = Buffer.from('a photo sent with an event that was never applied');
    await putBlob(db(), file, 'image/jpeg');
    const { row: oldInbound } = await deadInbound('coo-old', {
      text: 'Stara prijava',
      attachments: [{ fileName: 'z.jpg', contentType: 'image/jpeg', size: file.length, sha256: sha256(file) }],
    });
    await db()
      .update(deadLetters)
      .set({ createdAt: new Date(Date.now() - 91 * DAY) })
      .where(eq(deadLetters.id, oldInbound.id));
    expect(await blobCount(sha256(file))).toBe(1);

    const started = await t.api('/api/admin/retention/run', { method: 'POST', cookie: admin, json: {} });
    expect(started.status).toBe(202);
    await eventually(
      async () => (await db().select().from(deadLetters).where(eq(deadLetters.id, old))).length === 0,
      60_000,
    );
    expect(await blobCount(sha256(JSON.stringify(oldPayload)))).toBe(0);
    expect(await db().select().from(deadLetters).where(eq(deadLetters.id, recent))).toHaveLength(1);
    expect(await db().select().from(deadLetters).where(eq(deadLetters.id, oldInbound.id))).toHaveLength(0);
    const [erasedEvent] = await db()
      .select()
      .from(inboundEvents)
      .where(eq(inboundEvents.id, oldInbound.inboundEventId ?? ''));
    expect(erasedEvent?.envelope).toEqual({ anonymised: true });
    expect(JSON.stringify(erasedEvent)).not.toContain('Stara prijava');
    expect(await blobCount(sha256(file))).toBe(0);
    // The run's log counts them.
    const run = await eventually(async () => {
      const { runs } = (await (await t.api('/api/admin/retention/runs', { cookie: admin })).json()) as {
        runs: { status: string; deadLettersErased: number }[];
      };
      return runs.find((r) => r.status !== 'running');
    });
    expect(run).toMatchObject({ status: 'done', deadLettersErased: 2 });

    // A case's dead letter stays while the case does, and goes when the reporter's data is erased.
    const posted = await t.api('/api/reports', { method: 'POST', json: { description: 'Obrisati na zahtev' } });
    const { reference } = (await posted.json()) as { reference: string };
    const c = await eventually(async () => (await db().select().from(cases).where(eq(cases.reference, reference)))[0]);
    const casePayload = { messageId: '00000000-0000-4000-8000-00000000beef', caseId: c.id };
    const ofCase = await add(casePayload, new Date(Date.now() - 400 * DAY));
    expect((await list()).find((i) => i.id === ofCase)?.caseId).toBe(c.id);
    const erased = await t.api('/api/admin/erasure', {
      method: 'POST',
      cookie: admin,
      json: { caseId: c.id, reason: 'reporter_request' },
    });
    expect(erased.status).toBe(200);
    expect(await db().select().from(deadLetters).where(eq(deadLetters.id, ofCase))).toHaveLength(0);
    expect(await blobCount(sha256(JSON.stringify(casePayload)))).toBe(0);
  }, 90_000);
});
