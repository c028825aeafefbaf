import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../connectors/phone/call-record.ts';
import type { ReportSummary } from '../../src/domain/report-summary.ts';
import {
  auditLog,
  caseOutcomes,
  cases,
  messages,
  phoneCalls,
  referralLinks,
  referrals,
} from '../../src/store/schema/index.ts';
import { addUser } from '../fixtures/phone/phone-test-kit.ts';
import { startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';
import { whileAuditRefuses } from '../helpers/refuse-audit.ts';

type NewCase = typeof cases.$inferInsert;
const BASE = { kind: 'report', status: 'open', priority: 'normal', anonymous: true, consent: false } as const;
const at = (iso: string) => new Date(iso);
const minutes = (iso: string, n: number) => new Date(new Date(iso).getTime() + n * 60_000);

/**
 * A seeded year whose figures are known: cases on every channel with their descriptions, one just
 * inside 2026 by Belgrade time and one just outside, a merged case, messages, calls, referrals
 * answered by e-mail and through the institution's link, outcome notices, the outreach register
 * and the baseline from before Kontakt. Chosen so that the totals are the centre's own sentence.
 */
async function seed(t: TestKontakt, admin: string) {
  const db = t.k.store.db;
  let n = 0;
  const add = async (c: Omit<NewCase, 'reference' | 'updatedAt' | 'lastActivityAt'>) => {
    const [row] = await db
      .insert(cases)
      .values({ ...c, reference: `KC-TEST-${++n}`, updatedAt: c.createdAt, lastActivityAt: c.createdAt })
      .returning({ id: cases.id });
    return row?.id as string;
  };
  const message = (caseId: string, channel: string, createdAt: Date, direction: 'inbound' | 'outbound' = 'inbound') =>
    db
      .insert(messages)
      .values({ caseId, channel, direction, externalId: randomUUID(), text: 'x', createdAt, receivedAt: createdAt })
      .returning({ id: messages.id });

  const old = await add({ ...BASE, channel: 'web_form', createdAt: at('2025-06-10T10:00:00Z') });
  // 00:30 on New Year's Day in Belgrade: 2026, and January.
  const c2 = await add({
    ...BASE,
    channel: 'web_form',
    createdAt: at('2025-12-31T23:30:00Z'),
    category: 'integrity',
    subcategory: 'cyberbullying',
    reporterRole: 'child',
    ageGroup: '13_15',
    gender: 'girl',
    placeDistrict: 'beograd',
    placeMunicipality: 'novi_beograd',
    interventions: ['advice', 'report_platform'],
    firstResponseAt: minutes('2025-12-31T23:30:00Z', 30),
  });
  const c3 = await add({
    ...BASE,
    channel: 'email',
    createdAt: at('2026-03-15T10:00:00Z'),
    category: 'integrity',
    subcategory: 'grooming',
    reporterRole: 'parent_guardian',
    ageGroup: '9_12',
    gender: 'boy',
    placeDistrict: 'nisavski',
    interventions: ['advice'],
    firstResponseAt: minutes('2026-03-15T10:00:00Z', 90),
  });
  const c4 = await add({
    ...BASE,
    channel: 'facebook',
    createdAt: at('2026-03-20T10:00:00Z'),
    category: 'advice',
    reporterRole: 'teacher_school_staff',
    interventions: ['information'],
    firstResponseAt: minutes('2026-03-20T10:00:00Z', 60),
  });
  await add({ ...BASE, channel: 'phone', createdAt: at('2026-07-01T10:00:00Z') });
  // 00:30 on New Year's Day 2027 in Belgrade: not this year, not "to date" either.
  const late = await add({ ...BASE, channel: 'web_form', createdAt: at('2026-12-31T23:30:00Z'), category: 'other' });
  // Merged into c3: counted there, not again.
  await add({
    ...BASE,
    channel: 'instagram',
    createdAt: at('2026-05-05T10:00:00Z'),
    mergedIntoId: c3,
    status: 'closed',
  });

  await message(old, 'web_form', at('2025-06-10T10:00:00Z'));
  await message(c2, 'web_form', at('2025-12-31T23:30:00Z'));
  await message(c2, 'web_form', at('2026-01-02T09:00:00Z'));
  await message(c2, 'web_form', at('2026-01-02T10:00:00Z'), 'outbound');
  await message(c3, 'email', at('2026-03-15T10:00:00Z'));
  await message(c4, 'facebook', at('2026-03-20T10:00:00Z'));
  await message(late, 'web_form', at('2026-12-31T23:30:00Z'));

  const call = (callId: string, startedAt: Date) =>
    db.insert(phoneCalls).values({
      callId,
      source: 'pbx',
      direction: 'inbound',
      state: 'ended',
      startedAt,
      record: {} as CallRecord,
      version: 1,
      createdAt: startedAt,
      updatedAt: startedAt,
    });
  await call('call-2025', at('2025-11-01T10:00:00Z'));
  await call('call-2026', at('2026-07-01T10:00:00Z'));

  const referral = async (caseId: string, institution: string, sentAt: string, status = 'sent', answeredAt?: Date) => {
    const [r] = await db
      .insert(referrals)
      .values({
        caseId,
        institution,
        status: status as 'sent',
        summary: 's',
        createdAt: at(sentAt),
        updatedAt: at(sentAt),
        sentAt: status === 'draft' ? null : at(sentAt),
        answeredAt: answeredAt ?? null,
      })
      .returning({ id: referrals.id });
    return r?.id as string;
  };
  // Answered by e-mail after 12 hours.
  await referral(c3, 'ministry_interior', '2026-03-16T00:00:00Z', 'answered', at('2026-03-16T12:00:00Z'));
  // Answered through the institution's one-time link after 36 hours.
  const linked = await referral(c2, 'ministry_education', '2026-01-05T00:00:00Z');
  await db.insert(referralLinks).values({
    referralId: linked,
    tokenHash: randomUUID(),
    createdAt: at('2026-01-05T00:00:00Z'),
    expiresAt: at('2026-02-05T00:00:00Z'),
    answeredAt: at('2026-01-06T12:00:00Z'),
    answerText: 'Postupljeno.',
  });
  await referral(c4, 'ministry_education', '2026-03-21T00:00:00Z');
  await referral(c4, 'ministry_health', '2026-03-21T00:00:00Z', 'draft');

  const [carried] = await message(c2, 'web_form', at('2026-02-01T10:00:00Z'), 'outbound');
  const outcome = (caseId: string, recordedAt: string, messageId: string | null) =>
    db.insert(caseOutcomes).values({
      caseId,
      outcome: 'advice_given',
      language: 'sr-Latn',
      text: 't',
      messageId,
      recordedAt: at(recordedAt),
    });
  await outcome(c2, '2026-02-01T10:00:00Z', carried?.id ?? null);
  await outcome(c3, '2026-04-01T10:00:00Z', null);

  const activity = async (json: Record<string, unknown>) => {
    const res = await t.api('/api/outreach', { method: 'POST', cookie: admin, json });
    expect(res.status, await res.clone().text()).toBe(201);
  };
  const school = (name: string, municipality: string) => ({ name, kind: 'primary_school', municipality });
  await activity({
    kind: 'school_presentation',
    date: '2026-02-10',
    institution: school('OŠ Vuk Karadžić', 'Niš'),
    audience: { students: 40 },
  });
  // The same school written in Cyrillic: one school, not two.
  await activity({
    kind: 'parents_meeting',
    date: '2026-02-11',
    institution: school('ОШ Вук Караџић', 'Ниш'),
    audience: { parents: 30 },
  });
  await activity({
    kind: 'school_presentation',
    date: '2026-04-01',
    institution: school('OŠ Njegoš', 'Beograd'),
    audience: { students: 27, parents: 44 },
  });
  await activity({
    kind: 'health_centre_training',
    date: '2026-05-01',
    institution: { name: 'Dom zdravlja Niš', kind: 'health_centre', municipality: 'Niš' },
    audience: { healthWorkers: 10 },
  });
  await activity({
    kind: 'school_presentation',
    date: '2025-10-01',
    institution: school('OŠ Sveti Sava', 'Niš'),
    audience: { students: 100 },
  });

  const baseline = await t.api('/api/reports/baseline', {
    method: 'PUT',
    cookie: admin,
    json: {
      channels: [
        { channel: 'phone', year: 2019, communications: 1000 },
        { channel: 'email', year: 2019, communications: 500 },
        { channel: 'web_form', year: 2020, communications: 3000 },
        { channel: 'facebook', year: 2021, communications: 10000 },
        // After the period: not in its "since the establishment".
        { channel: 'instagram', year: 2030, communications: 7 },
      ],
      outreach: {
        presentations: 390,
        primarySchools: 125,
        students: 14500,
        parents: 5000,
        healthCentres: 26,
        healthWorkers: 140,
      },
    },
  });
  expect(baseline.status).toBe(200);
}

describe.each(['postgres', 'pglite'] as const)('the centre’s figures and the yearly report (%s)', (engine) => {
  let t: TestKontakt;
  let admin: string;
  let supervisor: string;
  let counselor: string;
  let summary: ReportSummary;

  beforeAll(async () => {
    t = await startTestKontakt(engine);
    admin = await t.login();
    supervisor = (await addUser(t, 'supervisor', 'nadzor@test.kontakt')).cookie;
    counselor = (await addUser(t, 'counselor', 'savetnik@test.kontakt')).cookie;
    await seed(t, admin);
    const res = await t.api('/api/reports/summary?from=2026-01-01&to=2026-12-31&lang=en', { cookie: supervisor });
    expect(res.status).toBe(200);
    summary = (await res.json()) as ReportSummary;
  }, 180_000);
  afterAll(async () => t?.cleanup());

  const counts = (rows: { key: string; cases: number }[]) => rows.map((r) => [r.key, r.cases]);

  it('counts the period’s cases by every dimension, in Belgrade time, merged cases once', () => {
    const c = summary.cases;
    expect(c.total).toBe(4);
    expect(counts(c.byChannel)).toEqual([
      ['email', 1],
      ['facebook', 1],
      ['phone', 1],
      ['web_form', 1],
    ]);
    expect(counts(c.byCategory)).toEqual([
      ['integrity', 2],
      ['advice', 1],
      ['none', 1],
    ]);
    expect(c.byCategory[0]?.label).toBe('Harm to a child’s integrity');
    expect(counts(c.bySubcategory)).toEqual([
      ['integrity/cyberbullying', 1],
      ['integrity/grooming', 1],
    ]);
    expect(c.bySubcategory[0]?.label).toBe('Harm to a child’s integrity / Cyberbullying');
    expect(counts(c.byReporterRole)).toEqual([
      ['child', 1],
      ['none', 1],
      ['parent_guardian', 1],
      ['teacher_school_staff', 1],
    ]);
    expect(counts(c.byAgeGroup)).toEqual([
      ['none', 2],
      ['13_15', 1],
      ['9_12', 1],
    ]);
    expect(counts(c.byGender)).toEqual([
      ['none', 2],
      ['boy', 1],
      ['girl', 1],
    ]);
    expect(counts(c.byDistrict)).toEqual([
      ['none', 2],
      ['beograd', 1],
      ['nisavski', 1],
    ]);
    expect(c.byDistrict.find((r) => r.key === 'nisavski')?.label).toBe('Nišava District');
    expect(counts(c.byMonth)).toEqual([
      ['2026-01', 1],
      ['2026-03', 2],
      ['2026-07', 1],
    ]);
    expect(counts(c.byIntervention)).toEqual([
      ['advice', 2],
      ['information', 1],
      ['report_platform', 1],
    ]);
    expect(summary.medianFirstResponseMinutes).toBe(60);
  });

  it('communications by channel in the period and since the establishment, the baseline added', () => {
    const k = summary.communications;
    expect(k.period.map((r) => [r.channel, r.cases, r.messages, r.calls])).toEqual([
      ['email', 1, 1, 0],
      ['facebook', 1, 1, 0],
      ['phone', 1, 0, 1],
      ['web_form', 1, 2, 0],
    ]);
    expect(k.periodTotal).toEqual({ cases: 4, messages: 4, calls: 1 });
    expect(k.toDate.map((r) => [r.channel, r.baseline, r.cases, r.messages, r.calls, r.communications])).toEqual([
      ['facebook', 10000, 1, 1, 0, 10001],
      ['web_form', 3000, 2, 3, 0, 3002],
      ['phone', 1000, 1, 0, 2, 1001],
      ['email', 500, 1, 1, 0, 501],
    ]);
    expect(k.toDateTotal).toEqual({ baseline: 14500, cases: 5, communications: 14505 });
    expect(k.byYear.map((r) => [r.year, r.channel, r.baseline, r.cases])).toEqual([
      [2019, 'email', 500, 0],
      [2019, 'phone', 1000, 0],
      [2020, 'web_form', 3000, 0],
      [2021, 'facebook', 10000, 0],
      [2025, 'web_form', 0, 1],
      [2026, 'email', 0, 1],
      [2026, 'facebook', 0, 1],
      [2026, 'phone', 0, 1],
      [2026, 'web_form', 0, 1],
    ]);
  });

  it('referrals per institution with the median time to the answer; outcome notices; outreach', () => {
    expect(summary.referrals.byInstitution.map((r) => [r.key, r.referrals, r.answered, r.medianHoursToAnswer])).toEqual(
      [
        ['ministry_education', 2, 1, 36],
        ['ministry_interior', 1, 1, 12],
      ],
    );
    expect(summary.outcomeNotices).toEqual({ recorded: 2, sent: 1 });
    const { period, toDate } = summary.outreach;
    expect(period).toMatchObject({
      presentations: 3,
      primarySchools: 2,
      students: 67,
      parents: 74,
      healthCentres: 1,
      healthWorkers: 10,
    });
    expect(toDate).toMatchObject({
      presentations: 394,
      primarySchools: 128,
      students: 14667,
      parents: 5074,
      healthCentres: 27,
      healthWorkers: 150,
    });
  });

  it('writes the centre’s sentences from these figures, in English, Latin and Cyrillic', async () => {
    const text = (s: ReportSummary) => Object.fromEntries(s.sentences.map((x) => [x.key, x.text]));
    expect(text(summary)).toEqual({
      communications:
        'Since the establishment of the Centre, 14,505 communications have been registered by telephone, e-mail, the website and social media.',
      cases:
        'In 2026, 4 cases were opened: 1 through the website, 1 by e-mail, 1 by telephone and 1 through social media.',
      presentations:
        'So far, 394 presentations have been held in 128 primary schools for 14,667 students and 5,074 parents.',
      healthCentres: 'Educators have visited 27 health centres and trained 150 health workers.',
      presentationsInPeriod: 'In 2026, 3 presentations were held in 2 primary schools for 67 students and 74 parents.',
      referrals: 'Cases were referred to institutions 3 times, and the institutions answered 2 of these referrals.',
      outcomeNotices: 'Reporters were told what was done in 1 case.',
      firstResponse: 'Half of the cases received a first answer within 1 hour.',
    });
    const latin = (await (
      await t.api('/api/reports/summary?from=2026-01-01&to=2026-12-31&lang=sr-Latn', { cookie: admin })
    ).json()) as ReportSummary;
    expect(text(latin).presentations).toBe(
      'Do sada je održano 394 prezentacije u 128 osnovnih škola za 14.667 učenika i 5.074 roditelja.',
    );
    expect(text(latin).cases).toBe(
      'U 2026. godini otvoreno je 4 predmeta: 1 preko veb-sajta, 1 elektronskom poštom, 1 telefonom i 1 preko društvenih mreža.',
    );
    expect(latin.cases.byCategory[0]?.label).toBe('Ugrožavanje integriteta deteta');
    const cyrillic = (await (
      await t.api('/api/reports/summary?from=2026-01-01&to=2026-12-31&lang=sr-Cyrl', { cookie: admin })
    ).json()) as ReportSummary;
    expect(text(cyrillic).healthCentres).toBe(
      'Едукатори су посетили 27 домова здравља и обучили 150 здравствених радника.',
    );
    expect(text(cyrillic).outcomeNotices).toBe('Пријавиоцима је јављено шта је урађено у 1 предмету.');
  });

  it('only supervisors and admins read the figures; only admins enter the baseline; every reading is audited', async () => {
    expect((await t.api('/api/reports/summary', { cookie: counselor })).status).toBe(403);
    expect((await t.api('/reports/annual/2026', { cookie: counselor })).status).toBe(403);
    expect((await t.api('/reports/annual/2026')).status).toBe(401);
    expect((await t.api('/api/reports/annual/2026/tables/categories.csv', { cookie: counselor })).status).toBe(403);
    expect(
      (await t.api('/api/reports/baseline', { method: 'PUT', cookie: supervisor, json: { channels: [] } })).status,
    ).toBe(403);
    const bad = await t.api('/api/reports/summary?from=2026-13-01', { cookie: admin });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('from');
    const badBaseline = await t.api('/api/reports/baseline', {
      method: 'PUT',
      cookie: admin,
      json: { channels: [{ channel: 'pigeon', year: 2020, communications: 1 }] },
    });
    expect(((await badBaseline.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('channels.0.channel');
    const entries = await t.k.store.db.select().from(auditLog).where(eq(auditLog.action, 'report.summary'));
    expect(entries.length).toBeGreaterThanOrEqual(3);
    const [baselineEntry] = await t.k.store.db.select().from(auditLog).where(eq(auditLog.action, 'report.baseline'));
    expect(baselineEntry?.details).toMatchObject({ after: { outreach: { presentations: 390 } } });
  });

  it('the yearly report page shows the sentences, tables and charts, with a strict CSP, in the language asked', async () => {
    const res = await t.api('/reports/annual/2026?lang=sr-Latn', { cookie: supervisor });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).toContain('<html lang="sr-Latn">');
    expect(html).toContain('Godišnji izveštaj 2026');
    expect(html).toContain(
      'Do sada je održano 394 prezentacije u 128 osnovnih škola za 14.667 učenika i 5.074 roditelja.',
    );
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain('@media print');
    expect(html).not.toContain('<script');
    // The totals row of communications since the establishment, grouped the Serbian way.
    expect(html).toContain('<td class="n">14.500</td><td class="n">5</td><td class="n">14.505</td>');
    expect(html).toContain('href="/api/reports/annual/2026/tables/districts.csv?lang=sr-Latn');
    const cyrl = await (await t.api('/reports/annual/2026?lang=sr-Cyrl', { cookie: admin })).text();
    expect(cyrl).toContain('Годишњи извештај 2026');
    expect(cyrl).toContain('Нишавски округ');
  });

  it('every table has its CSV with the same figures; the external framework is keyed by its codes', async () => {
    const csv = async (name: string, lang = 'en') => {
      const res = await t.api(`/api/reports/annual/2026/tables/${name}.csv?lang=${lang}`, { cookie: supervisor });
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      return (await res.text())
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
    };
    expect(await csv('categories')).toEqual([
      'Code,Name,Cases',
      'integrity,Harm to a child’s integrity,2',
      'advice,Advice for parents and teachers,1',
      'none,Not recorded,1',
    ]);
    expect(await csv('months')).toEqual([
      'Code,Name,Cases',
      '2026-01,2026-01,1',
      '2026-03,2026-03,2',
      '2026-07,2026-07,1',
    ]);
    expect((await csv('communications-to-date')).at(-1)).toBe('total,Total,14500,5,14505');
    expect(await csv('referrals')).toEqual([
      'Code,Name,Referrals,Answered,Median to answer (hours)',
      'ministry_education,Ministry of Education,2,1,36',
      'ministry_interior,Ministry of Interior — police,1,1,12',
    ]);
    expect((await csv('outreach')).slice(0, 2)).toEqual([
      'Code,Name,In the year,Since the establishment',
      'presentations,Presentations,3,394',
    ]);
    // Grooming and cyberbullying have mappings of their own, advice maps as a whole category; a case
    // without a category is counted as not mapped, so the column adds up to the year's cases.
    expect(await csv('external-categories')).toEqual([
      'Network code,Network category,Cases,Centre categories',
      'BULLYING,Bullying and cyberbullying,1,integrity',
      'INFORMATION,Information and advice,1,advice',
      'ONLINE_SEXUAL_ABUSE,Online child sexual abuse and exploitation,1,integrity',
      'UNMAPPED,Not mapped,1,none',
    ]);
    expect((await csv('genders', 'sr-Cyrl'))[0]).toBe('Шифра,Назив,Предмети');
    expect((await t.api('/api/reports/annual/2026/tables/nope.csv', { cookie: admin })).status).toBe(400);
    const exported = await t.k.store.db.select().from(auditLog).where(eq(auditLog.action, 'report.export'));
    expect(exported.length).toBeGreaterThanOrEqual(7);
  });

  it('admins replace the mapping (audited); a row naming another category’s sub-category is refused', async () => {
    const put = (json: unknown, cookie = admin) =>
      t.api('/api/reports/category-mapping', { method: 'PUT', cookie, json });
    const refused = await put({
      framework: 'helpline_network_example',
      rows: [{ category: 'advice', subcategory: 'grooming', externalCode: 'X', externalLabel: 'X' }],
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe('rows.0.subcategory');
    expect((await put({ framework: 'helpline_network_example', rows: [] }, supervisor)).status).toBe(403);
    const ok = await put({
      framework: 'helpline_network_example',
      rows: [{ category: 'integrity', externalCode: 'VIOLENCE', externalLabel: 'Violence' }],
    });
    expect(ok.status).toBe(200);
    const lines = (
      await (await t.api('/api/reports/annual/2026/tables/external-categories.csv?lang=en', { cookie: admin })).text()
    )
      .trimEnd()
      .split('\r\n');
    expect(lines.slice(1)).toEqual(['UNMAPPED,Not mapped,2,advice none', 'VIOLENCE,Violence,2,integrity']);
    const [entry] = await t.k.store.db.select().from(auditLog).where(eq(auditLog.action, 'report.category_mapping'));
    expect(entry?.entityId).toBe('helpline_network_example');
  });

  it('an admin edit whose audit entry cannot be written leaves nothing changed', async () => {
    const db = t.k.store.db;
    const put = (path: string, json: unknown) => t.api(path, { method: 'PUT', cookie: admin, json });
    const before = await (await t.api('/api/reports/baseline', { cookie: admin })).json();
    const baseline = await whileAuditRefuses(db, 'report.baseline', () =>
      put('/api/reports/baseline', { channels: [{ channel: 'email', year: 2018, communications: 1 }] }),
    );
    expect(baseline.status).toBe(500);
    expect(await (await t.api('/api/reports/baseline', { cookie: admin })).json()).toEqual(before);

    const mapping = () => t.api('/api/reports/category-mapping', { cookie: admin }).then((r) => r.json());
    const rows = await mapping();
    const refusedMapping = await whileAuditRefuses(db, 'report.category_mapping', () =>
      put('/api/reports/category-mapping', { framework: rows.framework, rows: [] }),
    );
    expect(refusedMapping.status).toBe(500);
    expect(await mapping()).toEqual(rows);

    const refusedSetting = await whileAuditRefuses(db, 'record.required_for_close', () =>
      put('/api/record/settings', { requiredForClose: ['gender'] }),
    );
    expect(refusedSetting.status).toBe(500);
    expect(await (await t.api('/api/record/settings', { cookie: admin })).json()).toEqual({ requiredForClose: [] });

    const refusedPlace = await whileAuditRefuses(db, 'place.add', () =>
      t.api('/api/places/municipalities', {
        method: 'POST',
        cookie: admin,
        json: { code: 'nije_upisana', district: 'sremski', names: { 'sr-Latn': 'Nije upisana' } },
      }),
    );
    expect(refusedPlace.status).toBe(500);
    const places = (await (await t.api('/api/places', { cookie: admin })).json()) as {
      districts: { municipalities: { code: string }[] }[];
    };
    expect(places.districts.flatMap((d) => d.municipalities).some((m) => m.code === 'nije_upisana')).toBe(false);
  });
});
