import { describe, expect, it } from 'vitest';
import {
  parseReportSubmission,
  reportToEnvelope,
  submissionContentHash,
} from '../../connectors/web-form/report-submission.ts';
import { DEFAULT_CATEGORIES } from '../../src/domain/taxonomy.ts';
import { normaliseLanguageTag } from '../../src/i18n/lang-tag.ts';

const parse = (input: unknown) =>
  parseReportSubmission(input, { categories: DEFAULT_CATEGORIES, language: normaliseLanguageTag });

describe('report submission', () => {
  it('needs only a description and defaults to an anonymous hotline report in Serbian', () => {
    const r = parse({ description: 'Video na TikToku' });
    expect(r).toEqual({
      ok: true,
      value: {
        kind: 'report',
        description: 'Video na TikToku',
        urls: [],
        anonymous: true,
        consent: false,
        language: 'sr-Latn',
      },
    });
  });

  it('reports every failing field with a code', () => {
    const r = parse({
      description: '   ',
      urls: ['javascript:alert(1)', 'https://ok.example/x'],
      category: 'nope',
      reporterRole: 'alien',
      kind: 'x',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { field: 'description', code: 'required' },
        { field: 'urls', code: 'invalid_url' },
        { field: 'reporterRole', code: 'invalid_choice' },
        { field: 'kind', code: 'invalid_choice' },
      ]),
    );
  });

  it('rejects an unknown category and a description over 20,000 characters', () => {
    expect(parse({ description: 'x', category: 'nope' })).toEqual({
      ok: false,
      errors: [{ field: 'category', code: 'invalid_choice' }],
    });
    expect(parse({ description: 'x'.repeat(20_001) })).toEqual({
      ok: false,
      errors: [{ field: 'description', code: 'too_long' }],
    });
    expect(parse({ description: 'x'.repeat(20_000) }).ok).toBe(true);
  });

  it('accepts links one per line from a textarea and as a JSON array', () => {
    const a = parse({ description: 'd', urls: 'https://a.example/1\r\n\r\n http://b.example/2 ' });
    const b = parse({ description: 'd', urls: ['https://a.example/1', 'http://b.example/2'] });
    expect(a.ok && a.value.urls).toEqual(['https://a.example/1', 'http://b.example/2']);
    expect(b.ok && b.value.urls).toEqual(['https://a.example/1', 'http://b.example/2']);
  });

  it('keeps contact details only when the reporter gives up anonymity and consents', () => {
    const withContact = parse({
      description: 'd',
      anonymous: 'false',
      email: 'Mama@Example.RS',
      phone: '064 123 4567',
      consent: 'on',
    });
    expect(withContact.ok && withContact.value).toMatchObject({
      anonymous: false,
      email: 'mama@example.rs',
      phone: '+381641234567',
      consent: true,
    });
    const anonymousAnyway = parse({ description: 'd', anonymous: true, email: 'a@b.rs' });
    expect(anonymousAnyway.ok && anonymousAnyway.value.email).toBeUndefined();
    expect(parse({ description: 'd', anonymous: false })).toEqual({
      ok: false,
      errors: [
        { field: 'email', code: 'contact_needed' },
        { field: 'consent', code: 'consent_needed' },
      ],
    });
    expect(parse({ description: 'd', anonymous: false, email: 'not-an-email', phone: '12', consent: true })).toEqual({
      ok: false,
      errors: [
        { field: 'email', code: 'invalid_email' },
        { field: 'phone', code: 'invalid_phone' },
      ],
    });
  });

  it('treats a non-object body as an empty report', () => {
    expect(parse('description=x')).toEqual({ ok: false, errors: [{ field: 'description', code: 'required' }] });
    expect(parse(null)).toEqual({ ok: false, errors: [{ field: 'description', code: 'required' }] });
  });

  it('builds an envelope that opens a case with the pre-allocated reference', () => {
    const r = parse({
      description: 'Ćirilica: Здраво',
      anonymous: false,
      email: 'a@b.rs',
      phone: '+381 64 1234567',
      consent: true,
      kind: 'help',
    });
    if (!r.ok) throw new Error('should parse');
    const env = reportToEnvelope(r.value, {
      submissionId: 's1',
      reference: 'KC-2026-000001',
      receiptHash: 'h',
      receivedAt: new Date('2026-01-01T00:00:00Z'),
    });
    expect(env).toMatchObject({
      channel: 'web_form',
      externalId: 's1',
      sender: { kind: 'email', value: 'a@b.rs' },
      extraIdentities: [{ kind: 'phone', value: '+381641234567' }],
      thread: {
        newCase: { reference: 'KC-2026-000001', kind: 'help', anonymous: false, consent: true, receiptHash: 'h' },
      },
      message: { text: 'Ćirilica: Здраво' },
    });
  });

  it('takes the language as a BCP 47 tag and keeps one of the three it names', () => {
    const lang = (language: unknown) => {
      const r = parse({ description: 'x', language });
      return r.ok ? r.value.language : r.errors;
    };
    expect(lang('sr')).toBe('sr-Latn');
    expect(lang('sr-RS')).toBe('sr-Latn');
    expect(lang('sr-Latn-RS')).toBe('sr-Latn');
    expect(lang('sr-Cyrl')).toBe('sr-Cyrl');
    expect(lang('sr_Cyrl_RS')).toBe('sr-Cyrl');
    expect(lang('en-GB')).toBe('en');
    expect(lang('')).toBe('sr-Latn');
    expect(lang(undefined)).toBe('sr-Latn');
    expect(lang('de-DE')).toEqual([{ field: 'language', code: 'invalid_choice' }]);
    expect(lang(42)).toEqual([{ field: 'language', code: 'invalid_choice' }]);
  });

  it('the content key of a submission: the same content the same, any change of what makes the report different', () => {
    const base = { description: 'Opis', urls: ['https://a.example/x'], language: 'sr' };
    const key = (input: Record<string, unknown>) => {
      const r = parse(input);
      if (!r.ok) throw new Error('invalid');
      return submissionContentHash(r.value);
    };
    expect(key(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(key({ ...base, language: 'sr-Latn-RS', submission: '3f1c2b9e-8a47-4d2f-9c1e-5b6a7d8e9f01' })).toBe(
      key(base),
    );
    expect(key({ ...base, urls: 'https://a.example/x\n' })).toBe(key(base));
    const changed = [
      { ...base, description: 'Opis.' },
      { ...base, urls: [] },
      { ...base, category: 'integrity' },
      { ...base, kind: 'help' },
      { ...base, language: 'en' },
      { ...base, reporterRole: 'child' },
      { ...base, ageGroup: '9_12' },
      { ...base, anonymous: false, email: 'a@example.com', consent: true },
      { ...base, anonymous: false, phone: '0641234567', consent: true },
    ];
    const keys = new Set(changed.map(key));
    expect(keys.size).toBe(changed.length);
    expect(keys.has(key(base))).toBe(false);
  });
});
