import type { AuditEntry } from '../../domain/audit.ts';
import type { InstitutionOutcome } from '../../domain/referrals.ts';
import { newSessionToken, sha256Hex } from '../../domain/tokens.ts';
import type { DomainEvent, EventPublisher } from '../../domain/views.ts';
import type { LinkStep, ReplyLinkRepository, ReplyLinkState } from './reply-link.repository.ts';

/** 32 random bytes, base64url: what the e-mail carries; only its sha256 is stored. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const REPLY_PATH = '/institution/reply';

export interface ReplyLinkDeps {
  store: Pick<ReplyLinkRepository, 'issue' | 'find' | 'confirm' | 'answer'>;
  publisher: EventPublisher;
  /** How long a link works after its e-mail was made. */
  days: number;
  /** PUBLIC_URL: without it no link can be made (the e-mail goes without one). */
  publicUrl: string | null;
}

/**
 * The one-time link of a referral e-mail: the institution confirms receipt and records what it did,
 * with no account. A link that is unknown, malformed or expired is the same "does not work" to
 * whoever holds it; the answer is taken once. Every step is audited (no actor: the institution,
 * named in the entry) and shown live on the case.
 */
export function createReplyLinkService(d: ReplyLinkDeps) {
  const hashOf = (token: string) => (TOKEN.test(token) ? sha256Hex(token) : null);
  const entry =
    (action: string, ip: string | null, details: Record<string, unknown> = {}) =>
    (referralId: string): AuditEntry[] => [
      { actorId: null, action, entityType: 'referral', entityId: referralId, ip, details: { via: 'link', ...details } },
    ];
  const publish = async (step: LinkStep) => {
    if (!step.done) return;
    const events: DomainEvent[] = [{ type: 'referral:updated', caseId: step.referral.caseId, referral: step.referral }];
    if (step.caseChanged) events.push({ type: 'case:updated', case: step.caseChanged, changed: ['status'] });
    await d.publisher.publish(events);
  };

  return {
    /** A fresh link for the referral's e-mail (the one before stops working); null without PUBLIC_URL. */
    async issue(referralId: string, now = new Date()): Promise<{ url: string; expiresAt: Date } | null> {
      if (!d.publicUrl) return null;
      const token = newSessionToken();
      const expiresAt = new Date(now.getTime() + d.days * 86_400_000);
      await d.store.issue(referralId, sha256Hex(token), now, expiresAt);
      return { url: `${d.publicUrl.replace(/\/+$/, '')}${REPLY_PATH}?t=${token}`, expiresAt };
    },

    /** The link's page state; null for any link that does not work (unknown, malformed, expired). */
    async state(token: string, now = new Date()): Promise<ReplyLinkState | null> {
      const hash = hashOf(token);
      const state = hash ? await d.store.find(hash) : null;
      return state && state.expiresAt > now ? state : null;
    },

    async confirm(token: string, ip: string | null, now = new Date()): Promise<LinkStep> {
      const hash = hashOf(token);
      if (!hash) return { done: false, why: 'gone' };
      const step = await d.store.confirm(hash, now, entry('referral.receipt_confirmed', ip));
      await publish(step);
      return step;
    },

    async answer(
      token: string,
      answer: { text: string; outcomeCode: InstitutionOutcome | null },
      ip: string | null,
      now = new Date(),
    ): Promise<LinkStep> {
      const hash = hashOf(token);
      if (!hash) return { done: false, why: 'gone' };
      const step = await d.store.answer(
        hash,
        answer,
        now,
        entry('referral.answered_by_link', ip, { outcomeCode: answer.outcomeCode }),
      );
      await publish(step);
      return step;
    },
  };
}

export type ReplyLinkService = ReturnType<typeof createReplyLinkService>;
