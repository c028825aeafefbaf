import { Router } from 'express';
import { requestLang } from '../http/request-lang.ts';
import { accountOf, requireRole } from '../http/session.ts';
import { fieldErrorMessage } from '../i18n/field-errors.ts';
import { t } from '../i18n/messages.ts';
import { partnerListQuery } from './partner-reports.schema.ts';
import type { PartnerReportService } from './partner-reports.service.ts';

/** Partners only: they submit reports for someone and see their own submissions, nothing else. */
export function partnerReportRoutes(service: PartnerReportService): Router {
  const r = Router();
  r.use('/api/partner', requireRole('partner'));

  r.post('/api/partner/reports', async (req, res) => {
    const lang = requestLang(req);
    const user = req.user as NonNullable<typeof req.user>;
    const me = { ...accountOf(req), name: user.name };
    const result = await service.submit(me, req.body ?? {}, req.get('idempotency-key'));
    if (result.ok) {
      res.status(202).json({ reference: result.reference, receipt: result.receipt });
      return;
    }
    if ('keyReused' in result) {
      res
        .status(409)
        .json({ error: 'idempotency_key_reused', field: 'submission', message: t(lang, 'errors.keyReusedApi') });
      return;
    }
    res.status(400).json({
      error: 'validation',
      fields: result.errors.map((e) => ({
        field: e.field,
        code: e.code,
        message: fieldErrorMessage(lang, e.field, e.code),
      })),
    });
  });

  r.get('/api/partner/reports', async (req, res) => {
    const q = partnerListQuery.parse(req.query);
    res.json(await service.list(accountOf(req).id, q));
  });

  return r;
}
