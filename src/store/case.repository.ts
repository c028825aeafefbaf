import { and, desc, eq, ilike, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { AuditOf } from '../domain/audit.ts';
import type { CaseChange, CaseFilter, StaffMessageInput } from '../domain/case.service.ts';
import type { CaseDescription } from '../domain/case-description.ts';
import { DomainError, NotFoundError } from '../domain/errors.ts';
import { firstResponseDueAt } from '../domain/service-levels.ts';
import { type CaseDetail, type CaseSummary, type MessageView, previewOf } from '../domain/views.ts';
import { writeAudit } from './audit.repository.ts';
import { loadCaseSummary, loadMessage, loadMessages, summaryQuery, toSummary } from './case-views.ts';
import type { Db } from './db.ts';
import { outboundMethods } from './outbound.repository.ts';
import { decodeCursor, encodeCursor } from './page-cursor.ts';
import { personCasesOf } from './people.repository.ts';
import { type CaseRow, cases, caseTags, contactIdentities, contacts, messages } from './schema/index.ts';

/** The list filter is the domain's; `assignee` is a user id, or "none" for unassigned. */
export type CaseListFilter = CaseFilter;

/** The fields a counselor changes, the case description's among them (place and interventions are stored apart). */
export type CasePatch = CaseChange;

type PlainField = Exclude<keyof CasePatch, 'place' | 'interventions'>;

/** LIKE wildcards in the user's text are literal. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type Narrowing = Pick<CaseListFilter, 'status' | 'channel' | 'category' | 'priority' | 'assignee'>;

function narrowing(f: Narrowing): SQL[] {
  // A merged case lives on in the case it went into: it leaves every list and count.
  const where: SQL[] = [isNull(cases.mergedIntoId)];
  if (f.status?.length) where.push(inArray(cases.status, f.status));
  if (f.channel?.length) where.push(inArray(cases.channel, f.channel));
  if (f.category?.length) where.push(inArray(cases.category, f.category));
  if (f.priority?.length) where.push(inArray(cases.priority, f.priority));
  if (f.assignee === 'none') where.push(isNull(cases.assigneeId));
  else if (f.assignee) where.push(eq(cases.assigneeId, f.assignee));
  return where;
}

async function referenceOf(db: Db, id: string): Promise<string> {
  const [row] = await db.select({ reference: cases.reference }).from(cases).where(eq(cases.id, id));
  return row?.reference ?? '';
}

/** The description as the case row holds it. */
export function descriptionOf(c: CaseRow): CaseDescription {
  return {
    reporterRole: c.reporterRole,
    ageGroup: c.ageGroup,
    gender: c.gender,
    place: c.placeDistrict ? { district: c.placeDistrict, municipality: c.placeMunicipality } : null,
    subcategory: c.subcategory,
    interventions: c.interventions,
  };
}

/** A merged case is kept as it was: its work goes on in the case it went into. */
const mergedCase = () => new DomainError('the case was merged into another: work on that one', 'case_merged');

export function createCaseRepository(db: Db) {
  return {
    /** Several counts in one scan of the cases table. */
    async count(filters: Record<string, Narrowing>): Promise<Record<string, number>> {
      const names = Object.keys(filters);
      if (names.length === 0) return {};
      const columns = Object.fromEntries(
        names.map((name, i) => {
          const cond = and(...narrowing(filters[name] ?? {})) ?? sql`true`;
          return [`c${i}`, sql<number>`count(*) filter (where ${cond})`.mapWith(Number)];
        }),
      );
      const [row] = await db.select(columns).from(cases);
      return Object.fromEntries(names.map((name, i) => [name, Number(row?.[`c${i}`] ?? 0)]));
    },

    async list(f: CaseListFilter): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
      const where: (SQL | undefined)[] = narrowing(f);
      if (f.q) {
        const pattern = `%${likeEscape(f.q)}%`;
        where.push(
          or(
            ilike(cases.reference, pattern),
            ilike(cases.subject, pattern),
            ilike(contacts.displayName, pattern),
            sql`exists (select 1 from ${messages} where ${messages.caseId} = ${cases.id} and ${messages.text} ilike ${pattern})`,
            sql`exists (select 1 from ${contactIdentities} where ${contactIdentities.contactId} = ${cases.contactId} and ${contactIdentities.value} ilike ${pattern})`,
          ),
        );
      }
      if (f.cursor) {
        const c = decodeCursor(f.cursor);
        if (c) where.push(or(lt(cases.lastActivityAt, c.at), and(eq(cases.lastActivityAt, c.at), lt(cases.id, c.id))));
      }
      const rows = await summaryQuery(db)
        .where(and(...where))
        .orderBy(desc(cases.lastActivityAt), desc(cases.id))
        .limit(f.limit + 1);
      const page = rows.slice(0, f.limit).map(toSummary);
      // The list shows tags; live summaries (events) do not carry them, the inbox keeps the last known.
      const tagRows = page.length
        ? await db
            .select({ caseId: caseTags.caseId, tag: caseTags.tag })
            .from(caseTags)
            .where(
              inArray(
                caseTags.caseId,
                page.map((c) => c.id),
              ),
            )
        : [];
      const items = page.map((c) => ({
        ...c,
        tags: tagRows
          .filter((t) => t.caseId === c.id)
          .map((t) => t.tag)
          .sort(),
      }));
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > f.limit && last ? encodeCursor(last.lastActivityAt, last.id) : null };
    },

    summary: (id: string) => loadCaseSummary(db, id),

    /** A merged case's reference opens the case it was merged into. */
    async idByReference(reference: string): Promise<string | null> {
      const [row] = await db
        .select({ id: cases.id, mergedIntoId: cases.mergedIntoId })
        .from(cases)
        .where(eq(cases.reference, reference));
      return row ? (row.mergedIntoId ?? row.id) : null;
    },

    async detail(id: string): Promise<CaseDetail> {
      const [c] = await db.select().from(cases).where(eq(cases.id, id));
      if (!c) throw new NotFoundError('case');
      const summary = await loadCaseSummary(db, id);
      let contact: CaseDetail['contact'] = null;
      if (c.contactId) {
        const [p] = await db.select().from(contacts).where(eq(contacts.id, c.contactId));
        const ids = await db
          .select({ kind: contactIdentities.kind, value: contactIdentities.value })
          .from(contactIdentities)
          .where(eq(contactIdentities.contactId, c.contactId));
        contact = { id: c.contactId, displayName: p?.displayName ?? null, identities: ids };
      }
      return {
        ...summary,
        reporterRole: c.reporterRole,
        ageGroup: c.ageGroup,
        description: descriptionOf(c),
        // The case service knows the admins' settings: it fills this in.
        missingForClose: [],
        language: c.language,
        subject: c.subject,
        contact,
        messages: await loadMessages(db, eq(messages.caseId, id)),
        personCases: await personCasesOf(db, id, c.contactId),
        mergedInto: c.mergedIntoId ? { id: c.mergedIntoId, reference: await referenceOf(db, c.mergedIntoId) } : null,
      };
    },

    /** Apply a patch; returns the fields that really changed (and records them, as `audit` says). */
    async update(
      id: string,
      patch: CasePatch,
      now: Date,
      audit: AuditOf<string[]>,
    ): Promise<{ changed: string[]; summary: CaseSummary }> {
      return db.transaction(async (t) => {
        const [before] = await t.select().from(cases).where(eq(cases.id, id)).for('update');
        if (!before) throw new NotFoundError('case');
        if (before.mergedIntoId) throw mergedCase();
        const { place, interventions, ...plain } = patch;
        const changed: string[] = (Object.keys(plain) as PlainField[]).filter(
          (k) => plain[k] !== undefined && plain[k] !== before[k],
        );
        const placeColumns =
          place === undefined
            ? null
            : { placeDistrict: place?.district ?? null, placeMunicipality: place?.municipality ?? null };
        if (
          placeColumns &&
          (placeColumns.placeDistrict !== before.placeDistrict ||
            placeColumns.placeMunicipality !== before.placeMunicipality)
        )
          changed.push('place');
        if (interventions !== undefined && interventions.join() !== before.interventions.join())
          changed.push('interventions');
        if (changed.length > 0) {
          const closing = patch.status === 'closed' && before.status !== 'closed';
          const reopening = patch.status !== undefined && patch.status !== 'closed' && before.status === 'closed';
          await t
            .update(cases)
            .set({
              ...Object.fromEntries(changed.filter((k) => k in plain).map((k) => [k, plain[k as PlainField]])),
              ...(changed.includes('place') && placeColumns),
              ...(changed.includes('interventions') && { interventions }),
              updatedAt: now,
              ...(closing && { closedAt: now }),
              ...(reopening && { closedAt: null }),
              ...(patch.priority !== undefined &&
                changed.includes('priority') && {
                  // Stored, so later changes to the targets do not move the cases already there.
                  firstResponseDueAt: firstResponseDueAt(before.createdAt, patch.priority),
                }),
            })
            .where(eq(cases.id, id));
        }
        await writeAudit(t, audit(changed), now);
        return { changed, summary: await loadCaseSummary(t, id) };
      });
    },

    /** A counselor's note or reply; a reply starts as pending until its channel delivers it. */
    async addStaffMessage(
      input: StaffMessageInput,
      audit: AuditOf<MessageView>,
    ): Promise<{ message: MessageView; summary: CaseSummary }> {
      return db.transaction(async (t) => {
        const [c] = await t
          .select({ id: cases.id, status: cases.status, mergedIntoId: cases.mergedIntoId })
          .from(cases)
          .where(eq(cases.id, input.caseId));
        if (!c) throw new NotFoundError('case');
        if (c.mergedIntoId) throw mergedCase();
        const [m] = await t
          .insert(messages)
          .values({
            caseId: input.caseId,
            direction: input.kind === 'note' ? 'note' : 'outbound',
            channel: input.kind === 'note' ? 'internal' : input.channel,
            text: input.text,
            fields: input.fields ?? null,
            authorId: input.authorId,
            deliveryStatus: input.kind === 'reply' ? 'pending' : null,
            createdAt: input.now,
            receivedAt: input.now,
          })
          .returning({ id: messages.id });
        if (!m) throw new Error('message insert returned nothing');
        await t
          .update(cases)
          .set({
            lastActivityAt: input.now,
            updatedAt: input.now,
            messageCount: sql`${cases.messageCount} + 1`,
            ...(input.kind === 'reply' && {
              preview: previewOf(input.text),
              firstResponseAt: sql`coalesce(${cases.firstResponseAt}, ${input.now})`,
            }),
            // Picking a new case up opens it.
            ...(c.status === 'new' && { status: 'open' as const }),
          })
          .where(eq(cases.id, input.caseId));
        const message = await loadMessage(t, m.id);
        await writeAudit(t, audit(message), input.now);
        return { message, summary: await loadCaseSummary(t, input.caseId) };
      });
    },

    ...outboundMethods(db),

    message: (id: string) => loadMessage(db, id),
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;
