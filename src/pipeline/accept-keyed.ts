import type { Logger } from 'pino';
import type { InboundEnvelope } from '../../connectors/contract.ts';
import type { KeyedIntakeRepository } from '../store/keyed-intake.repository.ts';
import { enqueueBounded } from './accept.ts';
import type { Producers } from './producers.ts';

/**
 * Durable first, then queued, for an envelope under a key the client chose: the content's hash
 * is stored beside the key, and the key coming back with other content records nothing. Each
 * goes alone (not in the group commit): these are people typing, a few a minute at most.
 */
export function createAcceptKeyed(repo: KeyedIntakeRepository, producers: Producers, log: Logger) {
  return async (
    envelope: InboundEnvelope,
    contentHash: string,
  ): Promise<{ eventId: string; created: boolean } | { keyReused: true }> => {
    const recorded = await repo.record(envelope, new Date(), contentHash);
    if ('keyReused' in recorded) return recorded;
    // A repeat of an event not yet applied is enqueued again under its own job id (a no-op while
    // that job exists; the worker passes over an event already applied).
    await enqueueBounded(producers, recorded.id, log);
    return { eventId: recorded.id, created: recorded.created };
  };
}
