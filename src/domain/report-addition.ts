import { createHash } from 'node:crypto';
import type { InboundEnvelope } from '../../connectors/contract.ts';
import { normalizeReference, type ReportStatusPort } from './report-status.ts';
import { hashReceipt } from './tokens.ts';

export interface ReportAdditionPorts {
  lookup: ReportStatusPort;
  /**
   * The durable intake path (recorded, then queued), with the hash of what the client's key
   * stands for stored beside it: the same key with another hash records nothing.
   */
  acceptKeyed(
    envelope: InboundEnvelope,
    contentHash: string,
  ): Promise<{ eventId: string; created: boolean } | { keyReused: true }>;
}

export type AdditionResult = { reference: string; created: boolean } | { keyReused: true } | null;

/**
 * A reporter adds information to their report with the receipt code. It enters like any message
 * from the web form (durable event → queue → ingest) and joins that case by id. The idempotency
 * key (one per rendered form; the text's hash when a client sends none) makes a resubmission the
 * same event, so it is stored once; the same key with other text is refused (`keyReused`), so a
 * second addition is never silently dropped. Null: no report with this number and code (a wrong
 * code and an unknown number take the same path).
 */
export async function addToReport(
  ports: ReportAdditionPorts,
  input: { reference: string; receipt: string; text: string; key?: string | undefined },
  now = new Date(),
): Promise<AdditionResult> {
  const ref = normalizeReference(input.reference);
  const code = input.receipt.trim();
  if (ref === '' || code === '') return null;
  const found = await ports.lookup.findByReceipt(ref, hashReceipt(code));
  if (!found) return null;
  const contentHash = createHash('sha256').update(input.text).digest('hex');
  const key = input.key ?? contentHash.slice(0, 32);
  const envelope: InboundEnvelope = {
    channel: 'web_form',
    externalId: `status-add:${found.id}:${key}`,
    receivedAt: now.toISOString(),
    thread: {
      caseId: found.id,
      // Never used: an explicit caseId never opens a case. The contract asks for hints all the same.
      newCase: { kind: 'report', anonymous: true, consent: false },
      // The receipt code proved the case is the reporter's.
      senderAsserted: false,
    },
    message: { text: input.text, fields: { source: 'status_page' } },
  };
  const accepted = await ports.acceptKeyed(envelope, contentHash);
  if ('keyReused' in accepted) return accepted;
  return { reference: found.reference, created: accepted.created };
}
