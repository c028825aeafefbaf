import { eq } from 'drizzle-orm';
import type { CaseRecordPort } from '../domain/case.service.ts';
import { NotFoundError } from '../domain/errors.ts';
import { placeProblem } from '../domain/places.service.ts';
import { descriptionOf } from './case.repository.ts';
import type { Db } from './db.ts';
import { createPlaceRepository } from './places.repository.ts';
import { createReportSettingsRepository } from './report-settings.repository.ts';
import { cases } from './schema/index.ts';
import { createSubcategoryRepository } from './subcategory.repository.ts';

/** What the case service checks a description against: the case's own, the admins' lists and settings. */
export function createCaseRecord(db: Db): CaseRecordPort {
  const places = createPlaceRepository(db);
  const subcategories = createSubcategoryRepository(db);
  const settings = createReportSettingsRepository(db);
  return {
    async description(caseId) {
      const [c] = await db.select().from(cases).where(eq(cases.id, caseId));
      if (!c) throw new NotFoundError('case');
      return descriptionOf(c);
    },
    requiredForClose: () => settings.requiredForClose(),
    placeProblem: async (place, current) => placeProblem(await places.list(), place, current),
    async subcategory(code) {
      const s = await subcategories.get(code);
      return s ? { category: s.category, retired: s.retired } : null;
    },
  };
}
