import { asc, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  OUTCOME_CODES,
  type OutcomeCode,
  type OutcomeStorePort,
  type OutcomeTemplate,
  type OutcomeWrites,
  type TemplateLanguage,
} from '../domain/outcomes.ts';
import { adviceDefaults, OUTCOME_DEFAULTS } from '../i18n/outcome-defaults.ts';
import { atomically } from './audit.repository.ts';
import { createCaseRepository } from './case.repository.ts';
import type { Db } from './db.ts';
import { cannedResponses, caseOutcomes, cases, messages, outcomeTemplates, users } from './schema/index.ts';

/**
 * First start with this table: the default outcome templates, and (only then) the advice for
 * parents as canned responses. A template is never deleted, so the insert that adds every
 * default is the first one; later starts add only templates of new outcome codes. Two nodes
 * starting together: the second insert waits for the first and adds nothing.
 */
export async function seedOutcomeTemplates(db: Db, now = new Date()): Promise<void> {
  const rows = (Object.keys(OUTCOME_DEFAULTS) as TemplateLanguage[]).flatMap((language) =>
    OUTCOME_CODES.map((outcome) => ({ outcome, language, body: OUTCOME_DEFAULTS[language][outcome], updatedAt: now })),
  );
  await db.transaction(async (t) => {
    const existing = await t.select({ outcome: outcomeTemplates.outcome }).from(outcomeTemplates).limit(1);
    const inserted = await t
      .insert(outcomeTemplates)
      .values(rows)
      .onConflictDoNothing()
      .returning({ outcome: outcomeTemplates.outcome });
    if (existing.length === 0 && inserted.length === rows.length)
      await t.insert(cannedResponses).values(adviceDefaults().map((a) => ({ ...a, createdAt: now })));
  });
}

/** The outcome writes on one handle: `atomically` gives them a transaction's. */
function outcomeWrites(db: Db): OutcomeWrites {
  return {
    async saveTemplate({ outcome, language, body, by, now }) {
      await db
        .insert(outcomeTemplates)
        .values({ outcome, language, body, updatedBy: by, updatedAt: now })
        .onConflictDoUpdate({
          target: [outcomeTemplates.outcome, outcomeTemplates.language],
          set: { body, updatedBy: by, updatedAt: now },
        });
    },

    async updateCanned(id, input) {
      const rows = await db
        .update(cannedResponses)
        .set(input)
        .where(eq(cannedResponses.id, id))
        .returning({ id: cannedResponses.id });
      return rows.length > 0;
    },

    async record(input) {
      const [row] = await db
        .insert(caseOutcomes)
        .values({
          caseId: input.caseId,
          outcome: input.outcome,
          language: input.language,
          text: input.text,
          messageId: input.messageId,
          recordedBy: input.by,
          recordedAt: input.now,
        })
        .returning({ id: caseOutcomes.id });
      if (!row) throw new Error('outcome insert returned nothing');
      return row.id;
    },

    addStaffMessage: createCaseRepository(db).addStaffMessage,
  };
}

export function createOutcomeRepository(db: Db): OutcomeStorePort {
  const author = alias(users, 'outcome_author');
  return {
    atomically: atomically(db, outcomeWrites),

    async templates() {
      const rows = await db
        .select({
          outcome: outcomeTemplates.outcome,
          language: outcomeTemplates.language,
          body: outcomeTemplates.body,
          updatedAt: outcomeTemplates.updatedAt,
          updatedByName: users.name,
        })
        .from(outcomeTemplates)
        .leftJoin(users, eq(users.id, outcomeTemplates.updatedBy))
        .orderBy(asc(outcomeTemplates.outcome), asc(outcomeTemplates.language));
      return rows
        .filter((r) => (OUTCOME_CODES as readonly string[]).includes(r.outcome))
        .map(
          (r): OutcomeTemplate => ({
            outcome: r.outcome as OutcomeCode,
            language: r.language as TemplateLanguage,
            body: r.body,
            updatedAt: r.updatedAt.toISOString(),
            updatedByName: r.updatedByName,
          }),
        );
    },

    async caseFacts(caseId) {
      const [c] = await db
        .select({ reference: cases.reference, language: cases.language, status: cases.status })
        .from(cases)
        .where(eq(cases.id, caseId));
      return c ?? null;
    },

    async recorded(caseId) {
      const rows = await db
        .select({
          id: caseOutcomes.id,
          outcome: caseOutcomes.outcome,
          language: caseOutcomes.language,
          text: caseOutcomes.text,
          recordedAt: caseOutcomes.recordedAt,
          recordedByName: author.name,
          messageId: caseOutcomes.messageId,
          deliveryStatus: messages.deliveryStatus,
          deliveryError: messages.deliveryError,
          deliveryChannel: messages.channel,
          deliveryAt: messages.deliveryAt,
        })
        .from(caseOutcomes)
        .leftJoin(author, eq(author.id, caseOutcomes.recordedBy))
        .leftJoin(messages, eq(messages.id, caseOutcomes.messageId))
        .where(eq(caseOutcomes.caseId, caseId))
        .orderBy(desc(caseOutcomes.recordedAt), desc(caseOutcomes.id));
      return rows.map((r) => ({
        id: r.id,
        outcome: r.outcome,
        language: r.language,
        text: r.text,
        recordedAt: r.recordedAt.toISOString(),
        recordedByName: r.recordedByName,
        messageId: r.messageId,
        deliveryStatus: r.deliveryStatus,
        deliveryError: r.deliveryError,
        deliveryChannel: r.messageId ? r.deliveryChannel : null,
        sentAt:
          r.deliveryAt && r.deliveryStatus && ['sent', 'delivered', 'read'].includes(r.deliveryStatus)
            ? r.deliveryAt.toISOString()
            : null,
      }));
    },
  };
}

/** The newest outcome of a case as the reporter's status page shows it. */
export async function latestOutcome(db: Db, caseId: string): Promise<{ text: string; at: Date } | null> {
  const [row] = await db
    .select({ text: caseOutcomes.text, at: caseOutcomes.recordedAt })
    .from(caseOutcomes)
    .where(eq(caseOutcomes.caseId, caseId))
    .orderBy(desc(caseOutcomes.recordedAt), desc(caseOutcomes.id))
    .limit(1);
  return row ?? null;
}
