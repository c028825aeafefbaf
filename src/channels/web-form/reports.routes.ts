import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, Router } from 'express';
import type { RateLimitRequestHandler } from 'express-rate-limit';
import type { Logger } from 'pino';
import {
  type FieldError,
  parseReportSubmission,
  reportToEnvelope,
  submissionContentHash,
} from '../../../connectors/web-form/report-submission.ts';
import { acceptReport, type ReportIntakePorts } from '../../domain/report-intake.service.ts';
import { MULTIPART_LIMITS, multipartFormFields } from '../../http/multipart-form.ts';
import { requestLang } from '../../http/request-lang.ts';
import { fieldErrorMessage } from '../../i18n/field-errors.ts';
import { normaliseLanguageTag } from '../../i18n/lang-tag.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import { renderReportPage, renderReportThanks } from './report-page/report-page.ts';

const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'report-page/assets');

export interface ReportRoutesDeps {
  intake: ReportIntakePorts;
  categories: readonly string[];
  limiter: RateLimitRequestHandler;
  log: Logger;
}

const langOf = requestLang;

const localise = (lang: Lang, errors: FieldError[]) =>
  errors.map((e) => ({ field: e.field, code: e.code, message: fieldErrorMessage(lang, e.field, e.code) }));

/** Bots fill every field; people never see this one. */
const isBot = (body: unknown) =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { website?: unknown }).website === 'string' &&
  (body as { website: string }).website.trim() !== '';

/** A plausible answer for a bot, so it learns nothing; nothing is stored. */
const decoy = () => ({
  reference: `KC-${new Date().getUTCFullYear()}-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
  receipt: 'XXXX-XXXX-XXXX-XXXX'.replace(
    /X/g,
    () => '23456789ABCDEFGHJKMNPQRSTUVWXYZ'[Math.floor(Math.random() * 31)] ?? 'A',
  ),
});

export function reportsRoutes(deps: ReportRoutesDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 100 });

  r.use('/report/assets', express.static(ASSETS_DIR, { index: false, fallthrough: false, maxAge: '1h' }));

  r.get('/report', (req, res) => {
    const lang = langOf(req);
    // The page carries its submission key: a cached copy would hand one key to two reports.
    res.set('Cache-Control', 'no-store');
    const kind = req.query.kind === 'help' ? 'help' : 'report';
    res.type('html').send(renderReportPage({ lang, kind, categories: deps.categories, formAction: '/report' }));
  });

  // A multipart post is read for its fields; a small file in it is refused by field name, never
  // stored; anything over the limits is refused at the limit (413) without reading the rest.
  const multipartPage = multipartFormFields(MULTIPART_LIMITS, (req, res) => {
    const lang = langOf(req);
    const kind = req.query.kind === 'help' ? 'help' : 'report';
    const errors = [{ field: 'body', message: t(lang, 'errors.tooLarge') }];
    res
      .status(413)
      .type('html')
      .send(renderReportPage({ lang, kind, categories: deps.categories, formAction: '/report', errors }));
  });
  const multipartApi = multipartFormFields(MULTIPART_LIMITS, (req, res) => {
    res.status(413).json({ error: 'payload_too_large', message: t(langOf(req), 'errors.tooLarge') });
  });
  const refusedFiles = (req: Request): FieldError[] =>
    (req.sentFiles ?? []).map((field) => ({ field, code: 'files_not_accepted' as const }));

  const accept = async (body: Record<string, unknown>, files: FieldError[] = []) => {
    const parsed = parseReportSubmission(body, { categories: deps.categories, language: normaliseLanguageTag });
    if (!parsed.ok || files.length > 0)
      return { ok: false as const, errors: [...files, ...(parsed.ok ? [] : parsed.errors)] };
    const submission = parsed.value;
    const accepted = await acceptReport(deps.intake, (meta) => reportToEnvelope(submission, meta), {
      hash: submissionContentHash(submission),
      submissionKey: submission.submission,
    });
    if ('keyReused' in accepted) {
      deps.log.info({ channel: 'web_form' }, 'submission key reused with other content; refused');
      return { ok: false as const, keyReused: true as const, errors: [] };
    }
    deps.log.info({ reference: accepted.reference, eventId: accepted.eventId, channel: 'web_form' }, 'report accepted');
    return { ok: true as const, reference: accepted.reference, receipt: accepted.receipt };
  };

  // Plain HTML form post: works with JavaScript switched off.
  r.post('/report', deps.limiter, form, multipartPage, async (req, res) => {
    const lang = langOf(req);
    res.set('Cache-Control', 'no-store');
    if (isBot(req.body)) {
      deps.log.info('honeypot filled; report dropped');
      res.type('html').send(renderReportThanks({ lang, ...decoy() }));
      return;
    }
    const result = await accept(req.body ?? {}, refusedFiles(req));
    if (!result.ok) {
      const kind = req.body?.kind === 'help' ? 'help' : 'report';
      // A reused key: the text stays for sending again, under a fresh key (a new report).
      const keyReused = 'keyReused' in result;
      res
        .status(keyReused ? 409 : 400)
        .type('html')
        .send(
          renderReportPage({
            lang,
            kind,
            categories: deps.categories,
            formAction: '/report',
            values: keyReused ? { ...req.body, submission: '' } : req.body,
            errors: keyReused
              ? [{ field: 'submission', message: t(lang, 'errors.keyReused') }]
              : localise(lang, result.errors),
          }),
        );
      return;
    }
    res.type('html').send(renderReportThanks({ lang, reference: result.reference, receipt: result.receipt }));
  });

  r.post('/api/reports', deps.limiter, express.json({ limit: '256kb' }), form, multipartApi, async (req, res) => {
    const lang = langOf(req);
    res.set('Cache-Control', 'no-store');
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      res.status(400).json({ error: 'validation', fields: localise(lang, [{ field: 'body', code: 'invalid_type' }]) });
      return;
    }
    if (isBot(req.body)) {
      deps.log.info('honeypot filled; report dropped');
      res.status(202).json(decoy());
      return;
    }
    // The API's Idempotency-Key header is the same thing as the form's hidden submission field.
    const key = req.get('idempotency-key');
    const result = await accept(key === undefined ? req.body : { ...req.body, submission: key }, refusedFiles(req));
    if ('keyReused' in result) {
      res
        .status(409)
        .json({ error: 'idempotency_key_reused', field: 'submission', message: t(lang, 'errors.keyReusedApi') });
      return;
    }
    if (!result.ok) {
      res.status(400).json({ error: 'validation', fields: localise(lang, result.errors) });
      return;
    }
    res.status(202).json({ reference: result.reference, receipt: result.receipt });
  });

  return r;
}
