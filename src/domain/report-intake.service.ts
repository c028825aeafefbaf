import { randomUUID } from 'node:crypto';
import type { InboundEnvelope } from '../../connectors/contract.ts';
import { hashReceipt, newReceiptCode } from './tokens.ts';

export interface ReportIntakePorts {
  /**
   * Allocate a case reference and record the envelope durably, in one transaction. `contentHash`
   * is stored beside the envelope's key; a key already stored with another hash records nothing.
   */
  recordWithReference(
    build: (reference: string) => InboundEnvelope,
    now: Date,
    contentHash: string,
  ): Promise<{ id: string; reference: string } | { keyReused: true }>;
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
 * `keyReused`: the submission key was used before for other content; nothing was recorded and
 * nothing of the first report may be told (the key alone must not open someone else's report).
 */
export async function acceptReport(
  ports: ReportIntakePorts,
  toEnvelope: (meta: {
    submissionId: string;
    reference: string;
    receiptHash: string;
    receivedAt: Date;
  }) => InboundEnvelope,
  content: { hash: string; submissionKey?: string | undefined },
  now = new Date(),
): Promise<AcceptedReport | { keyReused: true }> {
  const { submissionKey } = content;
  // With a key, a repeated post is recorded once (unique external id) and answered with the same
  // reference and receipt; without one, every post is a new report.
  const receipt = submissionKey ? ports.receiptFor(submissionKey) : newReceiptCode();
  const receiptHash = hashReceipt(receipt);
  const submissionId = submissionKey ? `form:${submissionKey.toLowerCase()}` : randomUUID();
  const recorded = await ports.recordWithReference(
    (ref) => toEnvelope({ submissionId, reference: ref, receiptHash, receivedAt: now }),
    now,
    content.hash,
  );
  if ('keyReused' in recorded) return recorded;
  await ports.enqueue(recorded.id);
  return { reference: recorded.reference, receipt, eventId: recorded.id };
}
