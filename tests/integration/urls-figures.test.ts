import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUrlService } from '../../src/domain/url.service.ts';
import type { UrlItemView } from '../../src/domain/url-items.ts';
import { createUrlScan } from '../../src/domain/url-scan.ts';
import type { UrlStats } from '../../src/domain/url-stats.ts';
import type { DomainEvent } from '../../src/domain/views.ts';
import { createAuditRepository } from '../../src/store/audit.repository.ts';
import { auditLog, urlItems } from '../../src/store/schema/index.ts';
import { createUrlRepository, createUrlViewReader } from '../../src/store/url.repository.ts';
import { createUrlScanRepository } from '../../src/store/url-scan.repository.ts';
import { addSignedInUser, eventually, startTestKontakt, type TestKontakt } from '../helpers/kontakt.ts';

const DAY = 86_400_000;

describe.each(['pglite', 'postgres'] as const)('reported URLs: figures, reminders and the sweep (%s)', (kind) => {
  let t: TestKontakt;
  let lead: { id: string; cookie: string };
  let counselor: { id: string; cookie: string };
  const events: DomainEvent[] = [];
  const publisher = { publish: async (e: DomainEvent[]) => void events.push(...e) };

  beforeAll(async () => {
    t = await startTestKontakt(kind, {
      REPORT_RATE_LIMIT: '1000',
      URL_REMINDER_DAYS: '3',
      // The server's own sweep runs at start only: this test runs it when it wants.
      URL_SCAN_INTERVAL_SEC: '3600',
    });
    const admin = await t.login();
    lead = await addSignedInUser(t, admin, 'analiticar@test.kontakt', 'supervisor');
    counselor = await addSignedInUser(t, admin, 'savetnica@test.kontakt', 'counselor');
  }, 120_000);
  afterAll(async () => t?.cleanup());

  const get = async <T>(path: string, cookie = lead.cookie) => {
    const res = await t.api(path, { cookie });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const find = async (q: string) => (await get<{ items: UrlItemView[] }>(`/api/urls?q=${encodeURIComponent(q)}`)).items;
  const reportLink = async (link: string) => {
    const res = await t.api('/api/reports', { method: 'POST', json: { description: `Pogledajte ${link}` } });
    expect(res.status).toBe(202);
    const [item] = await eventually(async () => {
      const found = await find(link);
      return found.length === 1 ? found : null;
    });
    if (!item) throw new Error('no item');
    return item;
  };
  const service = () =>
    createUrlService({
      store: createUrlRepository(t.k.store.db, { reminderDays: 3 }),
      audit: createAuditRepository(t.k.store.db),
      publisher,
    });

  it('figures equal what was inserted: by assessment, platform, country; takedown median and p90; open by age', async () => {
    const before = await get<UrlStats>('/api/urls/stats');
    const first = new Date('2024-03-10T10:00:00Z');
    const at = (min: number) => new Date(first.getTime() + min * 60_000);
    const row = (key: string, more: Partial<typeof urlItems.$inferInsert>) => ({
      key,
      url: `https://${key}`,
      host: key.split('/')[0] as string,
      firstReportedAt: first,
      lastReportedAt: first,
      reportCount: 1,
      createdAt: first,
      updatedAt: first,
      ...more,
    });
    const removed = (key: string, minutes: number, assessment: 'csam' | 'harmful_not_illegal') =>
      row(key, { platform: 'youtube', status: 'removed', removedAt: at(minutes), assessment, hostingCountry: 'US' });
    await t.k.store.db.insert(urlItems).values([
      removed('youtube.com/watch?v=1', 10, 'harmful_not_illegal'),
      removed('youtube.com/watch?v=2', 20, 'harmful_not_illegal'),
      removed('youtube.com/watch?v=3', 30, 'csam'),
      removed('youtube.com/watch?v=4', 40, 'csam'),
      removed('youtube.com/watch?v=5', 100, 'csam'),
      row('stara.example.com/a', { status: 'new' }),
      row('stara.example.com/b', { status: 'in_progress', assessment: 'csam', hostingCountry: 'NL' }),
      // Outside the period: counted only among open items by age.
      row('stara.example.com/c', { status: 'assessed', firstReportedAt: new Date('2024-02-01T00:00:00Z') }),
    ]);

    const stats = await get<UrlStats>('/api/urls/stats?from=2024-03-01&to=2024-04-01');
    expect(stats).toMatchObject({
      from: '2024-03-01T00:00:00.000Z',
      to: '2024-04-01T00:00:00.000Z',
      totalItems: 7,
      byAssessment: [
        { key: 'csam', items: 4 },
        { key: 'harmful_not_illegal', items: 2 },
        { key: 'none', items: 1 },
      ],
      byPlatform: [
        { key: 'youtube', items: 5, removed: 5, medianMinutesToTakedown: 30, p90MinutesToTakedown: 76 },
        { key: 'other', items: 2, removed: 0, medianMinutesToTakedown: null, p90MinutesToTakedown: null },
      ],
      byHostingCountry: [
        { key: 'US', items: 5 },
        { key: 'NL', items: 1 },
        { key: 'none', items: 1 },
      ],
      takedown: { removed: 5, medianMinutes: 30, p90Minutes: 76 },
    });
    // Open now, whatever the period: the three old ones are over 30 days old.
    const age = (s: UrlStats, key: string) => s.openByAge.find((b) => b.key === key)?.items ?? 0;
    expect(stats.openByAge.map((b) => b.key)).toEqual(['under_1d', '1d_3d', '3d_7d', '7d_30d', 'over_30d']);
    expect(age(stats, 'over_30d') - age(before, 'over_30d')).toBe(3);
    for (const key of ['under_1d', '1d_3d', '3d_7d', '7d_30d']) expect(age(stats, key)).toBe(age(before, key));

    const download = await t.api('/api/urls/stats?from=2024-03-01&to=2024-04-01&format=csv', { cookie: lead.cookie });
    expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')).toEqual(
      expect.arrayContaining([
        'dimension,key,items,removed,median_minutes_to_takedown,p90_minutes_to_takedown',
        'total,all,7,5,30,76',
        'platform,youtube,5,5,30,76',
        'assessment,csam,4,,,',
        'hosting_country,NL,1,,,',
      ]),
    );
    expect((await t.api('/api/urls/stats', { cookie: counselor.cookie })).status).toBe(403);
    const viewed = await t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, lead.id), sql`${auditLog.action} in ('url.stats_view', 'url.stats_export')`));
    expect(viewed.map((e) => e.action).sort()).toEqual(['url.stats_export', 'url.stats_view', 'url.stats_view']);
  });

  it('an open item past URL_REMINDER_DAYS is overdue and reminded once; an action moves the reminder on', async () => {
    const item = await reportLink('https://podsetnik.example.com/1');
    const fourDaysAgo = new Date(Date.now() - 4 * DAY);
    await t.k.store.db
      .update(urlItems)
      .set({ firstReportedAt: fourDaysAgo, lastReportedAt: fourDaysAgo })
      .where(eq(urlItems.id, item.id));
    const [overdue] = (await get<{ items: UrlItemView[] }>('/api/urls?status=overdue')).items.filter(
      (i) => i.id === item.id,
    );
    expect(overdue).toMatchObject({
      overdue: true,
      reminderDueAt: new Date(fourDaysAgo.getTime() + 3 * DAY).toISOString(),
    });

    const now = new Date();
    const due = await service().remindDue(now);
    expect(due).toBeGreaterThanOrEqual(1);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'url:updated',
        changed: ['reminder'],
        url: expect.objectContaining({ id: item.id }),
      }),
    );
    events.length = 0;
    await service().remindDue(now);
    expect(events.filter((e) => e.type === 'url:updated' && e.url.id === item.id)).toEqual([]);
    const reminders = await t.k.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'url.reminder'), eq(auditLog.entityId, item.id)));
    expect(reminders).toEqual([expect.objectContaining({ actorId: null })]);

    const acted = await t.api(`/api/urls/${item.id}/actions`, {
      method: 'POST',
      cookie: counselor.cookie,
      json: { kind: 'reported_to_platform' },
    });
    const after = (await acted.json()) as UrlItemView;
    expect(after.overdue).toBe(false);
    expect(Date.parse(after.reminderDueAt ?? '')).toBeGreaterThan(Date.now() + 2 * DAY);
    expect((await get<{ items: UrlItemView[] }>('/api/urls?status=overdue')).items.some((i) => i.id === item.id)).toBe(
      false,
    );

    // Three days after the action with nothing new: due again, once more.
    await service().remindDue(new Date(Date.now() + 4 * DAY));
    expect(events.filter((e) => e.type === 'url:updated' && e.url.id === item.id)).toHaveLength(1);
    // A confirmed takedown ends the reminders.
    await t.api(`/api/urls/${item.id}/actions`, {
      method: 'POST',
      cookie: counselor.cookie,
      json: { kind: 'takedown_confirmed' },
    });
    events.length = 0;
    await service().remindDue(new Date(Date.now() + 60 * DAY));
    expect(events.filter((e) => e.type === 'url:updated' && e.url.id === item.id)).toEqual([]);
  });

  it('the sweep finds links in messages the fast path never saw (a call-log import), and records each once', async () => {
    const csv =
      'callId,line,from,direction,startedAt,endedAt,durationSec,outcome,transcript\n' +
      'uvoz-1,19833,065 130 0009,inbound,2026-03-04T09:00:00Z,2026-03-04T09:04:00Z,240,answered,' +
      'Rekao je da je snimak na uvoz.example.com/snimak/5\n';
    const res = await t.api('/api/calls/import', {
      method: 'POST',
      cookie: lead.cookie,
      json: { format: 'generic', csv },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 1 });
    // Imported calls are applied without the inbound worker: nothing has read their links yet.
    expect(await find('uvoz.example.com')).toEqual([]);

    const reader = createUrlViewReader(t.k.store.db, { reminderDays: 3 });
    const scan = createUrlScan({
      store: createUrlScanRepository(t.k.store.db),
      views: reader.views,
      restrictedByKey: reader.restrictedByKey,
      publisher,
      ignoreHosts: [],
      settleMs: 0,
    });
    const later = new Date(Date.now() + 1000);
    expect(await scan.sweep(later)).toBeGreaterThanOrEqual(1);
    const [item] = await find('uvoz.example.com');
    expect(item).toMatchObject({ url: 'https://uvoz.example.com/snimak/5', reportCount: 1 });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'url:created', url: expect.objectContaining({ id: item?.id }) }),
    );

    // Again, from the start and by message: nothing is recorded twice.
    await t.k.store.db.execute(sql`update url_scan_state set through = ${new Date(Date.now() - DAY)}`);
    expect(await scan.sweep(new Date(Date.now() + 2000))).toBe(0);
    const detail = await get<{ reports: { messageId: string; channel: string }[] }>(`/api/urls/${item?.id}`);
    expect(detail.reports).toEqual([expect.objectContaining({ channel: 'phone' })]);
    expect(await scan.scanMessages([detail.reports[0]?.messageId ?? ''])).toBe(0);
    expect((await find('uvoz.example.com'))[0]?.reportCount).toBe(1);
  });
});
