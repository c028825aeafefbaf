import type { z } from 'zod';
import type { AuditEntry, AuditOf } from './audit.ts';
import type { Actor, CaseServiceDeps } from './case.service.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { ABUSE_MATERIAL_TAG, mayRemoveTag } from './system-tags.ts';
import type { cannedResponseSchema, historyEntrySchema } from './views.schema.ts';
import type { CaseSummary, DomainEvent } from './views.ts';

/** One line of a case's history and a canned response: inferred from their schemas (views.schema.ts). */
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

export interface InboxExtrasPort {
  tags(caseId: string): Promise<string[]>;
  /** `audit`: the entries for what really changed, written in the change's transaction. */
  setTags(
    caseId: string,
    tags: string[],
    by: string,
    now: Date,
    audit: AuditOf<{ added: string[]; removed: string[] }>,
  ): Promise<{ added: string[]; removed: string[] }>;
  history(caseId: string): Promise<HistoryEntry[]>;
  otherCases(caseId: string): Promise<CaseSummary[]>;
  /** The case this one is linked to, and the cases that quoted this one from an unknown sender. */
  linkedCases(caseId: string): Promise<CaseSummary[]>;
  canned(q: string | undefined): Promise<CannedResponse[]>;
  addCanned(
    input: { title: string; body: string; language: string; by: string; now: Date },
    audit: AuditOf<{ id: string }>,
  ): Promise<{ id: string }>;
  /** False when there was none; `audit` is written with the delete, in its transaction. */
  deleteCanned(id: string, audit: AuditOf<void>): Promise<boolean>;
  setLanguage(userId: string, language: string): Promise<void>;
}

export interface InboxExtrasDeps {
  store: InboxExtrasPort;
  audit: CaseServiceDeps['audit'];
  /** The same bus as domain events; tags ride on it so every api node relays them. */
  publisher: { publish(events: DomainEvent[]): Promise<void> };
  caseExists(id: string): Promise<boolean>;
}

const MAX_TAGS = 20;
const normaliseTag = (t: string) => t.trim().toLocaleLowerCase('sr').replace(/\s+/g, ' ').slice(0, 40);

export function createInboxExtrasService(d: InboxExtrasDeps) {
  const mustExist = async (id: string) => {
    if (!(await d.caseExists(id))) throw new NotFoundError('case');
  };
  return {
    async extras(caseId: string) {
      await mustExist(caseId);
      const [tags, history, otherCases, linked] = await Promise.all([
        d.store.tags(caseId),
        d.store.history(caseId),
        d.store.otherCases(caseId),
        d.store.linkedCases(caseId),
      ]);
      return { tags, history, otherCases, linked };
    },

    async setTags(actor: Actor, caseId: string, raw: string[]): Promise<string[]> {
      await mustExist(caseId);
      const tags = [...new Set(raw.map(normaliseTag).filter(Boolean))].sort();
      if (tags.length > MAX_TAGS)
        throw new ValidationError('too many tags', [{ field: 'tags', message: `at most ${MAX_TAGS}` }]);
      // The tag a known-hash match set is not the counselor's to take off: supervisors and admins only.
      const before = await d.store.tags(caseId);
      const dropsAbuseTag = before.includes(ABUSE_MATERIAL_TAG) && !tags.includes(ABUSE_MATERIAL_TAG);
      if (dropsAbuseTag && !mayRemoveTag(ABUSE_MATERIAL_TAG, actor.role)) {
        await d.audit.write({
          actorId: actor.id,
          action: 'case.tags_refused',
          entityType: 'case',
          entityId: caseId,
          ip: actor.ip,
          details: { reason: 'abuse_material_tag' },
        });
        throw new ForbiddenError(
          'only supervisors and admins may remove the "abuse material" tag',
          'abuse_material_tag_protected',
        );
      }
      const entry = (action: string, details: Record<string, unknown>): AuditEntry => ({
        actorId: actor.id,
        action,
        entityType: 'case',
        entityId: caseId,
        ip: actor.ip,
        details,
      });
      const { added, removed } = await d.store.setTags(caseId, tags, actor.id, new Date(), (r) => [
        ...(dropsAbuseTag && r.removed.includes(ABUSE_MATERIAL_TAG)
          ? [entry('case.abuse_material_untagged', { caseId })]
          : []),
        ...(r.added.length || r.removed.length ? [entry('case.tags', { added: r.added, removed: r.removed })] : []),
      ]);
      if (added.length || removed.length) await d.publisher.publish([{ type: 'case:tags', caseId, tags }]);
      return tags;
    },

    canned: (q: string | undefined) => d.store.canned(q),

    /** The interface language follows the counselor from browser to browser. */
    /** Any account's own choice (educators and partners too): not case work, so any signed-in account. */
    setLanguage: (account: { id: string }, language: 'sr-Latn' | 'sr-Cyrl' | 'en') =>
      d.store.setLanguage(account.id, language),

    async addCanned(actor: Actor, input: { title: string; body: string; language: string }) {
      if (actor.role === 'counselor') throw new ForbiddenError('supervisors keep the canned responses');
      return d.store.addCanned({ ...input, by: actor.id, now: new Date() }, (row) => [
        { actorId: actor.id, action: 'canned.create', entityType: 'canned_response', entityId: row.id, ip: actor.ip },
      ]);
    },

    async deleteCanned(actor: Actor, id: string) {
      if (actor.role === 'counselor') throw new ForbiddenError('supervisors keep the canned responses');
      const deleted = await d.store.deleteCanned(id, () => [
        { actorId: actor.id, action: 'canned.delete', entityType: 'canned_response', entityId: id, ip: actor.ip },
      ]);
      if (!deleted) throw new NotFoundError('canned response');
    },
  };
}

export type InboxExtrasService = ReturnType<typeof createInboxExtrasService>;
