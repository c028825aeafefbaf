import express, { type Request, type RequestHandler, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { INSTITUTION_OUTCOMES, type InstitutionOutcome } from '../../domain/referrals.ts';
import { limiterLogger, rateLimitStore } from '../../http/rate-limits.ts';
import { requestLang } from '../../http/request-lang.ts';
import { type OriginRule, sameOriginWrite } from '../../http/same-origin.ts';
import { rateLimitMessage } from '../../i18n/field-errors.ts';
import type { Lang } from '../../i18n/messages.ts';
import { REPLY_PATH, type ReplyLinkService } from './reply-link.service.ts';
import { rt } from './reply-page.messages.ts';
import { ANSWER_MAX, type ReplyFormState, renderGone, renderNotice, renderReplyPage } from './reply-page.ts';

/** The page's query: the link's token (and a language). */
export const replyQuery = z.object({
  t: z.string().max(100).optional(),
  lang: z.string().max(20).optional(),
});

/** What the page's two forms post (urlencoded): confirm receipt, or the answer. */
export const replyBody = z.object({
  t: z.string().max(100),
  /** The page's language, kept across the post. */
  language: z.string().max(20).optional(),
  action: z.enum(['confirm', 'answer']),
  text: z
    .string()
    .max(ANSWER_MAX * 2)
    .optional(),
  outcome: z.union([z.enum(INSTITUTION_OUTCOMES), z.literal('')]).optional(),
});

export interface ReplyLinkRoutesDeps {
  service: ReplyLinkService;
  limiter: RequestHandler;
  origin: OriginRule;
}

/** The answer as typed, checked: the field that is wrong, in the page's language. */
function checkAnswer(
  lang: Lang,
  body: Record<string, unknown>,
): { ok: true; text: string; outcome: InstitutionOutcome | null } | { ok: false; form: ReplyFormState } {
  const text = typeof body.text === 'string' ? body.text.trim() : '';
  const outcome = typeof body.outcome === 'string' ? body.outcome : '';
  const refused = (field: 'text' | 'outcome', message: string) =>
    ({ ok: false, form: { error: { field, message }, text, outcome } }) as const;
  if (!text) return refused('text', rt(lang, 'textRequired'));
  if (text.length > ANSWER_MAX) return refused('text', rt(lang, 'textTooLong', { max: ANSWER_MAX }));
  if (outcome !== '' && !(INSTITUTION_OUTCOMES as readonly string[]).includes(outcome))
    return refused('outcome', rt(lang, 'outcomeInvalid'));
  return { ok: true, text, outcome: (outcome || null) as InstitutionOutcome | null };
}

/**
 * Public: the institution's page behind the one-time link. No account; the token is the key (only
 * its hash is stored). Every request counts against the per-address limit; a cross-site post is
 * refused; nothing is cached.
 */
export function replyLinkRoutes(deps: ReplyLinkRoutesDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 10 });
  const crossSite = (req: Request) => !sameOriginWrite(req, deps.origin);
  const back = (token: string, lang: Lang) => `${REPLY_PATH}?${new URLSearchParams({ t: token, lang })}`;

  r.get(REPLY_PATH, deps.limiter, async (req, res) => {
    const lang = requestLang(req);
    res.set('Cache-Control', 'no-store');
    const token = typeof req.query.t === 'string' ? req.query.t : '';
    const state = await deps.service.state(token);
    if (!state) {
      res.status(404).type('html').send(renderGone(lang));
      return;
    }
    res.type('html').send(renderReplyPage(lang, state, token));
  });

  r.post(REPLY_PATH, deps.limiter, form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const lang = requestLang(req);
    res.set('Cache-Control', 'no-store');
    if (crossSite(req)) {
      res
        .status(403)
        .type('html')
        .send(renderNotice(lang, rt(lang, 'crossSite')));
      return;
    }
    const token = typeof body.t === 'string' ? body.t : '';
    const ip = req.ip ?? null;
    if (body.action === 'confirm') {
      const step = await deps.service.confirm(token, ip);
      if (!step.done) res.status(404).type('html').send(renderGone(lang));
      else res.redirect(303, back(token, lang));
      return;
    }
    if (body.action !== 'answer') {
      res.status(400).type('html').send(renderGone(lang));
      return;
    }
    const checked = checkAnswer(lang, body);
    if (!checked.ok) {
      const state = await deps.service.state(token);
      if (!state) res.status(404).type('html').send(renderGone(lang));
      else
        res
          .status(400)
          .type('html')
          .send(renderReplyPage(lang, state, token, checked.form));
      return;
    }
    const step = await deps.service.answer(token, { text: checked.text, outcomeCode: checked.outcome }, ip);
    if (step.done) {
      res.redirect(303, back(token, lang));
      return;
    }
    const state = step.why === 'answered' ? await deps.service.state(token) : null;
    if (!state) res.status(404).type('html').send(renderGone(lang));
    else
      res
        .status(409)
        .type('html')
        .send(renderReplyPage(lang, state, token, { alreadyAnswered: true }));
  });

  return r;
}

/**
 * Per address, every request counted. A token of 256 random bits cannot be guessed within any
 * limit, so while Redis is away the page stays open (institutions are not turned away); the limit
 * bounds the work one address can cause.
 */
export function replyLimiter(redis: Redis, opts: { prefix: string; limit: number; windowSec: number; log: Logger }) {
  return rateLimit({
    windowMs: opts.windowSec * 1000,
    limit: opts.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    passOnStoreError: true,
    logger: limiterLogger(opts.log, 'reply link limiter'),
    store: rateLimitStore(redis, `${opts.prefix}:rl:referral-reply:`),
    handler: (req, res) => {
      res
        .status(429)
        .type('text/plain; charset=utf-8')
        .send(rateLimitMessage(requestLang(req)));
    },
  });
}
