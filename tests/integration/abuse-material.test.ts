import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseSummary } from '../../src/domain/views.ts';
import { attachmentChecks, auditLog, cases, knownHashMatches } from '../../src/store/schema/index.ts';
import { deliverMail, type MailFile, mimeWithFiles, sha256 } from '../fixtures/email/mail-with-files.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { eventually, nextEvent, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const sha = sha256;
/** A real 1×1 PNG; bytes after IEND make distinct files that are still PNGs. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const png = (tag: string) => Buffer.concat([PNG, Buffer.from(tag)]);
/** A Windows executable dressed up as a holiday photo. */
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(62, 0x90),
  Buffer.from('This program cannot be run in DOS mode.'),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe.each(['postgres', 'pglite'] as const)(
  'abuse material: sniffing, known hashes, reveal counts (%s)',
  (engine) => {
    let t: TestKontakt;
    let dir: string;
    let hashFile: string;
    let counselor: { id: string; cookie: string };
    let supervisor: { id: string; cookie: string };
    const known = png('known-1');

    const deliver = (subject: string, files: MailFile[]) => deliverMail(t, mimeWithFiles({ subject, files }));

    const caseBySubject = (subject: string) =>
      eventually(async () => {
        const [row] = await t.k.store.db.select({ id: cases.id }).from(cases).where(eq(cases.subject, subject));
        if (!row) return undefined;
        return (await (await t.api(`/api/cases/${row.id}`, { cookie: supervisor.cookie })).json()) as CaseDetail;
      }, 60_000);

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-hashes-'));
      hashFile = path.join(dir, 'known.txt');
      fs.writeFileSync(hashFile, `# known material, test list\n\n${sha(known)}  # case 17/2026\nnot-a-hash\n`);
      t = await startTestKontakt(engine, { KNOWN_HASHES_FILE: hashFile });
      counselor = await addUser(t, 'counselor', 'savetnica@test.kontakt');
      supervisor = await addUser(t, 'supervisor', 'supervizor@test.kontakt');
    }, 240_000);

    afterAll(async () => {
      await t?.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('sniffs every attachment, marks a known hash urgent and "abuse material", hides it from counselors', async () => {
      const socket = await t.socket(supervisor.cookie);
      const urgent = nextEvent<{ case: CaseSummary; rules: string[] }>(socket, 'case:urgent', (e) =>
        e.rules.includes('known_hash'),
      );
      await deliver('Slike', [
        { name: 'slika.png', type: 'image/png', bytes: known },
        { name: 'odmor.jpg', type: 'image/jpeg', bytes: EXE },
        { name: 'izvestaj.pdf', type: 'application/pdf', bytes: PDF },
      ]);
      const alert = await urgent;
      expect(alert.case.priority).toBe('urgent');
      const d = await caseBySubject('Slike');
      expect(d.id).toBe(alert.case.id);
      expect(d.priority).toBe('urgent');
      const files = d.messages.flatMap((m) => m.attachments);
      const byName = new Map(files.map((f) => [f.fileName, f]));
      const [pic, disguised, pdf] = ['slika.png', 'odmor.jpg', 'izvestaj.pdf'].map((n) => byName.get(n));
      if (!pic || !disguised || !pdf) throw new Error('attachments missing');

      // The declared type stays; the sniffed type is what the bytes are.
      expect(disguised.contentType).toBe('image/jpeg');
      expect(disguised.detectedType).toBe('application/x-msdownload');
      expect(disguised.kind).toBe('executable');
      expect(disguised.typeMismatch).toBe(true);
      expect(pdf).toMatchObject({
        detectedType: 'application/pdf',
        kind: 'pdf',
        typeMismatch: false,
        knownMaterial: false,
      });
      expect(pic).toMatchObject({ detectedType: 'image/png', kind: 'image', typeMismatch: false, knownMaterial: true });
      const checks = await t.k.store.db
        .select()
        .from(attachmentChecks)
        .where(eq(attachmentChecks.attachmentId, disguised.id));
      expect(checks[0]).toMatchObject({
        declaredType: 'image/jpeg',
        sniffedType: 'application/x-msdownload',
        mismatch: true,
      });

      // The match is recorded with its list entry; the case carries the tag.
      const [match] = await t.k.store.db
        .select()
        .from(knownHashMatches)
        .where(eq(knownHashMatches.attachmentId, pic.id));
      expect(match).toMatchObject({ caseId: d.id, sha256: sha(known), listEntry: 'known.txt:3 case 17/2026' });
      const extras = (await (await t.api(`/api/cases/${d.id}/extras`, { cookie: counselor.cookie })).json()) as {
        tags: string[];
      };
      expect(extras.tags).toContain('abuse material');

      // Counselors: refused (and that is on record); supervisors: a download that can never render.
      const refused = await t.api(`/api/attachments/${pic.id}/reveal`, {
        method: 'POST',
        cookie: counselor.cookie,
        json: {},
      });
      expect(refused.status).toBe(403);
      const refusals = await t.k.store.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'attachment.reveal_refused'));
      expect(refusals.some((r) => r.entityId === pic.id && r.actorId === counselor.id)).toBe(true);
      const shown = await t.api(`/api/attachments/${pic.id}/reveal`, {
        method: 'POST',
        cookie: supervisor.cookie,
        json: {},
      });
      expect(shown.status).toBe(200);
      expect(shown.headers.get('content-type')).toBe('application/octet-stream');
      expect(shown.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(shown.headers.get('x-content-type-options')).toBe('nosniff');
      expect(shown.headers.get('content-security-policy')).toContain('sandbox');
      expect(shown.headers.get('x-detected-content-type')).toBe('image/png');
      expect(Buffer.from(await shown.arrayBuffer()).equals(known)).toBe(true);
      socket.disconnect();
    }, 120_000);

    it('reads the list again when it changes', async () => {
      const later = png('known-2');
      fs.appendFileSync(hashFile, `${sha(later).toUpperCase()}\n`);
      await deliver('Druga slika', [{ name: 'druga.png', type: 'image/png', bytes: later }]);
      const d = await caseBySubject('Druga slika');
      expect(d.priority).toBe('urgent');
      expect(d.messages[0]?.attachments[0]?.knownMaterial).toBe(true);
    }, 120_000);

    it('counts reveals per counselor: supervisors see everyone, a counselor only their own', async () => {
      await deliver('Dokument', [{ name: 'dopis.pdf', type: 'application/pdf', bytes: PDF }]);
      const d = await caseBySubject('Dokument');
      const pdf = d.messages[0]?.attachments[0];
      if (!pdf) throw new Error('no attachment');
      expect(d.priority).toBe('normal');
      for (let i = 0; i < 2; i++) {
        const r = await t.api(`/api/attachments/${pdf.id}/reveal`, {
          method: 'POST',
          cookie: counselor.cookie,
          json: {},
        });
        expect(r.status).toBe(200);
      }
      const mine = (await (await t.api('/api/me/reveals', { cookie: counselor.cookie })).json()) as Record<
        string,
        number
      >;
      expect(mine).toMatchObject({ today: 2, week: 2, last30Days: 2 });

      expect((await t.api('/api/reveals', { cookie: counselor.cookie })).status).toBe(403);
      const team = (await (await t.api('/api/reveals', { cookie: supervisor.cookie })).json()) as {
        users: { userId: string; role: string; today: number; week: number; period: number }[];
      };
      expect(team.users.find((u) => u.userId === counselor.id)).toMatchObject({
        role: 'counselor',
        today: 2,
        week: 2,
        period: 2,
      });
      // The supervisor's own reveal of the known file counts for the supervisor.
      expect(team.users.find((u) => u.userId === supervisor.id)).toMatchObject({ today: 1 });
      const past = new Date(Date.now() - 90 * 86_400_000).toISOString();
      const old = (await (
        await t.api(
          `/api/reveals?from=${encodeURIComponent(past)}&to=${encodeURIComponent(new Date(Date.now() - 60 * 86_400_000).toISOString())}`,
          {
            cookie: supervisor.cookie,
          },
        )
      ).json()) as { users: { userId: string; period: number }[] };
      expect(old.users.find((u) => u.userId === counselor.id)?.period).toBe(0);
      const bad = await t.api('/api/reveals?from=yesterday', { cookie: supervisor.cookie });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('from');
    }, 120_000);

    it('the public form refuses files by field name and stores nothing', async () => {
      const form = new FormData();
      form.set('description', 'Pogledajte ovo');
      form.set('anonymous', 'true');
      form.set('evidence', new Blob([known], { type: 'image/png' }), 'slika.png');
      const before = await t.k.store.db.select().from(knownHashMatches);
      const api = await fetch(`${t.url}/api/reports`, { method: 'POST', body: form });
      expect(api.status).toBe(400);
      const body = (await api.json()) as { fields: { field: string; code: string }[] };
      expect(body.fields).toContainEqual(expect.objectContaining({ field: 'evidence', code: 'files_not_accepted' }));
      const page = await fetch(`${t.url}/report?lang=en`, { method: 'POST', body: form });
      expect(page.status).toBe(400);
      expect(await page.text()).toContain('does not take files');
      // Without a file the same multipart post is an ordinary report.
      const plain = new FormData();
      plain.set('description', 'Samo link, bez fajla');
      plain.set('anonymous', 'true');
      expect((await fetch(`${t.url}/api/reports`, { method: 'POST', body: plain })).status).toBe(202);
      expect(await t.k.store.db.select().from(knownHashMatches)).toHaveLength(before.length);
    }, 120_000);
  },
);
