import type { IncomingMessage } from 'node:http';
import express, { Router } from 'express';
import { callInputSchema, issueFields, toCallRecord } from '../../../connectors/phone/call-record.ts';
import { callState } from '../../../connectors/phone/call-state.ts';
import type { PhoneCallRepository } from './phone-call.repository.ts';
import type { PhoneIngest } from './phone-ingest.service.ts';
import type { PhoneSettings } from './phone-settings.ts';
import { bearerToken, createTokenCheck, type TokenScope } from './phone-token-auth.ts';

const BODY_LIMIT = '64kb';

/** Asterisk's CURL() posts urlencoded, and drops the Content-Type once a custom header is set. */
const isFormOrUntyped = (req: IncomingMessage) => {
  const type = req.headers['content-type'];
  return type === undefined || type.toLowerCase().startsWith('application/x-www-form-urlencoded');
};

/**
 * `POST /api/calls`: a PBX reports a call, or a later state of it. Bearer token first (nothing is
 * read from an unauthenticated request), then the record is validated, stored and answered:
 * 202 for a new call, 200 for a known one (updated, or unchanged by a retry or a late post).
 */
export function pbxRoutes(deps: { ingest: PhoneIngest; calls: PhoneCallRepository; settings: PhoneSettings }): Router {
  const r = Router();
  const check = createTokenCheck(deps.settings.token, deps.settings.lines);

  r.post(
    '/api/calls',
    (req, res, next) => {
      const scope = check(bearerToken(req.headers.authorization));
      if (!scope.ok) {
        res.status(401).set('WWW-Authenticate', 'Bearer realm="kontakt-calls"').json({ error: 'unauthenticated' });
        return;
      }
      res.locals.scope = scope;
      const type = req.headers['content-type'];
      if (type !== undefined && !req.is('application/json') && !isFormOrUntyped(req)) {
        res.status(415).json({ error: 'unsupported_media_type', message: 'send application/json or a form' });
        return;
      }
      next();
    },
    express.json({ limit: BODY_LIMIT }),
    express.urlencoded({ extended: false, limit: BODY_LIMIT, type: isFormOrUntyped }),
    async (req, res) => {
      const scope = res.locals.scope as Extract<TokenScope, { ok: true }>;
      const parsed = callInputSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        res.status(400).json({ error: 'validation', fields: issueFields(parsed.error) });
        return;
      }
      if (scope.line !== null) {
        // A line's token speaks for that line's calls only, including calls already stored.
        const stored = parsed.data.line === scope.line ? await deps.calls.get(parsed.data.callId) : null;
        if (parsed.data.line !== scope.line || (stored && stored.call.line !== scope.line)) {
          res.status(403).json({ error: 'forbidden', message: 'this token is not valid for that line' });
          return;
        }
      }
      const result = await deps.ingest.ingest(toCallRecord(parsed.data, deps.settings.region), 'pbx');
      res.status(result.effect === 'created' ? 202 : 200).json({
        callId: result.stored.call.callId,
        result: result.effect,
        stale: result.stale,
        state: callState(result.stored.call),
        version: result.stored.version,
      });
    },
  );

  return r;
}
