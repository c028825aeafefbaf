import { randomUUID } from 'node:crypto';
import type { InboundEnvelope } from '../../connectors/contract.ts';
import { hashReceipt, newReceiptCode } from './tokens.ts';

export interface ReportIntakePorts {
  /** Allocate a case reference and record the envelope durably, in one transaction. */
  recordWithReference(
    build: (reference: string) => InboundEnvelope,
    now: Date,
  ): Promise<{ id: string; reference: string }>;
  /** Best effort and quick: when Redis is down, the recovery sweep enqueues it later. */
  enqueue(eventId: string): Promise<void>;
  /** The receipt code belonging to a submission key, the same every time (keyed hash). */
  receiptFor(submissionKey: string): string;
}

export interface AcceptedReport {
  reference: string;
  /** Shown once to the reporter; only its hash is stored. */
  receipt: string;
  eventId: string;
}

/**
 * Accept a validated report: durable first, then queued. The reporter's answer (reference and
 * receipt) never waits on Redis, and nothing accepted depends on the queue to survive.
 */
export async function acceptReport(
  ports: ReportIntakePorts,
  toEnvelope: (meta: {
    submissionId: string;
    reference: string;
    receiptHash: string;
    receivedAt: Date;
  }) => InboundEnvelope,
  now = new Date(),
  submissionKey?: string,
): Promise<AcceptedReport> {
  // With a key, a repeated post is recorded once (unique external id) and answered with the same
  // reference and receipt; without one, every post is a new report.
  const receipt = submissionKey ? ports.receiptFor(submissionKey) : newReceiptCode();
  const receiptHash = hashReceipt(receipt);
  const submissionId = submissionKey ? `form:${submissionKey.toLowerCase()}` : randomUUID();
  const { id, reference } = await ports.recordWithReference(
    (ref) => toEnvelope({ submissionId, reference: ref, receiptHash, receivedAt: now }),
    now,
  );
  await ports.enqueue(id);
  return { reference, receipt, eventId: id };
}
