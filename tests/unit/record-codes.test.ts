import { describe, expect, it } from 'vitest';
import { GENDERS, INTERVENTIONS, REPORTER_ROLES } from '../../src/domain/case-description.ts';
import { GENDER_TEXT, INTERVENTION_TEXT, REPORTER_ROLE_TEXT } from '../../src/i18n/record-codes.ts';

describe("the case record's words (shared by the server's reports and the inbox)", () => {
  it.each([
    ['reporter roles', REPORTER_ROLES, REPORTER_ROLE_TEXT],
    ['genders', GENDERS, GENDER_TEXT],
    ['interventions', INTERVENTIONS, INTERVENTION_TEXT],
  ] as const)('name every one of the %s, and nothing else, in Serbian and English', (_, codes, texts) => {
    expect(Object.keys(texts).sort()).toEqual([...codes].sort());
    for (const text of Object.values(texts) as { sr: string; en: string }[]) {
      expect(text.sr.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
    }
  });
});
