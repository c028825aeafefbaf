import express, { type Request, type RequestHandler, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type RedisReply, RedisStore } from 'rate-limit-redis';
import { z } from 'zod';
import { lookUpReportStatus, type ReportStatusPort } from '../../domain/report-status.ts';
import { rateLimitMessage } from '../../i18n/field-errors.ts';
import { type Lang, pickLang } from '../../i18n/messages.ts';
import { renderStatusForm, renderStatusResult } from '../report-page/status-page.ts';

export interface ReportStatusRoutesDeps {
  lookup: ReportStatusPort;
  limiter: RequestHandler;
  log: Logger;
}

const statusBody = z.object({
  reference: z.string().max(40),
  receipt: z.string().max(64),
});

const langOf = (req: Request): Lang =>
  pickLang(
    typeof req.query.lang === 'string'
      ? req.query.lang
      : typeof req.body?.language === 'string'
        ? req.body.language
        : undefined,
    req.get('accept-language'),
  );

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
    logger: {
      error: (err: unknown, message?: string) => opts.log.warn({ err }, message ?? 'status limiter error'),
      warn: (err: unknown, message?: string) => opts.log.warn({ err }, message ?? 'status limiter warning'),
    },
    store: new RedisStore({
      prefix: `${opts.prefix}:rl:report-status:`,
      sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
    }),
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
    res.type('html').send(renderStatusResult(lang, result));
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
