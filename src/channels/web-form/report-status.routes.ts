import { randomUUID } from 'node:crypto';
import express, { type Request, type RequestHandler, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DESCRIPTION_MAX } from '../../../connectors/web-form/report-submission.ts';
import { addToReport, type ReportAdditionPorts } from '../../domain/report-addition.ts';
import { lookUpReportStatus, type ReportStatusPort } from '../../domain/report-status.ts';
import { limiterLogger, rateLimitStore } from '../../http/rate-limits.ts';
import { requestLang } from '../../http/request-lang.ts';
import { type OriginRule, sameOriginWrite } from '../../http/same-origin.ts';
import { fieldErrorMessage, rateLimitMessage } from '../../i18n/field-errors.ts';
import { st } from '../../i18n/report-status.messages.ts';
import { renderStatusForm, renderStatusResult } from './report-page/status-page.ts';

export interface ReportStatusRoutesDeps {
  lookup: ReportStatusPort;
  /** Adding information goes through the durable intake, with its key's content hash stored beside it. */
  acceptKeyed: ReportAdditionPorts['acceptKeyed'];
  limiter: RequestHandler;
  /** Whose Origin an addition may carry (no PUBLIC_URL: the form may be served on any host). */
  origin: OriginRule;
  log: Logger;
}

export const statusBody = z.object({
  reference: z.string().max(40),
  receipt: z.string().max(64),
});

/** A required text, refused in the report form's codes (and so its sentences): required, invalid_type, too_long. */
const requiredText = (max: number) =>
  z.preprocess(
    (v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
    z
      .string({ error: (iss) => (iss.input === undefined ? 'required' : 'invalid_type') })
      .max(max, { error: 'too_long' }),
  );

/** What an addition carries; a body that is not an object has none of it. */
export const additionBody = z.preprocess(
  (b) => (typeof b === 'object' && b !== null && !Array.isArray(b) ? b : {}),
  z.object({
    reference: requiredText(40),
    receipt: requiredText(64),
    description: requiredText(DESCRIPTION_MAX),
    /** One per shown page: the same addition posted again is kept once. */
    key: z
      .string({ error: 'invalid_type' })
      .regex(/^[0-9a-f-]{36}$/i, { error: 'invalid_type' })
      .optional(),
  }),
);

/** Field problems of an addition, one per field, in the report form's codes. */
function additionErrors(body: unknown): { field: string; code: string }[] {
  const parsed = additionBody.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0]), code: i.message }));
}

/**
 * The add form carries no cookie, so a forged post could only add text to a report whose code the
 * forger already has; still, a browser's cross-site post is refused outright.
 */
const crossSite = (req: Request, rule: OriginRule) => !sameOriginWrite(req, rule);

const langOf = requestLang;

/**
 * Every check counts, right or wrong: a code of ~79 bits cannot be guessed within any limit, and
 * counting successes too keeps the limiter from telling which attempts were right. Unlike the
 * report form, a Redis outage closes this page: it must never become an open guessing oracle.
 */
export function statusLimiter(redis: Redis, opts: { prefix: string; limit: number; windowSec: number; log: Logger }) {
  return rateLimit({
    windowMs: opts.windowSec * 1000,
    limit: opts.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    passOnStoreError: false,
    logger: limiterLogger(opts.log, 'status limiter'),
    store: rateLimitStore(redis, `${opts.prefix}:rl:report-status:`),
    handler: (req, res) => {
      const message = rateLimitMessage(langOf(req));
      if (req.path.startsWith('/api/')) res.status(429).json({ error: 'rate_limited', message });
      else res.status(429).type('text/plain; charset=utf-8').send(message);
    },
  });
}

/** Public: a reporter checks their report with the reference and the receipt code, nothing else. */
export function reportStatusRoutes(deps: ReportStatusRoutesDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 });
  const json = express.json({ limit: '4kb' });
  // An addition may be as long as a report's description.
  const addBody = { limit: '96kb' } as const;
  const addFormParser = express.urlencoded({ extended: false, ...addBody, parameterLimit: 10 });
  const addJsonParser = express.json(addBody);

  const check = async (body: unknown) => {
    const p = statusBody.safeParse(body);
    if (!p.success) return null;
    const result = await lookUpReportStatus(deps.lookup, p.data.reference, p.data.receipt);
    // The reference only, never the code; a miss is logged without saying which part was wrong.
    deps.log.info({ found: result !== null }, 'report status checked');
    return result;
  };

  r.get('/report/status', (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.type('html').send(renderStatusForm(langOf(req)));
  });

  r.post('/report/status', deps.limiter, form, async (req, res) => {
    const lang = langOf(req);
    res.set('Cache-Control', 'no-store');
    const result = await check(req.body);
    if (!result) {
      const reference = typeof req.body?.reference === 'string' ? req.body.reference.slice(0, 40) : '';
      res
        .status(404)
        .type('html')
        .send(renderStatusForm(lang, { notFound: true, reference }));
      return;
    }
    res.type('html').send(renderStatusResult(lang, result, { receipt: String(req.body.receipt), key: randomUUID() }));
  });

  const add = async (body: Record<string, string>) =>
    addToReport(
      { lookup: deps.lookup, acceptKeyed: deps.acceptKeyed },
      { reference: body.reference ?? '', receipt: body.receipt ?? '', text: body.description ?? '', key: body.key },
    );

  r.post('/report/status/add', deps.limiter, addFormParser, async (req, res) => {
    const lang = langOf(req);
    res.set('Cache-Control', 'no-store');
    if (crossSite(req, deps.origin)) {
      res.status(403).type('text/plain; charset=utf-8').send(st(lang, 'addCrossSite'));
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const status = await check(body);
    if (!status) {
      const reference = typeof body.reference === 'string' ? body.reference.slice(0, 40) : '';
      res
        .status(404)
        .type('html')
        .send(renderStatusForm(lang, { notFound: true, reference }));
      return;
    }
    const receipt = String(body.receipt);
    const key = typeof body.key === 'string' && /^[0-9a-f-]{36}$/i.test(body.key) ? body.key : randomUUID();
    const problem = additionErrors(body)[0];
    if (problem) {
      const text = typeof body.description === 'string' ? body.description.slice(0, DESCRIPTION_MAX) : '';
      res
        .status(400)
        .type('html')
        .send(
          renderStatusResult(lang, status, {
            receipt,
            key,
            text,
            error: fieldErrorMessage(lang, problem.field, problem.code),
          }),
        );
      return;
    }
    const added = await add({ ...(body as Record<string, string>), key });
    if (added && 'keyReused' in added) {
      // The text stays for sending again, under a fresh key (a new addition).
      deps.log.info('status add key reused with other text; refused');
      const text = typeof body.description === 'string' ? body.description : '';
      res
        .status(409)
        .type('html')
        .send(renderStatusResult(lang, status, { receipt, key: randomUUID(), text, error: st(lang, 'addKeyReused') }));
      return;
    }
    deps.log.info({ added: added !== null, created: added?.created }, 'report information added');
    const after = (await check(body)) ?? status;
    res.type('html').send(renderStatusResult(lang, after, { receipt, key: randomUUID(), added: true }));
  });

  r.post('/api/reports/status/add', deps.limiter, addJsonParser, async (req, res) => {
    const lang = langOf(req);
    res.set('Cache-Control', 'no-store');
    if (crossSite(req, deps.origin)) {
      res.status(403).json({ error: 'cross_site', message: st(lang, 'addCrossSite') });
      return;
    }
    const errors = additionErrors(req.body);
    if (errors.length > 0) {
      res.status(400).json({
        error: 'validation',
        fields: errors.map((e) => ({ ...e, message: fieldErrorMessage(lang, e.field, e.code) })),
      });
      return;
    }
    const added = await add(req.body as Record<string, string>);
    if (added && 'keyReused' in added) {
      deps.log.info('status add key reused with other text; refused');
      res.status(409).json({ error: 'idempotency_key_reused', field: 'key', message: st(lang, 'addKeyReused') });
      return;
    }
    deps.log.info({ added: added !== null, created: added?.created }, 'report information added');
    if (!added) {
      res.status(404).json({ error: 'not_found' });
      return;
    }
    res.status(202).json({ reference: added.reference, added: true, duplicate: !added.created });
  });

  r.post('/api/reports/status', deps.limiter, json, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const result = await check(req.body);
    if (!result) {
      res.status(404).json({ error: 'not_found' });
      return;
    }
    res.json(result);
  });

  return r;
}
