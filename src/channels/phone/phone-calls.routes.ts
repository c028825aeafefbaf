import { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { MANUAL_CALL_PREFIX } from '../../../connectors/phone/call-record.ts';
import { callState } from '../../../connectors/phone/call-state.ts';
import { normalisePhone } from '../../../connectors/phone/phone-number.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { zodFields } from '../../http/errors.ts';
import { actorOf, requireRole, requireUser } from '../../http/session.ts';
import type { AuditRepository } from '../../store/audit.repository.ts';
import type { CaseRepository } from '../../store/case.repository.ts';
import type { CallerInfo, CallView } from './phone.schema.ts';
import type { PhoneCallRepository, StoredCall } from './phone-call.repository.ts';
import type { PhoneCallbackRepository } from './phone-callback.repository.ts';
import type { PhoneDoNotCallRepository } from './phone-do-not-call.repository.ts';
import { IMPORT_FORMATS, ImportFileError, importCalls } from './phone-import.service.ts';
import type { Dispatch, PhoneIngest } from './phone-ingest.service.ts';
import {
  finishRecord,
  idempotencyKey,
  manualCallBody,
  manualCallId,
  manualDetails,
  manualFinishBody,
  manualNumber,
  manualRecord,
} from './phone-manual.ts';
import type { PhoneSettings } from './phone-settings.ts';

export interface PhoneCallsRouteDeps {
  ingest: PhoneIngest;
  importDispatch: Dispatch;
  calls: PhoneCallRepository;
  callbacks: PhoneCallbackRepository;
  doNotCall: PhoneDoNotCallRepository;
  cases: CaseRepository;
  audit: AuditRepository;
  settings: PhoneSettings;
  /** The admins' taxonomy: a call is classified only with a category in use. */
  categoryState(code: string): Promise<'active' | 'retired' | null>;
  log: Logger;
}

const callView = (s: StoredCall): CallView => ({
  ...s.call,
  state: callState(s.call),
  source: s.source,
  version: s.version,
  manual: s.manual,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

export const importBody = z.object({ format: z.enum(IMPORT_FORMATS), csv: z.string().min(1) });
export const numberQuery = z.object({ number: z.string().trim().min(1).max(64) });
export const doNotCallBody = z.object({
  number: z.string().trim().min(1).max(64),
  doNotCall: z.boolean().default(true),
  reason: z.string().trim().max(2000).optional(),
});

/** The key that makes logging one call twice harmless (the form sends one per call it shows). */
export const manualHeaders = z.object({ 'Idempotency-Key': idempotencyKey });
export const manualCallIdParam = z.object({ callId: z.string().startsWith(MANUAL_CALL_PREFIX).max(200) });
export const callIdParam = z.object({ callId: z.string().min(1).max(200) });

export function phoneCallsRoutes(deps: PhoneCallsRouteDeps): Router {
  const r = Router();
  const { calls, settings } = deps;
  r.use('/api/calls', requireUser);

  const e164 = (raw: string, field: string) => {
    const n = normalisePhone(raw, settings.region);
    if (!n) throw new ValidationError('invalid number', [{ field, message: 'not a valid phone number' }]);
    return n;
  };

  /** zod's field errors and the taxonomy's verdict on the category, reported together. */
  const parseWithCategory = async <T>(schema: z.ZodType<T>, body: unknown): Promise<T> => {
    const parsed = schema.safeParse(body);
    const problems = parsed.success ? [] : zodFields(parsed.error);
    const code = (body as { category?: unknown } | null)?.category;
    if (typeof code === 'string' && !problems.some((p) => p.field === 'category')) {
      const state = await deps.categoryState(code);
      if (state !== 'active')
        problems.push({ field: 'category', message: state ? 'retired category' : 'unknown category' });
    }
    if (!parsed.success || problems.length > 0) throw new ValidationError('invalid call', problems);
    return parsed.data;
  };

  r.post('/api/calls/manual', async (req, res) => {
    const key = idempotencyKey.safeParse(req.get('idempotency-key'));
    if (!key.success) {
      throw new ValidationError('bad key', [{ field: 'Idempotency-Key', message: 'printable, up to 200 characters' }]);
    }
    const body = await parseWithCategory(manualCallBody, req.body);
    const number = manualNumber(body, settings.region);
    if (number !== null && typeof number === 'object') {
      throw new ValidationError('invalid number', [{ field: 'number', message: number.error }]);
    }
    const actor = actorOf(req);
    const callId = manualCallId(actor.id, key.data);
    const existing = await calls.get(callId);
    if (existing) {
      res.status(200).json({ callId, duplicate: true, call: callView(existing) });
      return;
    }
    const caseRef = body.caseId ? (await deps.cases.summary(body.caseId)).reference : undefined;
    const call = manualRecord({ callId, body, number, agent: req.user?.email ?? actor.id, now: new Date() });
    const manual = manualDetails(null, { ...body }, actor.id);
    const result = await deps.ingest.ingest(call, 'manual', {
      manual,
      ...(caseRef && { thread: { caseReference: caseRef } }),
      audit: () => [{ actorId: actor.id, action: 'call.logged', entityType: 'call', entityId: callId, ip: actor.ip }],
    });
    res.status(202).json({ callId, duplicate: false, caseId: body.caseId ?? null, call: callView(result.stored) });
  });

  r.patch('/api/calls/manual/:callId', async (req, res) => {
    const { callId } = manualCallIdParam.parse(req.params);
    const body = await parseWithCategory(manualFinishBody, req.body);
    const stored = await calls.get(callId);
    if (stored?.source !== 'manual') throw new NotFoundError('call');
    const actor = actorOf(req);
    const call = finishRecord(stored.call, {
      durationSec: body.durationSec,
      ...(body.outcome && { outcome: body.outcome }),
    });
    const result = await deps.ingest.ingest(call, 'manual', {
      manual: manualDetails(stored.manual ?? null, body, actor.id),
      audit: () => [{ actorId: actor.id, action: 'call.finished', entityType: 'call', entityId: callId, ip: actor.ip }],
    });
    res.json({ callId, result: result.effect, call: callView(result.stored) });
  });

  r.post('/api/calls/import', requireRole('supervisor', 'admin'), async (req, res) => {
    const body = importBody.parse(req.body);
    const actor = actorOf(req);
    try {
      const report = await importCalls(body.csv, body.format, {
        ingest: deps.ingest,
        dispatch: deps.importDispatch,
        settings,
        log: deps.log,
      });
      await deps.audit.write({
        actorId: actor.id,
        action: 'calls.imported',
        entityType: 'call_import',
        ip: actor.ip,
        details: { ...report, rejected: report.rejected.length },
      });
      res.json(report);
    } catch (err) {
      if (err instanceof ImportFileError)
        throw new ValidationError(err.message, [{ field: 'csv', message: err.message }]);
      throw err;
    }
  });

  /** Everything known about a number: its contact, earlier cases, calls, callback, do-not-call. */
  r.get('/api/calls/caller', async (req, res) => {
    const number = e164(numberQuery.parse(req.query).number, 'number');
    const [history, doNotCall, callback] = await Promise.all([
      calls.caller(number, 20),
      deps.doNotCall.get(number),
      deps.callbacks.activeFor(number),
    ]);
    const info: CallerInfo = {
      number,
      contactId: history.contactId,
      doNotCall,
      callback,
      cases: history.cases,
      calls: history.calls.map(callView),
    };
    res.json(info);
  });

  r.get('/api/calls/do-not-call', async (_req, res) => {
    res.json({ items: await deps.doNotCall.list() });
  });

  r.post('/api/calls/do-not-call', requireRole('supervisor', 'admin'), async (req, res) => {
    const body = doNotCallBody.parse(req.body);
    const number = e164(body.number, 'number');
    const actor = actorOf(req);
    const out = await deps.doNotCall.set(
      number,
      body.doNotCall,
      { reason: body.reason ?? null, userId: actor.id },
      new Date(),
      () => [
        {
          actorId: actor.id,
          action: body.doNotCall ? 'phone.do_not_call.set' : 'phone.do_not_call.cleared',
          entityType: 'phone_number',
          entityId: number,
          ip: actor.ip,
        },
      ],
    );
    if (out.cancelled) await deps.ingest.publishCallback(out.cancelled);
    res.json({ number, doNotCall: body.doNotCall, cancelledCallbackId: out.cancelled });
  });

  r.get('/api/calls/:callId', async (req, res) => {
    const { callId } = callIdParam.parse(req.params);
    const stored = await calls.get(callId);
    if (!stored) throw new NotFoundError('call');
    res.json({ call: callView(stored), history: await calls.history(callId) });
  });

  return r;
}
