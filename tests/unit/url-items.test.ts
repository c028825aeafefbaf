import { describe, expect, it } from 'vitest';
import { loadUrlsConfig } from '../../src/config/urls-config.ts';
import { urlSearchTerms } from '../../src/domain/url.service.ts';
import { mayViewRestrictedUrls, reminderDueAt, urlAudience, urlStatus } from '../../src/domain/url-items.ts';
import { type UrlExportRow, urlExportToCsv } from '../../src/domain/url-stats.ts';

const at = (iso: string) => new Date(iso);

describe('an item’s status follows its assessment and actions', () => {
  it.each([
    [null, [], 'new', null],
    ['harmful_not_illegal', [], 'assessed', null],
    ['csam', [{ kind: 'reported_to_platform', at: at('2026-03-01T10:00:00Z') }], 'in_progress', null],
    [
      'csam',
      [
        { kind: 'reported_to_platform', at: at('2026-03-01T10:00:00Z') },
        { kind: 'takedown_confirmed', at: at('2026-03-02T10:00:00Z') },
      ],
      'removed',
      '2026-03-02T10:00:00.000Z',
    ],
    [
      'csam',
      [
        { kind: 'still_online', at: at('2026-03-03T10:00:00Z') },
        { kind: 'takedown_confirmed', at: at('2026-03-02T10:00:00Z') },
      ],
      'in_progress',
      null,
    ],
    ['duplicate', [], 'closed', null],
    ['unreachable', [{ kind: 'still_online', at: at('2026-03-03T10:00:00Z') }], 'closed', null],
    [
      'not_actionable',
      [{ kind: 'takedown_confirmed', at: at('2026-03-03T10:00:00Z') }],
      'removed',
      '2026-03-03T10:00:00.000Z',
    ],
  ] as const)('%s with %j → %s', (assessment, actions, status, removedAt) => {
    const r = urlStatus(assessment, actions);
    expect(r.status).toBe(status);
    expect(r.removedAt?.toISOString() ?? null).toBe(removedAt);
  });

  it('a reminder is due N days after the last thing that happened, for open items only', () => {
    const since = {
      firstReportedAt: at('2026-03-01T00:00:00Z'),
      assessedAt: at('2026-03-02T00:00:00Z'),
      lastActionAt: null,
    };
    expect(reminderDueAt('assessed', since, 7)?.toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(reminderDueAt('in_progress', { ...since, lastActionAt: at('2026-03-05T00:00:00Z') }, 7)?.toISOString()).toBe(
      '2026-03-12T00:00:00.000Z',
    );
    expect(reminderDueAt('removed', since, 7)).toBeNull();
    expect(reminderDueAt('closed', since, 7)).toBeNull();
  });

  it('restricted items reach supervisors and admins only', () => {
    expect(urlAudience(false)).toEqual(['counselor', 'supervisor', 'admin']);
    expect(urlAudience(true)).toEqual(['supervisor', 'admin']);
    expect(['counselor', 'educator', 'partner'].some(mayViewRestrictedUrls)).toBe(false);
  });
});

describe('URL settings and search terms', () => {
  it('the centre’s own host is always ignored; a bad host stops the start', () => {
    const cfg = loadUrlsConfig({ URL_IGNORE_HOSTS: 'Centar.Example, пример.срб' }, 'https://kontakt.centar.rs/x');
    expect(cfg.ignoreHosts).toEqual(['kontakt.centar.rs', 'centar.example', 'xn--e1afmkfd.xn--90a3ac']);
    expect(cfg.reminderDays).toBe(7);
    expect(() => loadUrlsConfig({ URL_IGNORE_HOSTS: 'localhost' }, undefined)).toThrow(/URL_IGNORE_HOSTS/);
    expect(() => loadUrlsConfig({ URL_REMINDER_DAYS: '0' }, undefined)).toThrow(/URL_REMINDER_DAYS/);
    expect(loadUrlsConfig({ URL_SCAN_FROM: '2025-01-01' }, undefined).sweepFrom?.toISOString()).toBe(
      '2025-01-01T00:00:00.000Z',
    );
  });

  it('a Cyrillic search also looks for the stored punycode and percent-encoded forms', () => {
    expect(urlSearchTerms('пример.срб')).toEqual([
      'пример.срб',
      'xn--e1afmkfd.xn--90a3ac',
      '%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%81%D1%80%D0%B1',
    ]);
    expect(urlSearchTerms('tiktok.com/@ime')).toEqual(['tiktok.com/@ime']);
  });
});

describe('the export as CSV', () => {
  it('quotes what needs it and defuses spreadsheet formulas', () => {
    const row: UrlExportRow = {
      url: 'https://example.com/a?x=1,2',
      host: 'example.com',
      platform: 'other',
      hostingCountry: null,
      assessment: 'csam',
      assessedAt: '2026-03-01T00:00:00.000Z',
      firstReportedAt: '2026-02-28T00:00:00.000Z',
      lastReportedAt: '2026-02-28T00:00:00.000Z',
      reportCount: 2,
      status: 'removed',
      removedAt: '2026-03-02T00:00:00.000Z',
      actions: [
        { kind: 'reported_to_platform', at: '2026-03-01T00:00:00.000Z' },
        { kind: 'takedown_confirmed', at: '2026-03-02T00:00:00.000Z' },
      ],
    };
    const [head, line] = urlExportToCsv([row, { ...row, url: '=HYPERLINK("x")' }]).split('\r\n');
    expect(head).toBe(
      'url,host,platform,hosting_country,assessment,assessed_at,first_reported_at,last_reported_at,report_count,status,removed_at,actions',
    );
    expect(line).toBe(
      '"https://example.com/a?x=1,2",example.com,other,,csam,2026-03-01T00:00:00.000Z,2026-02-28T00:00:00.000Z,' +
        '2026-02-28T00:00:00.000Z,2,removed,2026-03-02T00:00:00.000Z,' +
        'reported_to_platform@2026-03-01T00:00:00.000Z; takedown_confirmed@2026-03-02T00:00:00.000Z',
    );
    expect(urlExportToCsv([{ ...row, url: '=HYPERLINK("x")' }])).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
