import { domainToASCII } from 'node:url';
import type { AuditEntry, AuditPort } from './audit.ts';
import type { Actor } from './case.service.ts';
import { NotFoundError } from './errors.ts';
import {
  mayViewRestrictedUrls,
  type UrlActionKind,
  type UrlAssessment,
  type UrlItemDetail,
  type UrlItemView,
  type UrlStatus,
} from './url-items.ts';
import type { UrlExportRow, UrlStats } from './url-stats.ts';
import type { DomainEvent, EventPublisher } from './views.ts';

/** `open` = new, assessed or in progress; `overdue` = open and past its reminder. */
export type UrlStatusFilter = UrlStatus | 'open' | 'overdue';

export interface UrlListFilter {
  assessment?: (UrlAssessment | 'none')[];
  /** Platform codes; "other" for hosts on no listed platform. */
  platform?: string[];
  status?: UrlStatusFilter[];
  /** Parts of the link as written: the host in either script, a path, a parameter. */
  q?: string[];
  /** Only items reported in this case. */
  caseId?: string;
  /** Only items first reported in [from, to). */
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
  /** False for roles that may not see abuse material: restricted items are left out, not counted. */
  includeRestricted: boolean;
}

export interface UrlPatch {
  assessment?: UrlAssessment | null;
  hostingCountry?: string | null;
  /** A platform code, or "other". */
  platform?: string;
}

export interface NewUrlAction {
  kind: UrlActionKind;
  at: Date;
  note: string | null;
}

/** A write and how the item stood before it (for the audit entry and the live events). */
export interface UrlWrite {
  before: UrlItemView;
  after: UrlItemView;
}

export interface UrlStorePort {
  list(f: UrlListFilter, now: Date): Promise<{ items: UrlItemView[]; nextCursor: string | null }>;
  detail(id: string, now: Date): Promise<UrlItemDetail | null>;
  /**
   * Change the item, its status following, with the entries `audit` makes written in the same
   * transaction. A platform code that is not on the list is refused (ValidationError on `platform`).
   */
  update(id: string, patch: UrlPatch, by: string, now: Date, audit: (w: UrlWrite) => AuditEntry[]): Promise<UrlWrite>;
  /** Record an action (and the item's new status), audited in the same transaction. */
  addAction(
    id: string,
    action: NewUrlAction,
    by: string,
    now: Date,
    audit: (w: UrlWrite & { actionId: string }) => AuditEntry[],
  ): Promise<UrlWrite>;
  exportRows(f: Omit<UrlListFilter, 'cursor' | 'limit' | 'q' | 'caseId'>, limit: number): Promise<UrlExportRow[]>;
  stats(period: { from: Date; to: Date }, now: Date): Promise<UrlStats>;
  /** Open items past their reminder not reminded since: marked reminded and audited, in one transaction. */
  remindDue(now: Date): Promise<UrlItemView[]>;
}

export interface UrlServiceDeps {
  store: UrlStorePort;
  audit: AuditPort;
  publisher: EventPublisher;
}

/** Most rows one export may hold; a larger hand-over is split by period. */
export const URL_EXPORT_MAX = 50_000;

/** A search text as the stored links are written: also its punycode host and percent-encoded form. */
export function urlSearchTerms(q: string): string[] {
  const terms = new Set([q]);
  if (/[^\x20-\x7e]/.test(q)) {
    const ascii = domainToASCII(q.toLowerCase());
    if (ascii) terms.add(ascii);
    try {
      terms.add(encodeURI(q));
    } catch {
      // A lone surrogate has no percent-encoded form: the text as given is searched.
    }
  }
  return [...terms];
}

export function createUrlService(d: UrlServiceDeps) {
  const mayView = (actor: Actor) => mayViewRestrictedUrls(actor.role);
  const publishWrite = (w: UrlWrite, changed: string[]) =>
    d.publisher.publish([
      { type: 'url:updated', url: w.after, changed, hide: w.after.restricted && !w.before.restricted },
    ] satisfies DomainEvent[]);

  /** An item the actor may not see does not exist for them; the refusal is on record. */
  async function visible(actor: Actor, id: string, now: Date): Promise<UrlItemDetail> {
    const item = await d.store.detail(id, now);
    if (!item) throw new NotFoundError('url');
    if (item.restricted && !mayView(actor)) {
      await d.audit.write({
        actorId: actor.id,
        action: 'url.view_refused',
        entityType: 'url',
        entityId: id,
        ip: actor.ip,
        details: { reason: 'restricted' },
      });
      throw new NotFoundError('url');
    }
    return item;
  }

  return {
    list(actor: Actor, f: Omit<UrlListFilter, 'includeRestricted'>) {
      return d.store.list({ ...f, includeRestricted: mayView(actor) }, new Date());
    },

    /** Reading an item (its reports name cases) is on record, like reading a case. */
    async get(actor: Actor, id: string): Promise<UrlItemDetail> {
      const item = await visible(actor, id, new Date());
      await d.audit.write({ actorId: actor.id, action: 'url.view', entityType: 'url', entityId: id, ip: actor.ip });
      return item;
    },

    async update(actor: Actor, id: string, patch: UrlPatch): Promise<UrlItemView> {
      const now = new Date();
      await visible(actor, id, now);
      const w = await d.store.update(id, patch, actor.id, now, ({ before, after }) => {
        const fields = (['assessment', 'hostingCountry', 'platform'] as const).filter((k) => before[k] !== after[k]);
        if (fields.length === 0) return [];
        return [
          {
            actorId: actor.id,
            action: fields.includes('assessment') ? 'url.assess' : 'url.update',
            entityType: 'url',
            entityId: id,
            ip: actor.ip,
            details: {
              before: Object.fromEntries(fields.map((k) => [k, before[k]])),
              after: Object.fromEntries(fields.map((k) => [k, after[k]])),
            },
          },
        ];
      });
      const changed = (['assessment', 'hostingCountry', 'platform', 'status'] as const).filter(
        (k) => w.before[k] !== w.after[k],
      );
      if (changed.length > 0) await publishWrite(w, changed);
      return w.after;
    },

    async addAction(actor: Actor, id: string, action: NewUrlAction): Promise<UrlItemDetail> {
      const now = new Date();
      await visible(actor, id, now);
      const w = await d.store.addAction(id, action, actor.id, now, ({ before, after, actionId }) => [
        {
          actorId: actor.id,
          action: 'url.action',
          entityType: 'url',
          entityId: id,
          ip: actor.ip,
          details: {
            actionId,
            kind: action.kind,
            at: action.at.toISOString(),
            hasNote: action.note !== null,
            status: { before: before.status, after: after.status },
          },
        },
      ]);
      await publishWrite(w, ['actions', 'status']);
      const detail = await d.store.detail(id, now);
      if (!detail) throw new NotFoundError('url');
      return detail;
    },

    /**
     * Assessed items for the police or a partner hotline: the link and what was done, never who
     * reported it (no case, message, contact or note). The export itself is on record.
     */
    async export(
      actor: Actor,
      f: Omit<UrlListFilter, 'cursor' | 'limit' | 'q' | 'caseId' | 'includeRestricted'>,
      format: 'csv' | 'json',
    ) {
      const rows = await d.store.exportRows({ ...f, includeRestricted: mayView(actor) }, URL_EXPORT_MAX);
      await d.audit.write({
        actorId: actor.id,
        action: 'url.export',
        entityType: 'url',
        ip: actor.ip,
        details: {
          format,
          rows: rows.length,
          filter: {
            assessment: f.assessment ?? null,
            platform: f.platform ?? null,
            status: f.status ?? null,
            from: f.from?.toISOString() ?? null,
            to: f.to?.toISOString() ?? null,
          },
        },
      });
      return rows;
    },

    async stats(actor: Actor, period: { from: Date; to: Date }, format: 'csv' | 'json'): Promise<UrlStats> {
      const stats = await d.store.stats(period, new Date());
      await d.audit.write({
        actorId: actor.id,
        action: format === 'csv' ? 'url.stats_export' : 'url.stats_view',
        entityType: 'url',
        ip: actor.ip,
        details: { from: stats.from, to: stats.to },
      });
      return stats;
    },

    /** The worker's reminder pass: each item due is announced once per due time. */
    async remindDue(now = new Date()): Promise<number> {
      const due = await d.store.remindDue(now);
      if (due.length > 0)
        await d.publisher.publish(
          due.map((url): DomainEvent => ({ type: 'url:updated', url, changed: ['reminder'], hide: false })),
        );
      return due.length;
    },
  };
}

export type UrlService = ReturnType<typeof createUrlService>;
