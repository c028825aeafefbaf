import type { Logger } from 'pino';
import type { InboundEnvelope } from '../../../connectors/contract.ts';
import {
  type CallMessage,
  type CallSource,
  type CallThread,
  callEnvelope,
  callFields,
  callText,
  type ManualDetails,
} from '../../../connectors/phone/call-envelope.ts';
import { type CallRecord, counterpart } from '../../../connectors/phone/call-record.ts';
import { callState } from '../../../connectors/phone/call-state.ts';
import { maskPhone } from '../../../connectors/phone/phone-number.ts';
import type { AuditOf } from '../../domain/audit.ts';
import type { DomainEvent, EventPublisher, MessageView } from '../../domain/views.ts';
import type { PhoneCallRepository, RecordCallResult } from './phone-call.repository.ts';
import type { CallbackCounts, CallbackView, PhoneCallbackRepository } from './phone-callback.repository.ts';
import type { PhoneSettings } from './phone-settings.ts';

/**
 * What happens to a call's pipeline event once it is durable: enqueued for the inbound worker
 * (PBX posts, manual logs), or applied at once in this process (imports).
 */
export type Dispatch = (eventId: string, envelope: InboundEnvelope) => Promise<void>;

/**
 * `callback:updated` is relayed to every signed-in counselor like the core events. It is not (yet)
 * a member of DomainEvent, hence the cast: see the phone channel's notes on the event contract.
 */
const callbackEvent = (callback: CallbackView, counts: CallbackCounts): DomainEvent => ({
  type: 'callback:updated',
  callback,
  counts,
});

export interface PhoneIngestDeps {
  calls: PhoneCallRepository;
  callbacks: PhoneCallbackRepository;
  dispatch: Dispatch;
  publisher: EventPublisher;
  messageView(id: string): Promise<MessageView>;
  settings: PhoneSettings;
  log: Logger;
}

export function createPhoneIngest(deps: PhoneIngestDeps) {
  const { calls, settings, log } = deps;
  const policy = { dueMinutes: settings.callbackDueMinutes, maxAgeMs: settings.callbackMaxAgeMs };
  const render = (m: CallMessage) => ({ text: callText(m, settings.lang), fields: callFields(m) });

  const publish = (events: DomainEvent[]) =>
    deps.publisher.publish(events).catch((err) => log.warn({ err }, 'phone event publish failed'));

  /** Refresh the call's message when the call moved on since the message was written. */
  async function sync(callId: string): Promise<boolean> {
    const messageId = await calls.syncMessage(callId, render);
    if (!messageId) return false;
    const message = await deps.messageView(messageId);
    await publish([{ type: 'message:updated', caseId: message.caseId, message }]);
    return true;
  }

  async function publishCallback(id: string): Promise<void> {
    const [view, counts] = await Promise.all([deps.callbacks.view(id), deps.callbacks.counts()]);
    await publish([callbackEvent(view, counts)]);
  }

  return {
    sync,
    publishCallback,

    /**
     * Record one post of a call: merge it into the stored call; a call new to the store gets its
     * pipeline event in the same transaction (its call id is the message's idempotency key) and is
     * dispatched after the commit; a changed call gets its message refreshed; the inbox hears
     * about the number's callback task. `audit`: a counselor's entry, in the call's transaction.
     */
    async ingest(
      call: CallRecord,
      source: CallSource,
      opts: {
        manual?: ManualDetails | null;
        thread?: CallThread;
        dispatch?: Dispatch;
        audit?: AuditOf<RecordCallResult>;
      } = {},
    ): Promise<RecordCallResult> {
      const now = new Date();
      const res = await calls.recordCall({
        call,
        source,
        manual: opts.manual,
        now,
        policy,
        ...(opts.audit && { audit: opts.audit }),
        handOver: {
          windowMs: settings.caseWindowMs,
          ...(opts.thread && { thread: opts.thread }),
          envelope: (stored, thread) => callEnvelope(stored, { thread, lang: settings.lang, receivedAt: now }),
        },
      });
      if (res.event) await (opts.dispatch ?? deps.dispatch)(res.event.id, res.event.envelope);
      else if (res.effect === 'updated') await sync(call.callId);
      if (res.callbackId) await publishCallback(res.callbackId);
      // Ids and masked numbers only: a number in full is personal data.
      log.info(
        {
          callId: call.callId,
          source,
          effect: res.effect,
          stale: res.stale,
          state: callState(res.stored.call),
          caller: maskPhone(counterpart(res.stored.call)),
        },
        'call recorded',
      );
      return res;
    },
  };
}

export type PhoneIngest = ReturnType<typeof createPhoneIngest>;
