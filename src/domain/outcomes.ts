import type { Atomic, AuditPort } from './audit.ts';
import type { Actor, CaseStorePort } from './case.service.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import type { EventPublisher, MessageView } from './views.ts';

/** What was done on a case, as the reporter is told it. One template per code and language. */
export const OUTCOME_CODES = [
  'referred_police',
  'referred_social_work',
  'referred_education',
  'referred_health',
  'referred_prosecutor',
  'content_reported_to_platform',
  'advice_given',
  'closed_no_action',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export const TEMPLATE_LANGUAGES = ['sr-Latn', 'sr-Cyrl', 'en'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

const languageOf = (l: string | null | undefined): TemplateLanguage =>
  (TEMPLATE_LANGUAGES as readonly string[]).includes(l ?? '') ? (l as TemplateLanguage) : 'sr-Latn';

export interface OutcomeTemplate {
  outcome: OutcomeCode;
  language: TemplateLanguage;
  body: string;
  updatedAt: string;
  updatedByName: string | null;
}

/** One outcome told (or only recorded) on a case, with the delivery of the message that carried it. */
export interface RecordedOutcome {
  id: string;
  outcome: string;
  language: string;
  text: string;
  recordedAt: string;
  recordedByName: string | null;
  messageId: string | null;
  /** The carrying message: pending, sent, delivered, read, failed; null when only recorded. */
  deliveryStatus: string | null;
  deliveryError: string | null;
  /** The channel it went out on (email, facebook, …), once known. */
  deliveryChannel: string | null;
  /** When the channel took it (status sent or later). */
  sentAt: string | null;
}

/** What the outcome use cases write, each with its audit entry on one transaction (`atomically`). */
export interface OutcomeWrites {
  saveTemplate(input: {
    outcome: OutcomeCode;
    language: TemplateLanguage;
    body: string;
    by: string;
    now: Date;
  }): Promise<void>;
  updateCanned(id: string, input: { title: string; body: string; language: string }): Promise<boolean>;
  /** The reply that carries an outcome to the reporter: the case store's, on the same transaction. */
  addStaffMessage: CaseStorePort['addStaffMessage'];
  record(input: {
    caseId: string;
    outcome: OutcomeCode;
    language: TemplateLanguage;
    text: string;
    messageId: string | null;
    by: string;
    now: Date;
  }): Promise<string>;
}

export interface OutcomeStorePort extends Atomic<OutcomeWrites> {
  templates(): Promise<OutcomeTemplate[]>;
  caseFacts(caseId: string): Promise<{ reference: string; language: string | null; status: string } | null>;
  recorded(caseId: string): Promise<RecordedOutcome[]>;
}

/** Where a reply on this case would go, or null when the reporter cannot be reached. */
export type ReplyRoutePort = (caseId: string) => Promise<{ channel: string; identityKind: string } | null>;

export interface OutcomeServiceDeps {
  store: OutcomeStorePort;
  cases: Pick<CaseStorePort, 'summary'>;
  route: ReplyRoutePort;
  audit: AuditPort;
  publisher: EventPublisher;
  enqueueOutbound(messageId: string, caseId: string): Promise<void>;
}

const KEEPERS = new Set(['supervisor', 'admin']);
const mustKeep = (actor: Actor) => {
  if (!KEEPERS.has(actor.role)) throw new ForbiddenError('supervisors and admins keep the templates');
};

export function createOutcomeService(d: OutcomeServiceDeps) {
  const facts = async (caseId: string) => {
    const f = await d.store.caseFacts(caseId);
    if (!f) throw new NotFoundError('case');
    return f;
  };

  return {
    templates: () => d.store.templates(),

    async saveTemplate(actor: Actor, outcome: OutcomeCode, language: TemplateLanguage, body: string) {
      mustKeep(actor);
      await d.store.atomically(async (tx, audit) => {
        await tx.saveTemplate({ outcome, language, body, by: actor.id, now: new Date() });
        await audit({
          actorId: actor.id,
          action: 'outcome_template.update',
          entityType: 'outcome_template',
          entityId: `${outcome}:${language}`,
          ip: actor.ip,
        });
      });
    },

    async updateCanned(actor: Actor, id: string, input: { title: string; body: string; language: string }) {
      if (actor.role === 'counselor') throw new ForbiddenError('supervisors keep the canned responses');
      await d.store.atomically(async (tx, audit) => {
        if (!(await tx.updateCanned(id, input))) throw new NotFoundError('canned response');
        await audit({
          actorId: actor.id,
          action: 'canned.update',
          entityType: 'canned_response',
          entityId: id,
          ip: actor.ip,
        });
      });
    },

    /** What the outcome dialog needs: the reporter's language, whether they can be reached, and on what. */
    async forCase(actor: Actor, caseId: string) {
      const f = await facts(caseId);
      const route = await d.route(caseId);
      const recorded = await d.store.recorded(caseId);
      await d.audit.write({
        actorId: actor.id,
        action: 'case.outcome_view',
        entityType: 'case',
        entityId: caseId,
        ip: actor.ip,
      });
      return {
        reference: f.reference,
        language: languageOf(f.language),
        reachable: route !== null,
        channel: route?.channel ?? null,
        recorded,
      };
    },

    /**
     * Record the outcome on the case; with `send` and a way to reach the reporter, it also goes
     * out as a reply on their channel (the outbound worker delivers it and records the result).
     */
    async tell(
      actor: Actor,
      caseId: string,
      input: { outcome: OutcomeCode; text: string; send: boolean },
    ): Promise<{ outcome: RecordedOutcome; message: MessageView | null; delivery: 'queued' | 'recorded_only' }> {
      const f = await facts(caseId);
      const language = languageOf(f.language);
      const text = input.text.trim();
      if (!text) throw new ValidationError('empty outcome message', [{ field: 'text', message: 'required' }]);
      const route = input.send ? await d.route(caseId) : null;
      const channel = route ? (await d.cases.summary(caseId)).channel : null;
      // The reply, the outcome and its record: one transaction, so none stands without the others.
      const { id, message, summary } = await d.store.atomically(async (tx, audit) => {
        const now = new Date();
        const added = channel
          ? await tx.addStaffMessage(
              { caseId, kind: 'reply', text, authorId: actor.id, channel, fields: { outcome: input.outcome }, now },
              // Its record is the case.outcome entry below, which names this message.
              () => [],
            )
          : null;
        const messageId = added?.message.id ?? null;
        const id = await tx.record({ caseId, outcome: input.outcome, language, text, messageId, by: actor.id, now });
        await audit({
          actorId: actor.id,
          action: 'case.outcome',
          entityType: 'case',
          entityId: caseId,
          ip: actor.ip,
          details: { outcome: input.outcome, outcomeId: id, messageId, channel: route?.channel ?? null, language },
        });
        return { id, message: added?.message ?? null, summary: added?.summary ?? null };
      });
      if (message && summary) {
        await d.publisher.publish([
          { type: 'message:created', caseId, message, case: summary },
          { type: 'case:updated', case: summary, changed: ['lastActivityAt'] },
        ]);
        await d.enqueueOutbound(message.id, caseId);
      }
      const all = await d.store.recorded(caseId);
      const mine = all.find((o) => o.id === id);
      if (!mine) throw new Error('recorded outcome vanished');
      return { outcome: mine, message, delivery: message ? 'queued' : 'recorded_only' };
    },
  };
}

export type OutcomeService = ReturnType<typeof createOutcomeService>;
