import { Router } from 'express';
import { type UrlService, urlSearchTerms } from '../../domain/url.service.ts';
import type { UrlPlatformService } from '../../domain/url-platform.service.ts';
import { urlExportToCsv, urlStatsToCsv } from '../../domain/url-stats.ts';
import { actorOf, requireRole } from '../session.ts';
import {
  platformBody,
  platformCodeParam,
  platformListQuery,
  platformPatchBody,
  urlActionBody,
  urlExportQuery,
  urlIdParam,
  urlListQuery,
  urlPatchBody,
  urlStatsQuery,
} from './urls.schema.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Reported URLs: case workers assess them and record actions (abuse material only for the roles
 * that may see it); supervisors and admins export them for partners and read the figures; admins
 * keep the platform list. A link is only ever text here: nothing is fetched or rendered.
 */
export function urlRoutes(service: UrlService, platforms: UrlPlatformService): Router {
  const r = Router();
  const staff = requireRole('counselor', 'supervisor', 'admin');
  const leads = requireRole('supervisor', 'admin');

  r.get('/api/urls', staff, async (req, res) => {
    const q = urlListQuery.parse(req.query);
    const page = await service.list(actorOf(req), {
      limit: q.limit,
      ...(q.assessment && { assessment: q.assessment }),
      ...(q.platform && { platform: q.platform }),
      ...(q.status && { status: q.status }),
      ...(q.q && { q: urlSearchTerms(q.q) }),
      ...(q.case && { caseId: q.case }),
      ...(q.cursor && { cursor: q.cursor }),
    });
    res.set('Cache-Control', 'no-store').json(page);
  });

  r.get('/api/urls/export', leads, async (req, res) => {
    const q = urlExportQuery.parse(req.query);
    const rows = await service.export(
      actorOf(req),
      {
        ...(q.assessment && { assessment: q.assessment }),
        ...(q.platform && { platform: q.platform }),
        ...(q.status && { status: q.status }),
        ...(q.from && { from: q.from }),
        ...(q.to && { to: q.to }),
      },
      q.format,
    );
    res.set('Cache-Control', 'no-store');
    const now = new Date();
    if (q.format === 'csv') {
      res
        .type('text/csv; charset=utf-8')
        .attachment(`kontakt-urls-${day(now)}.csv`)
        .send(`\uFEFF${urlExportToCsv(rows)}`);
      return;
    }
    res.attachment(`kontakt-urls-${day(now)}.json`).json({ exportedAt: now.toISOString(), items: rows });
  });

  r.get('/api/urls/stats', leads, async (req, res) => {
    const q = urlStatsQuery.parse(req.query);
    const stats = await service.stats(actorOf(req), { from: q.from, to: q.to }, q.format);
    res.set('Cache-Control', 'no-store');
    if (q.format === 'csv') {
      res
        .type('text/csv; charset=utf-8')
        .attachment(`kontakt-url-stats-${stats.from.slice(0, 10)}-${stats.to.slice(0, 10)}.csv`)
        .send(`\uFEFF${urlStatsToCsv(stats)}`);
      return;
    }
    res.json(stats);
  });

  r.get('/api/urls/:id', staff, async (req, res) => {
    const { id } = urlIdParam.parse(req.params);
    res.set('Cache-Control', 'no-store').json(await service.get(actorOf(req), id));
  });

  r.patch('/api/urls/:id', staff, async (req, res) => {
    const { id } = urlIdParam.parse(req.params);
    const body = urlPatchBody.parse(req.body);
    res.json(
      await service.update(actorOf(req), id, {
        ...(body.assessment !== undefined && { assessment: body.assessment }),
        ...(body.hostingCountry !== undefined && { hostingCountry: body.hostingCountry }),
        ...(body.platform !== undefined && { platform: body.platform }),
      }),
    );
  });

  r.post('/api/urls/:id/actions', staff, async (req, res) => {
    const { id } = urlIdParam.parse(req.params);
    const body = urlActionBody.parse(req.body);
    const detail = await service.addAction(actorOf(req), id, {
      kind: body.kind,
      at: body.at ?? new Date(),
      note: body.note || null,
    });
    res.status(201).json(detail);
  });

  r.get('/api/url-platforms', staff, async (req, res) => {
    const q = platformListQuery.parse(req.query);
    res.json({ items: await platforms.list(q.all === true) });
  });

  r.post('/api/url-platforms', requireRole('admin'), async (req, res) => {
    const body = platformBody.parse(req.body);
    res.status(201).json(
      await platforms.add(actorOf(req), {
        code: body.code,
        name: body.name,
        hosts: body.hosts,
        ...(body.abuseEmail !== undefined && { abuseEmail: body.abuseEmail }),
        ...(body.abuseUrl !== undefined && { abuseUrl: body.abuseUrl }),
        ...(body.position !== undefined && { position: body.position }),
      }),
    );
  });

  r.patch('/api/url-platforms/:code', requireRole('admin'), async (req, res) => {
    const { code } = platformCodeParam.parse(req.params);
    const body = platformPatchBody.parse(req.body);
    res.json(
      await platforms.update(actorOf(req), code, {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.hosts !== undefined && { hosts: body.hosts }),
        ...(body.abuseEmail !== undefined && { abuseEmail: body.abuseEmail }),
        ...(body.abuseUrl !== undefined && { abuseUrl: body.abuseUrl }),
        ...(body.position !== undefined && { position: body.position }),
        ...(body.retired !== undefined && { retired: body.retired }),
      }),
    );
  });

  return r;
}
