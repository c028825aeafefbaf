import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DESCRIPTION_FIELDS as SERVER_FIELDS } from '../../src/domain/case-description.ts';
import { TRIAGE_MARKS as SERVER_MARKS } from '../../src/triage-feedback/triage-feedback.ts';
import { ApiError } from '../../web-inbox/src/api.ts';
import { missingOnClose, refusalText } from '../../web-inbox/src/case-record/close-refusal.ts';
import { DESCRIPTION_FIELDS } from '../../web-inbox/src/case-record/record-api.ts';
import { setLang } from '../../web-inbox/src/i18n/index.ts';
import { TRIAGE_MARKS } from '../../web-inbox/src/triage/triage-api.ts';
import { markFor } from '../../web-inbox/src/triage/triage-mark.tsx';

/** A refused PATCH as the server answers it: 400 with one entry per field (src/domain/case.service.ts). */
const refused = (fields: { field: string; message: string }[]) =>
  new ApiError(400, { error: 'validation', message: 'invalid change', fields });

describe('the case record and triage marks in the inbox', () => {
  beforeAll(() => vi.stubGlobal('document', { documentElement: {} }));
  afterAll(() => {
    setLang('sr-Latn');
    vi.unstubAllGlobals();
  });

  it('knows the server’s record fields and triage marks, in the server’s order (the inbox imports no values from src/)', () => {
    expect(DESCRIPTION_FIELDS).toEqual(SERVER_FIELDS);
    expect(TRIAGE_MARKS).toEqual(SERVER_MARKS);
  });

  it('offers the mark a case’s priority allows', () => {
    expect(markFor('urgent')).toBe('should_not_have_been_urgent');
    for (const p of ['high', 'normal', 'low']) expect(markFor(p)).toBe('should_have_been_urgent');
  });

  it('says what a refused close still needs, in each language', () => {
    const err = refused([
      { field: 'category', message: 'a case cannot be closed without a category' },
      { field: 'gender', message: 'required before the case is closed' },
      { field: 'interventions', message: 'required before the case is closed' },
    ]);
    expect(missingOnClose(err)).toEqual(['category', 'gender', 'interventions']);
    setLang('en');
    expect(refusalText(err)).toBe('The case cannot be closed yet. Still needed: category, Gender, Interventions');
    setLang('sr-Latn');
    expect(refusalText(err)).toBe('Predmet još ne može da se zatvori. Nedostaje: kategorija, Pol, Intervencije');
    setLang('sr-Cyrl');
    expect(refusalText(err)).toBe('Предмет још не може да се затвори. Недостаје: категорија, Пол, Интервенције');
  });

  it('says any other refusal as the server did', () => {
    setLang('en');
    const mixed = refused([
      { field: 'gender', message: 'required before the case is closed' },
      { field: 'place', message: 'unknown district' },
    ]);
    expect(missingOnClose(mixed)).toEqual([]);
    expect(refusalText(mixed)).toBe(
      'Change refused: gender: required before the case is closed; place: unknown district',
    );
    expect(missingOnClose(new ApiError(403, { message: 'forbidden' }))).toEqual([]);
    expect(refusalText(new Error('offline'))).toBe('Change refused: offline');
  });
});
