import { describe, expect, it } from 'vitest';
import { type DraftSource, proposeSummary, REDACTED, redactContact } from '../../src/domain/referral-summary.ts';
import { canMove, isOverdue } from '../../src/domain/referrals.ts';

const contact: DraftSource['contact'] = {
  displayName: 'Jelena Marković',
  identities: [
    { kind: 'email', value: 'jelena.m@example.rs', displayName: null },
    { kind: 'phone', value: '+381641234567', displayName: null },
    { kind: 'facebook_psid', value: '2739482734982734', displayName: 'Jeca Mark' },
  ],
};

describe('redacting the reporter’s contact details', () => {
  it('removes e-mail addresses, phone numbers in the ways people write them, identities and names', () => {
    const text =
      'Ja sam Jelena Marković (Јелена Марковић), zovite 064/123-45-67, +381 64 123 4567 ili 00381641234567, pišite na drugi@mejl.co.rs; moj PSID 2739482734982734, nadimak Jeca.';
    const out = redactContact(text, contact);
    for (const s of [
      'Jelena',
      'Marković',
      'Јелена',
      'Марковић',
      '064/123-45-67',
      '+381 64 123 4567',
      '00381641234567',
      'drugi@mejl.co.rs',
      '2739482734982734',
      'Jeca',
    ])
      expect(out).not.toContain(s);
    expect(out).toContain(REDACTED);
    expect(out).toContain('Ja sam');
  });

  it('keeps case references, dates, times and short numbers', () => {
    const text = 'Predmet KC-2026-000123, od 2026-11-20 i 20.11.2026. u 14:30, 3 puta, razred 7.';
    expect(redactContact(text, null)).toBe(text);
  });

  it('does not cut a name out of a longer word', () => {
    const out = redactContact('Jelenin brat i Jelena', { displayName: 'Jelena', identities: [] });
    expect(out).toBe(`Jelenin brat i ${REDACTED}`);
  });

  it('proposes a summary with the case facts, and contact details only when asked', () => {
    const src: DraftSource = {
      reference: 'KC-2026-000042',
      category: 'integrity',
      categoryLabel: 'Ugrožavanje integriteta',
      priority: 'urgent',
      createdAt: new Date('2026-11-20T10:00:00Z'),
      lastActivityAt: new Date('2026-11-21T08:30:00Z'),
      channel: 'email',
      reporterRole: 'parent',
      ageGroup: '13_15',
      contact,
      messages: [{ at: new Date('2026-11-20T10:00:00Z'), text: 'Pišite mi na jelena.m@example.rs' }],
    };
    const plain = proposeSummary(src, false);
    expect(plain).toContain('KC-2026-000042');
    expect(plain).toContain('Ugrožavanje integriteta');
    expect(plain).toContain('Prioritet / Priority: urgent');
    expect(plain).toContain('2026-11-20 10:00 UTC');
    expect(plain).not.toContain('jelena.m@example.rs');
    expect(plain).not.toContain('Jelena');
    const full = proposeSummary(src, true);
    expect(full).toContain('email: jelena.m@example.rs');
    expect(full).toContain('phone: +381641234567');
    expect(full).toContain('Pišite mi na jelena.m@example.rs');
  });
});

describe('referral life cycle rules', () => {
  it('moves forward only, skipping allowed', () => {
    expect(canMove('sent', 'acknowledged')).toBe(true);
    expect(canMove('sent', 'closed')).toBe(true);
    expect(canMove('answered', 'acknowledged')).toBe(false);
    expect(canMove('closed', 'closed')).toBe(false);
  });

  it('is overdue only while unacknowledged past the deadline', () => {
    const sent = new Date('2026-11-01T00:00:00Z');
    expect(isOverdue('sent', sent, 5, new Date('2026-11-05T23:59:00Z'))).toBe(false);
    expect(isOverdue('sent', sent, 5, new Date('2026-11-06T00:01:00Z'))).toBe(true);
    expect(isOverdue('acknowledged', sent, 5, new Date('2026-12-01T00:00:00Z'))).toBe(false);
  });
});
