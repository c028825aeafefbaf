import type { Atomic, AuditPort } from './audit.ts';
import type { Actor } from './case.service.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import { LegalHoldError } from './legal-hold.service.ts';

const DAY_MS = 86_400_000;

export const ERASURE_REASONS = ['reporter_request', 'consent_withdrawn', 'legal_obligation'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];
/** The preview lists this many cases by name; the counts cover all of them. */
const PREVIEW_LIST = 200;

export type AnonymiseResult =
  | { ok: true; removed: Record<string, number> }
  | { ok: false; reason: 'held' | 'anonymised' | 'not_found' };

export interface RetentionCase {
  id: string;
  reference: string;
  channel: string;
  closedAt: Date | null;
  held: boolean;
}

export interface RetentionRunView {
  id: string;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'done' | 'failed';
  cutoff: string;
  eligible: number;
  anonymised: number;
  skippedHeld: number;
  /** Dead letters erased in the run (of no case and expired, or of a case anonymised after they came). */
  deadLettersErased: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** The writes a run's end or an erasure makes with its audit entry, on one transaction (`atomically`). */
export interface RetentionWrites {
  anonymise(
    caseId: string,
    o: { reason: 'retention' | 'erasure'; runId?: string; actorId?: string; now: Date; closeIfOpen?: boolean },
  ): Promise<AnonymiseResult>;
  finishRun(
    id: string,
    r: {
      status: 'done' | 'failed';
      eligible: number;
      anonymised: number;
      skippedHeld: number;
      deadLettersErased?: number;
      error: string | null;
    },
    now: Date,
  ): Promise<void>;
}

export interface RetentionPort extends RetentionWrites, Atomic<RetentionWrites> {
  candidates(cutoff: Date, limit: number, exclude: string[]): Promise<RetentionCase[]>;
  /** Over every closed case older than the cutoff that is not anonymised yet. */
  counts(cutoff: Date): Promise<{ eligible: number; held: number; messages: number; attachments: number }>;
  startRun(trigger: 'schedule' | 'manual', cutoff: Date, now: Date): Promise<string>;
  runs(limit: number): Promise<RetentionRunView[]>;
  /** Erase dead letters of anonymised cases, and those of no case older than the cutoff. */
  eraseExpiredDeadLetters(cutoff: Date): Promise<number>;
  /** The case and, when it has a contact, every case of that contact (one reporter's data). */
  reporterCases(
    by: { caseId: string } | { contactId: string },
  ): Promise<{ id: string; reference: string; held: boolean }[]>;
}

const requireAdmin = (actor: Actor) => {
  if (actor.role !== 'admin') throw new ForbiddenError();
};

/**
 * Personal data is kept no longer than needed: closed cases older than the retention period are
 * anonymised (skipping legal holds), and an admin can erase one reporter's data on request.
 */
export function createRetentionService(d: {
  store: RetentionPort;
  audit: AuditPort;
  closedCaseDays: number;
  /** Failed jobs that never reached a case are kept this long (their payloads may be a child's words). */
  deadLetterDays: number;
}) {
  const cutoffAt = (now: Date) => new Date(now.getTime() - d.closedCaseDays * DAY_MS);

  return {
    closedCaseDays: d.closedCaseDays,

    /** What a run now would anonymise, without changing anything. */
    async preview(actor: Actor, now = new Date()) {
      requireAdmin(actor);
      const cutoff = cutoffAt(now);
      const [counts, list] = await Promise.all([d.store.counts(cutoff), d.store.candidates(cutoff, PREVIEW_LIST, [])]);
      await d.audit.write({
        actorId: actor.id,
        action: 'retention.preview',
        ip: actor.ip,
        details: { eligible: counts.eligible },
      });
      return {
        retentionDays: d.closedCaseDays,
        cutoff: cutoff.toISOString(),
        ...counts,
        cases: list.map((c) => ({
          id: c.id,
          reference: c.reference,
          channel: c.channel,
          closedAt: c.closedAt?.toISOString() ?? null,
          held: c.held,
        })),
      };
    },

    /** One run: every eligible case in its own transaction; a failure is logged in the run, not hidden. */
    async run(trigger: 'schedule' | 'manual', now = new Date()) {
      const cutoff = cutoffAt(now);
      const runId = await d.store.startRun(trigger, cutoff, now);
      let anonymised = 0;
      let skippedHeld = 0;
      const skip: string[] = [];
      try {
        for (;;) {
          const batch = await d.store.candidates(cutoff, 100, skip);
          if (batch.length === 0) break;
          for (const c of batch) {
            if (c.held) {
              skip.push(c.id);
              skippedHeld += 1;
              continue;
            }
            const r = await d.store.anonymise(c.id, { reason: 'retention', runId, now: new Date() });
            if (r.ok) anonymised += 1;
            else {
              skip.push(c.id);
              if (r.reason === 'held') skippedHeld += 1;
            }
          }
        }
        // anonymiseCase erased each case's dead letters with it; this catches those of no case that
        // expired and those of a case already anonymised that arrived after it (a late failed job).
        const deadLettersErased = await d.store.eraseExpiredDeadLetters(
          new Date(now.getTime() - d.deadLetterDays * DAY_MS),
        );
        const result = {
          status: 'done' as const,
          eligible: anonymised + skippedHeld,
          anonymised,
          skippedHeld,
          deadLettersErased,
          error: null,
        };
        await d.store.atomically(async (tx, audit) => {
          await tx.finishRun(runId, result, new Date());
          await audit({
            actorId: null,
            action: 'retention.run',
            entityType: 'retention_run',
            entityId: runId,
            details: { trigger, anonymised, skippedHeld, deadLettersErased },
          });
        });
        return { runId, ...result };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        await d.store.finishRun(
          runId,
          { status: 'failed', eligible: anonymised + skippedHeld, anonymised, skippedHeld, error },
          new Date(),
        );
        throw err;
      }
    },

    /** An admin's "run now": queued like the daily run (enqueue is the queue's), and audited. */
    async requestRun(actor: Actor, enqueue: () => Promise<string>) {
      requireAdmin(actor);
      const jobId = await enqueue();
      await d.audit.write({ actorId: actor.id, action: 'retention.run_requested', ip: actor.ip, details: { jobId } });
      return jobId;
    },

    async runs(actor: Actor, limit = 50) {
      requireAdmin(actor);
      return d.store.runs(limit);
    },

    /** Erase one reporter's data (all their cases); refused while any of them is under legal hold. */
    async erase(actor: Actor, by: { caseId: string } | { contactId: string }, reason: ErasureReason, now = new Date()) {
      requireAdmin(actor);
      const targets = await d.store.reporterCases(by);
      if (targets.length === 0) throw new NotFoundError('case');
      const held = targets.filter((c) => c.held);
      if (held.length > 0) {
        await d.audit.write({
          actorId: actor.id,
          action: 'erasure.refused',
          ip: actor.ip,
          details: { caseIds: targets.map((c) => c.id), reason: 'legal_hold' },
        });
        throw new LegalHoldError(`under legal hold: ${held.map((c) => c.reference).join(', ')}`);
      }
      // One reporter's cases and the record of their erasure: all of it, or (a hold placed meanwhile) none.
      const erased = await d.store.atomically(async (tx, audit) => {
        const erased: { id: string; reference: string }[] = [];
        for (const c of targets) {
          const r = await tx.anonymise(c.id, { reason: 'erasure', actorId: actor.id, now, closeIfOpen: true });
          if (r.ok) erased.push({ id: c.id, reference: c.reference });
          else if (r.reason === 'held') throw new LegalHoldError(`under legal hold: ${c.reference}`);
        }
        // The reason is a code, never free text: the audit entry must not carry what was erased.
        await audit({
          actorId: actor.id,
          action: 'erasure',
          ip: actor.ip,
          details: { caseIds: erased.map((c) => c.id), reason },
        });
        return erased;
      });
      return { erased, alreadyAnonymised: targets.length - erased.length };
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
