import type { InboundEnvelope } from '../contract.ts';
import { type CallRecord, counterpart } from './call-record.ts';
import { callState } from './call-state.ts';
import { callSummary, type SummaryLang } from './call-summary.ts';

export type CallSource = 'pbx' | 'csv' | 'manual';

/** What a counselor adds when logging a call by hand. */
export interface ManualDetails {
  category: string | null;
  notes: string | null;
  loggedBy: string;
}

export interface CallMessage {
  call: CallRecord;
  source: CallSource;
  /** Bumped on every stored change; the inbox message carries the version it shows. */
  version: number;
  manual?: ManualDetails | null;
}

/** Where the call goes: an earlier call's case (by its call id) or a case the counselor chose. */
export interface CallThread {
  replyTo?: string[];
  caseReference?: string;
}

/** The structured data the inbox shows with a call message. */
export function callFields(m: CallMessage): Record<string, unknown> {
  const c = m.call;
  return {
    callId: c.callId,
    line: c.line,
    from: c.from,
    to: c.to,
    direction: c.direction,
    state: callState(c),
    startedAt: c.startedAt,
    answeredAt: c.answeredAt,
    endedAt: c.endedAt,
    durationSec: c.durationSec,
    outcome: c.outcome,
    agent: c.agent,
    recordingUrl: c.recordingUrl,
    transcript: c.transcript,
    source: m.source,
    version: m.version,
    ...(m.manual && { category: m.manual.category, notes: m.manual.notes, loggedBy: m.manual.loggedBy }),
  };
}

export const callText = (m: CallMessage, lang: SummaryLang) =>
  callSummary(m.call, lang, { manual: m.source === 'manual', notes: m.manual?.notes ?? null });

/**
 * A call becomes one message, keyed by the PBX's call id. A withheld or invalid number has no
 * sender: the case is anonymous. Our own outgoing calls are outbound messages (like a channel's
 * echo of what staff sent), so they never reopen a case or count as the caller writing.
 */
export function callEnvelope(
  m: CallMessage,
  opts: { thread: CallThread; lang: SummaryLang; receivedAt: Date },
): InboundEnvelope {
  const number = counterpart(m.call);
  return {
    channel: 'phone',
    externalId: m.call.callId,
    receivedAt: opts.receivedAt.toISOString(),
    occurredAt: m.call.startedAt,
    ...(number && { sender: { kind: 'phone' as const, value: number } }),
    thread: {
      newCase: {
        kind: 'call',
        anonymous: number === null,
        consent: false,
        ...(m.manual?.category && { category: m.manual.category }),
      },
      ...(opts.thread.replyTo?.length && { replyTo: opts.thread.replyTo }),
      ...(opts.thread.caseReference && { caseReference: opts.thread.caseReference }),
      // The case a call joins is named by a counselor or the PBX, not by the caller.
      senderAsserted: false,
    },
    message: {
      text: callText(m, opts.lang),
      fields: callFields(m),
      direction: m.call.direction === 'outbound' ? 'outbound' : 'inbound',
    },
  };
}
