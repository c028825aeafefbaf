import type { CaseStatus } from './taxonomy.ts';
import { hashReceipt } from './tokens.ts';

/** What a reporter may learn about their report: never notes, names or anyone's contact details. */
export type PublicStatus = 'received' | 'in_progress' | 'referred' | 'closed';

export interface PublicReportStatus {
  reference: string;
  status: PublicStatus;
  receivedAt: string;
  updatedAt: string;
  /** Messages the centre wrote to the reporter (replies), oldest first. */
  messages: { text: string; at: string }[];
  /** What was done, as the centre told it (the newest outcome message); null until then. */
  outcome: { text: string; at: string } | null;
}

export interface ReportStatusPort {
  /**
   * The case with this reference AND this receipt hash, in one lookup: an unknown reference and a
   * wrong code take the same path and give the same answer.
   */
  findByReceipt(
    reference: string,
    receiptHash: string,
  ): Promise<{
    id: string;
    reference: string;
    status: CaseStatus;
    createdAt: Date;
    lastActivityAt: Date;
    messages: { text: string; createdAt: Date }[];
    outcome: { text: string; at: Date } | null;
  } | null>;
}

function publicStatusOf(status: CaseStatus): PublicStatus {
  if (status === 'new') return 'received';
  if (status === 'referred') return 'referred';
  if (status === 'closed') return 'closed';
  return 'in_progress';
}

/** References are printed upper-case; people type them however they like. */
export const normalizeReference = (reference: string): string => reference.trim().toUpperCase();

export async function lookUpReportStatus(
  port: ReportStatusPort,
  reference: string,
  receipt: string,
): Promise<PublicReportStatus | null> {
  const ref = normalizeReference(reference);
  const code = receipt.trim();
  if (ref === '' || code === '') return null;
  const found = await port.findByReceipt(ref, hashReceipt(code));
  if (!found) return null;
  return {
    reference: found.reference,
    status: publicStatusOf(found.status),
    receivedAt: found.createdAt.toISOString(),
    updatedAt: found.lastActivityAt.toISOString(),
    messages: found.messages.map((m) => ({ text: m.text, at: m.createdAt.toISOString() })),
    outcome: found.outcome ? { text: found.outcome.text, at: found.outcome.at.toISOString() } : null,
  };
}
