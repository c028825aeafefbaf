import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { AuditOf } from '../domain/audit.ts';
import type { CaseSummary } from '../domain/views.ts';
import { writeAudit } from './audit.repository.ts';
import { summaryQuery, toSummary } from './case-views.ts';
import type { Db } from './db.ts';
import { personCasesOf } from './people.repository.ts';
import { auditLog, cannedResponses, cases, caseTags, users } from './schema/index.ts';

const HISTORY_ACTIONS = [
  'case.update',
  'case.note',
  'case.reply',
  'case.tags',
  'attachment.reveal',
  'case.foreign_reference',
  'message.reply_recipient_override',
];
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Tags, canned responses, a case's history and the reporter's other cases. */
export function createInboxExtrasRepository(db: Db) {
  return {
    async tags(caseId: string): Promise<string[]> {
      const rows = await db.select({ tag: caseTags.tag }).from(caseTags).where(eq(caseTags.caseId, caseId));
      return rows.map((r) => r.tag).sort();
    },

    async setTags(
      caseId: string,
      tags: string[],
      by: string,
      now: Date,
      audit: AuditOf<{ added: string[]; removed: string[] }>,
    ): Promise<{ added: string[]; removed: string[] }> {
      return db.transaction(async (t) => {
        const [c] = await t.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).for('update');
        if (!c) return { added: [], removed: [] };
        const before = (await t.select({ tag: caseTags.tag }).from(caseTags).where(eq(caseTags.caseId, caseId))).map(
          (r) => r.tag,
        );
        const added = tags.filter((x) => !before.includes(x));
        const removed = before.filter((x) => !tags.includes(x));
        if (removed.length)
          await t.delete(caseTags).where(and(eq(caseTags.caseId, caseId), inArray(caseTags.tag, removed)));
        if (added.length)
          await t.insert(caseTags).values(added.map((tag) => ({ caseId, tag, createdBy: by, createdAt: now })));
        await writeAudit(t, audit({ added, removed }), now);
        return { added, removed };
      });
    },

    async history(caseId: string) {
      const rows = await db
        .select({ at: auditLog.at, action: auditLog.action, actorName: users.name, details: auditLog.details })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(
          or(
            and(
              eq(auditLog.entityType, 'case'),
              eq(auditLog.entityId, caseId),
              inArray(auditLog.action, HISTORY_ACTIONS),
            ),
            and(eq(auditLog.action, 'attachment.reveal'), sql`${auditLog.details}->>'caseId' = ${caseId}`),
          ),
        )
        .orderBy(desc(auditLog.at))
        .limit(200);
      return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
    },

    /** The other cases of the reporter's person: every linked contact, whichever channel. */
    async otherCases(caseId: string): Promise<CaseSummary[]> {
      const [c] = await db.select({ contactId: cases.contactId }).from(cases).where(eq(cases.id, caseId));
      return personCasesOf(db, caseId, c?.contactId ?? null, 20);
    },

    /**
     * The case this one continues or was opened instead of (its link), then the cases that quoted
     * this one from an unknown sender (their audit entries on this case). Keys only: no scan.
     */
    async linkedCases(caseId: string): Promise<CaseSummary[]> {
      // Both directions: the case this one links to, and the cases that link to it (newest first).
      const [c] = await db.select({ linked: cases.linkedCaseId }).from(cases).where(eq(cases.id, caseId));
      const linking = await db
        .select({ id: cases.id })
        .from(cases)
        .where(eq(cases.linkedCaseId, caseId))
        .orderBy(desc(cases.createdAt))
        .limit(50);
      const ids = [...new Set([c?.linked, ...linking.map((l) => l.id)].filter((x): x is string => !!x))];
      if (ids.length === 0) return [];
      const rows = await summaryQuery(db).where(inArray(cases.id, ids));
      return ids.flatMap((id) => rows.filter((r) => r.id === id).map(toSummary));
    },

    async canned(q: string | undefined) {
      const pattern = q ? `%${likeEscape(q)}%` : undefined;
      return db
        .select({
          id: cannedResponses.id,
          title: cannedResponses.title,
          body: cannedResponses.body,
          language: cannedResponses.language,
        })
        .from(cannedResponses)
        .where(pattern ? or(ilike(cannedResponses.title, pattern), ilike(cannedResponses.body, pattern)) : undefined)
        .orderBy(asc(cannedResponses.title))
        .limit(100);
    },

    async addCanned(
      input: { title: string; body: string; language: string; by: string; now: Date },
      audit: AuditOf<{ id: string }>,
    ) {
      return db.transaction(async (t) => {
        const [row] = await t
          .insert(cannedResponses)
          .values({
            title: input.title,
            body: input.body,
            language: input.language,
            createdBy: input.by,
            createdAt: input.now,
          })
          .returning({ id: cannedResponses.id });
        if (!row) throw new Error('canned response insert returned nothing');
        await writeAudit(t, audit(row), input.now);
        return row;
      });
    },

    async setLanguage(userId: string, language: string): Promise<void> {
      await db.update(users).set({ language }).where(eq(users.id, userId));
    },

    async deleteCanned(id: string, audit: AuditOf<void>): Promise<boolean> {
      return db.transaction(async (t) => {
        const rows = await t
          .delete(cannedResponses)
          .where(eq(cannedResponses.id, id))
          .returning({ id: cannedResponses.id });
        if (rows.length === 0) return false;
        await writeAudit(t, audit(), new Date());
        return true;
      });
    },
  };
}

export type InboxExtrasRepository = ReturnType<typeof createInboxExtrasRepository>;
