import { Router } from 'express';
import type { ReferralService } from '../../domain/referral.service.ts';
import { actorOf, requireRole, requireUser } from '../session.ts';
import { caseIdParam } from './cases.schema.ts';
import {
  draftQuery,
  institutionBody,
  institutionCodeParam,
  institutionListQuery,
  institutionPatchBody,
  referralBody,
  referralIdParam,
  referralListQuery,
  referralPatchBody,
} from './referrals.schema.ts';

/** Institutions (admins edit them) and referrals of cases (every counselor refers). */
export function referralRoutes(service: ReferralService): Router {
  const r = Router();
  const staff = requireRole('counselor', 'supervisor', 'admin');

  r.get('/api/institutions', requireUser, async (req, res) => {
    const q = institutionListQuery.parse(req.query);
    res.json({ items: await service.institutions(q.all === true) });
  });

  r.post('/api/institutions', requireRole('admin'), async (req, res) => {
    res.status(201).json(await service.addInstitution(actorOf(req), institutionBody.parse(req.body)));
  });

  r.patch('/api/institutions/:code', requireRole('admin'), async (req, res) => {
    const { code } = institutionCodeParam.parse(req.params);
    res.json(await service.updateInstitution(actorOf(req), code, institutionPatchBody.parse(req.body)));
  });

  r.get('/api/cases/:id/referral-draft', staff, async (req, res) => {
    const { id } = caseIdParam.parse(req.params);
    const q = draftQuery.parse(req.query);
    res.json(await service.draft(actorOf(req), id, q.includeContact));
  });

  r.get('/api/cases/:id/referrals', staff, async (req, res) => {
    const { id } = caseIdParam.parse(req.params);
    res.json({ items: await service.forCase(actorOf(req), id) });
  });

  r.post('/api/cases/:id/referrals', staff, async (req, res) => {
    const { id } = caseIdParam.parse(req.params);
    const body = referralBody.parse(req.body);
    res.status(201).json(await service.refer(actorOf(req), id, body));
  });

  /** Supervisors' follow-up list: ?overdue=true for those not acknowledged in time. */
  r.get('/api/referrals', requireRole('supervisor', 'admin'), async (req, res) => {
    const q = referralListQuery.parse(req.query);
    res.json({
      items: await service.list(actorOf(req), {
        limit: q.limit,
        ...(q.overdue !== undefined && { overdue: q.overdue }),
        ...(q.status && { status: q.status }),
      }),
    });
  });

  r.patch('/api/referrals/:id', staff, async (req, res) => {
    const { id } = referralIdParam.parse(req.params);
    res.json(await service.move(actorOf(req), id, referralPatchBody.parse(req.body)));
  });

  r.post('/api/referrals/:id/retry', staff, async (req, res) => {
    const { id } = referralIdParam.parse(req.params);
    res.json(await service.retry(actorOf(req), id));
  });

  return r;
}
