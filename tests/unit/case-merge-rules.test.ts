import { describe, expect, it } from 'vitest';
import { type CaseFacts, type MessageFacts, mergeRefusal, moveRefusal } from '../../src/domain/case-merge.service.ts';
import { DomainError, ForbiddenError, ValidationError } from '../../src/domain/errors.ts';

const plain = (id: string, over: Partial<CaseFacts> = {}): CaseFacts => ({
  id,
  reference: `KC-2026-00000${id}`,
  mergedIntoId: null,
  held: false,
  anonymised: false,
  restricted: false,
  ...over,
});
const message = (over: Partial<MessageFacts> = {}): MessageFacts => ({
  id: 'm',
  caseId: '1',
  boundTo: null,
  knownMaterial: false,
  ...over,
});
const code = (fn: () => void) => {
  try {
    fn();
    return 'allowed';
  } catch (err) {
    if (err instanceof ValidationError) return `400 ${err.fields.map((f) => f.field).join()}`;
    if (err instanceof ForbiddenError) return `403 ${err.code}`;
    if (err instanceof DomainError) return `409 ${err.code}`;
    throw err;
  }
};

describe('the merge rules', () => {
  it.each([
    ['two plain cases', 'counselor', plain('1'), plain('2'), 'allowed'],
    ['the absorbed case was merged already', 'admin', plain('1', { mergedIntoId: '3' }), plain('2'), '409 case_merged'],
    ['into a merged case', 'admin', plain('1'), plain('2', { mergedIntoId: '3' }), '409 case_merged'],
    ['an anonymised case', 'admin', plain('1', { anonymised: true }), plain('2'), '409 case_anonymised'],
    ['into an anonymised case', 'admin', plain('1'), plain('2', { anonymised: true }), '409 case_anonymised'],
    ['out of a held case', 'admin', plain('1', { held: true }), plain('2'), '409 legal_hold'],
    ['into a held case', 'counselor', plain('1'), plain('2', { held: true }), 'allowed'],
    ['abuse material, a counselor', 'counselor', plain('1', { restricted: true }), plain('2'), '403 restricted_case'],
    [
      'into abuse material, a counselor',
      'counselor',
      plain('1'),
      plain('2', { restricted: true }),
      '403 restricted_case',
    ],
    ['abuse material, a supervisor', 'supervisor', plain('1', { restricted: true }), plain('2'), 'allowed'],
  ] as const)('%s: %s', (_what, role, source, target, expected) => {
    expect(code(() => mergeRefusal(role, source, target))).toBe(expected);
  });
});

describe('the move rules', () => {
  it.each([
    ['to another case', 'counselor', message(), plain('1'), plain('2'), 'allowed'],
    ['to its own case', 'counselor', message(), plain('1'), plain('1'), '400 toCaseId'],
    ['into a merged case', 'admin', message(), plain('1'), plain('2', { mergedIntoId: '3' }), '409 case_merged'],
    ['out of a held case', 'admin', message(), plain('1', { held: true }), plain('2'), '409 legal_hold'],
    ['into a held case', 'admin', message(), plain('1'), plain('2', { held: true }), 'allowed'],
    [
      'a referral answer',
      'admin',
      message({ boundTo: 'referral_answer' }),
      plain('1'),
      plain('2'),
      '409 message_bound',
    ],
    ['the outcome message', 'admin', message({ boundTo: 'outcome' }), plain('1'), plain('2'), '409 message_bound'],
    [
      'a known file, a counselor',
      'counselor',
      message({ knownMaterial: true }),
      plain('1'),
      plain('2'),
      '403 restricted_case',
    ],
    ['a known file, an admin', 'admin', message({ knownMaterial: true }), plain('1'), plain('2'), 'allowed'],
  ] as const)('%s: %s', (_what, role, m, from, to, expected) => {
    expect(code(() => moveRefusal(role, m, from, to))).toBe(expected);
  });
});
