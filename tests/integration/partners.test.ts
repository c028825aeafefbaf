import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartnerSubmission } from '../../src/partners/partner-reports.repository.ts';
import { auditLog } from '../../src/store/schema/index.ts';
import { addSignedInUser, eventually, startTestKontakt, type TestKontakt, testPassword } from '../helpers/kontakt.ts';

type CaseDetail = {
  id: string;
  channel: string;
  status: string;
  messages: { text: string; fields: Record<string, unknown> | null }[];
};

describe('partners: reports submitted for someone, each partner seeing their own', () => {
  let t: TestKontakt;
  let admin: string;
  let counselor: string;
  let partner: { id: string; cookie: string };
  let other: { id: string; cookie: string };

  const createUser = (json: Record<string, unknown>) => t.api('/api/users', { method: 'POST', cookie: admin, json });
  const submit = (json: unknown, cookie = partner.cookie, key?: string) =>
    t.api('/api/partner/reports', {
      method: 'POST',
      cookie,
      json,
      ...(key && { headers: { 'idempotency-key': key } }),
    });
  const mine = async (cookie = partner.cookie) => {
    const res = await t.api('/api/partner/reports', { cookie });
    expect(res.status).toBe(200);
    return (await res.json()) as { items: PartnerSubmission[]; next: string | null };
  };
  const partnerAccount = async (email: string, institution: string) => {
    const res = await createUser({
      email,
      name: email.split('@')[0],
      role: 'partner',
      institution,
      password: testPassword(email),
    });
    expect(res.status).toBe(201);
    const { user } = (await res.json()) as { user: { id: string } };
    return { id: user.id, cookie: await t.login(email, testPassword(email)) };
  };

  beforeAll(async () => {
    t = await startTestKontakt('pglite');
    admin = await t.login();
    counselor = (await addSignedInUser(t, admin, 'savetnica@partners.test', 'counselor')).cookie;
    partner = await partnerAccount('dz-nis@partners.test', 'Dom zdravlja Niš');
    other = await partnerAccount('dz-cacak@partners.test', 'Dom zdravlja Čačak');
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it('admins give a partner an institution, and only a partner', async () => {
    const noInstitution = await createUser({
      email: 'p1@partners.test',
      name: 'P',
      role: 'partner',
      password: 'lozinka lozinka 1',
    });
    expect(noInstitution.status).toBe(400);
    expect(((await noInstitution.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('institution');
    const counselorWithOne = await createUser({
      email: 'c1@partners.test',
      name: 'C',
      role: 'counselor',
      institution: 'Dom zdravlja',
      password: 'lozinka lozinka 1',
    });
    expect(counselorWithOne.status).toBe(400);

    const list = (await (await t.api('/api/users', { cookie: admin })).json()) as {
      items: { id: string; institution: string | null }[];
    };
    expect(list.items.find((u) => u.id === partner.id)?.institution).toBe('Dom zdravlja Niš');
    const me = (await (await t.api('/api/me', { cookie: partner.cookie })).json()) as { user: { institution: string } };
    expect(me.user.institution).toBe('Dom zdravlja Niš');

    // A counselor made a partner needs one; a partner made a counselor loses it.
    const c = await addSignedInUser(t, admin, 'c2@partners.test', 'counselor');
    const patch = (json: unknown) => t.api(`/api/users/${c.id}`, { method: 'PATCH', cookie: admin, json });
    expect((await patch({ role: 'partner' })).status).toBe(400);
    const made = await patch({ role: 'partner', institution: 'DZ Loznica' });
    expect(made.status).toBe(200);
    expect(((await made.json()) as { user: { institution: string } }).user.institution).toBe('DZ Loznica');
    expect((await patch({ institution: null })).status).toBe(400);
    const back = await patch({ role: 'counselor' });
    expect(((await back.json()) as { user: { role: string; institution: null } }).user).toMatchObject({
      role: 'counselor',
      institution: null,
    });
    const entries = await t.k.store.db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, c.id)));
    const userEntries = entries.filter((e) => e.action.startsWith('user.'));
    expect(userEntries.map((e) => e.action)).toEqual(['user.create', 'user.role_change', 'user.role_change']);
    expect(userEntries[1]?.details).toMatchObject({ from: 'counselor', to: 'partner', institution: 'DZ Loznica' });
  });

  it('a partner submits through the intake: a case marked as theirs, and their list shows its status', async () => {
    const res = await submit({
      description: 'Pacijentkinja (14) dobija preteće poruke na Instagramu.',
      reporterRole: 'other',
      ageGroup: '13_15',
      anonymous: false,
      email: 'majka@example.rs',
      consent: true,
    });
    expect(res.status).toBe(202);
    const { reference, receipt } = (await res.json()) as { reference: string; receipt: string };
    expect(reference).toMatch(/^KC-\d{4}-\d{6}$/);
    expect(receipt).toMatch(/^[0-9A-Z]{4}-/);

    const detail = await eventually(async () => {
      const r = await t.api(`/api/cases/by-reference/${reference}`, { cookie: counselor });
      return r.status === 200 ? ((await r.json()) as CaseDetail) : null;
    });
    expect(detail.channel).toBe('web_form');
    expect(detail.messages[0]?.fields?.partner).toEqual({ institution: 'Dom zdravlja Niš', submittedBy: 'dz-nis' });

    const listed = await mine();
    expect(listed.items).toEqual([
      expect.objectContaining({ reference, institution: 'Dom zdravlja Niš', status: 'new', closedAt: null }),
    ]);
    // The case moves on; the partner sees its status (and nothing of its content).
    const closed = await t.api(`/api/cases/${detail.id}`, {
      method: 'PATCH',
      cookie: counselor,
      json: { status: 'closed', category: 'integrity' },
    });
    expect(closed.status).toBe(200);
    const after = (await mine()).items[0];
    expect(after?.status).toBe('closed');
    expect(after?.closedAt).not.toBeNull();
    expect(Object.keys(after ?? {}).sort()).toEqual([
      'closedAt',
      'institution',
      'reference',
      'status',
      'submittedAt',
      'updatedAt',
    ]);

    const [entry] = await t.k.store.db.select().from(auditLog).where(eq(auditLog.action, 'partner.report'));
    expect(entry).toMatchObject({
      actorId: partner.id,
      entityId: reference,
      details: { institution: 'Dom zdravlja Niš' },
    });
  });

  it('each partner sees only their own submissions; nobody else has the list', async () => {
    expect((await submit({ description: 'Drugi dom zdravlja.' }, other.cookie)).status).toBe(202);
    const theirs = await mine(other.cookie);
    expect(theirs.items.map((i) => i.institution)).toEqual(['Dom zdravlja Čačak']);
    expect((await mine()).items.every((i) => i.institution === 'Dom zdravlja Niš')).toBe(true);
    expect((await t.api('/api/partner/reports', { cookie: counselor })).status).toBe(403);
    expect((await t.api('/api/partner/reports', { cookie: admin })).status).toBe(403);
    expect((await t.api('/api/cases', { cookie: partner.cookie })).status).toBe(403);
    expect((await t.api('/api/outreach', { cookie: partner.cookie })).status).toBe(403);
  });

  it('refuses a bad report by field, and takes a repeated key once', async () => {
    const bad = await submit({ description: '   ', ageGroup: 'ancient' });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['description', 'ageGroup']));

    const key = randomUUID();
    const first = (await (await submit({ description: 'Ponovljeno slanje.' }, partner.cookie, key)).json()) as {
      reference: string;
    };
    const again = await submit({ description: 'Ponovljeno slanje.' }, partner.cookie, key);
    expect(again.status).toBe(202);
    expect(((await again.json()) as { reference: string }).reference).toBe(first.reference);
    expect((await submit({ description: 'Drugi tekst.' }, partner.cookie, key)).status).toBe(409);
    // The same key from another partner is another report.
    const otherKey = (await (await submit({ description: 'Ponovljeno slanje.' }, other.cookie, key)).json()) as {
      reference: string;
    };
    expect(otherKey.reference).not.toBe(first.reference);
    const refs = (await mine()).items.map((i) => i.reference);
    expect(refs.filter((r) => r === first.reference)).toHaveLength(1);
  });

  it('pages the list by keyset', async () => {
    for (let i = 0; i < 4; i++) expect((await submit({ description: `Prijava ${i}` })).status).toBe(202);
    const all = (await mine()).items.map((i) => i.reference);
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const q: string = before ? `?limit=2&before=${encodeURIComponent(before)}` : '?limit=2';
      const page = (await (await t.api(`/api/partner/reports${q}`, { cookie: partner.cookie })).json()) as {
        items: PartnerSubmission[];
        next: string | null;
      };
      seen.push(...page.items.map((i) => i.reference));
      before = page.next;
    } while (before);
    expect(seen).toEqual(all);
  });
});
