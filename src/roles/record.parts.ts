import type { Router } from 'express';
import type { CaseRecordPort } from '../domain/case.service.ts';
import { createPlacesService } from '../domain/places.service.ts';
import { createReportService } from '../domain/report.service.ts';
import { createReportSettingsService } from '../domain/report-settings.service.ts';
import { createSubcategoryService } from '../domain/subcategory.service.ts';
import type { TaxonomyService } from '../domain/taxonomy.service.ts';
import { annualReportRoutes } from '../http/routes/annual-report.routes.ts';
import { recordRoutes } from '../http/routes/record.routes.ts';
import { reportsRoutes } from '../http/routes/reports.routes.ts';
import { outreachTotals } from '../outreach/outreach-totals.repository.ts';
import { createCaseRecord } from '../store/case-record.repository.ts';
import type { Db } from '../store/db.ts';
import { createPlaceRepository } from '../store/places.repository.ts';
import { createReportFiguresRepository } from '../store/report-figures.repository.ts';
import { createReportSettingsRepository } from '../store/report-settings.repository.ts';
import { createSubcategoryRepository } from '../store/subcategory.repository.ts';
import type { Core } from './core.ts';

const services = (db: Db, taxonomy: Pick<TaxonomyService, 'state'>) => {
  const subcategories = createSubcategoryService({
    store: createSubcategoryRepository(db),
    categoryState: (code) => taxonomy.state(code),
  });
  const settings = createReportSettingsService({
    store: createReportSettingsRepository(db),
    categoryState: (code) => taxonomy.state(code),
    subcategoryCategory: async (code) => (await subcategories.get(code))?.category ?? null,
  });
  return { places: createPlacesService({ store: createPlaceRepository(db) }), subcategories, settings };
};

/**
 * The case record and the yearly report, wired (issue 22): run at every start, in every role, after
 * the taxonomy's defaults. Only what is missing is written; an admin's edits stay.
 */
export async function seedRecord(db: Db, taxonomy: Pick<TaxonomyService, 'state'>): Promise<void> {
  const s = services(db, taxonomy);
  await s.places.seedDefaults();
  await s.subcategories.seedDefaults();
  await s.settings.seedExample();
}

/** The api role's part: what the case service checks descriptions against, and the routes. */
export function recordParts(core: Core): { caseRecord: CaseRecordPort; routes: Router[] } {
  const db = core.store.db;
  const s = services(db, core.taxonomy);
  const reports = createReportService({
    figures: createReportFiguresRepository(db),
    settings: createReportSettingsRepository(db),
    outreach: (period) => outreachTotals(db, period),
    audit: core.audit,
  });
  return {
    caseRecord: createCaseRecord(db),
    routes: [recordRoutes(s), reportsRoutes(reports, s.settings), annualReportRoutes(reports, core.auth)],
  };
}
