import { Router } from 'express';
import type { PlacesService } from '../../domain/places.service.ts';
import type { ReportSettingsService } from '../../domain/report-settings.service.ts';
import type { SubcategoryService } from '../../domain/subcategory.service.ts';
import { actorOf, requireRole, requireUser } from '../session.ts';
import {
  codeParam,
  districtPatchBody,
  municipalityAddBody,
  municipalityPatchBody,
  recordSettingsBody,
  subcategoryAddBody,
  subcategoryPatchBody,
} from './record.schema.ts';

/**
 * The lists a case is described with (places, sub-categories) and the fields required before
 * closing: every case worker reads them (pickers, the inbox's "missing" list); admins change them.
 */
export function recordRoutes(s: {
  places: PlacesService;
  subcategories: SubcategoryService;
  settings: ReportSettingsService;
}): Router {
  const r = Router();
  const admin = requireRole('admin');

  r.get('/api/places', requireUser, async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json({ districts: await s.places.list() });
  });
  r.post('/api/places/municipalities', admin, async (req, res) => {
    const body = municipalityAddBody.parse(req.body);
    res.status(201).json({ districts: await s.places.addMunicipality(actorOf(req), body) });
  });
  r.patch('/api/places/municipalities/:code', admin, async (req, res) => {
    const { code } = codeParam.parse(req.params);
    const patch = municipalityPatchBody.parse(req.body);
    res.json({ districts: await s.places.changeMunicipality(actorOf(req), code, patch) });
  });
  r.patch('/api/places/districts/:code', admin, async (req, res) => {
    const { code } = codeParam.parse(req.params);
    const patch = districtPatchBody.parse(req.body);
    res.json({ districts: await s.places.changeDistrict(actorOf(req), code, patch) });
  });

  r.get('/api/subcategories', requireUser, async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json({ items: await s.subcategories.list() });
  });
  r.post('/api/subcategories', admin, async (req, res) => {
    const body = subcategoryAddBody.parse(req.body);
    res.status(201).json(await s.subcategories.add(actorOf(req), body));
  });
  r.patch('/api/subcategories/:code', admin, async (req, res) => {
    const { code } = codeParam.parse(req.params);
    const patch = subcategoryPatchBody.parse(req.body);
    res.json(await s.subcategories.change(actorOf(req), code, patch));
  });

  r.get('/api/record/settings', requireUser, async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json({ requiredForClose: await s.settings.requiredForClose() });
  });
  r.put('/api/record/settings', admin, async (req, res) => {
    const body = recordSettingsBody.parse(req.body);
    res.json({ requiredForClose: await s.settings.setRequiredForClose(actorOf(req), body.requiredForClose) });
  });
  return r;
}
