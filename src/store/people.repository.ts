import { and, asc, desc, eq, inArray, isNull, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AuditOf } from '../domain/audit.ts';
import { DomainError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type {
  Candidate,
  NoteResult,
  PeopleStorePort,
  PersonCase,
  PersonChange,
  PersonPage,
  SplitResult,
} from '../domain/people.service.ts';
import type { CaseSummary } from '../domain/views.ts';
import { writeAudit } from './audit.repository.ts';
import { summaryQuery, toSummary } from './case-views.ts';
import type { Db } from './db.ts';
import { cases, contactIdentities, contacts, personNotes, persons, users } from './schema/index.ts';

const into = alias(cases, 'merged_into');
const iso = (d: Date) => d.toISOString();

/** The contacts that make up the person of `contactId`: itself, and everyone linked to it. */
async function groupOf(db: Db, contactId: string, lock = false) {
  const q = db
    .select({ id: contacts.id, personId: contacts.personId })
    .from(contacts)
    .where(eq(contacts.id, contactId));
  const [c] = lock ? await q.for('update') : await q;
  if (!c) return null;
  if (!c.personId) return { personId: null, contactIds: [c.id] };
  const rows = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(eq(contacts.personId, c.personId))
    .orderBy(asc(contacts.createdAt), asc(contacts.id));
  return { personId: c.personId, contactIds: rows.map((r) => r.id) };
}

/**
 * The other cases of a case's person (every linked contact, any channel), newest activity first;
 * merged cases left out (their reference opens the case they went into).
 */
export async function personCasesOf(
  db: Db,
  caseId: string,
  contactId: string | null,
  limit = 50,
): Promise<CaseSummary[]> {
  if (!contactId) return [];
  const group = await groupOf(db, contactId);
  if (!group) return [];
  const rows = await summaryQuery(db)
    .where(and(inArray(cases.contactId, group.contactIds), ne(cases.id, caseId), isNull(cases.mergedIntoId)))
    .orderBy(desc(cases.lastActivityAt), desc(cases.id))
    .limit(limit);
  return rows.map(toSummary);
}

/**
 * After a contact's identities were erased (retention, erasure): a person none of whose contacts
 * keeps an identity loses its notes, free text about a child. Returns how many went.
 */
export async function forgetPersonIfGone(t: Db, contactId: string): Promise<number> {
  const [c] = await t.select({ personId: contacts.personId }).from(contacts).where(eq(contacts.id, contactId));
  if (!c?.personId) return 0;
  const [left] = await t
    .select({ id: contactIdentities.id })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(eq(contacts.personId, c.personId))
    .limit(1);
  if (left) return 0;
  const gone = await t
    .delete(personNotes)
    .where(eq(personNotes.personId, c.personId))
    .returning({ id: personNotes.id });
  return gone.length;
}

async function newPerson(t: Db, now: Date): Promise<string> {
  const [p] = await t.insert(persons).values({ createdAt: now, updatedAt: now }).returning({ id: persons.id });
  if (!p) throw new Error('person insert returned nothing');
  return p.id;
}

/** Lock the contacts in a fixed order, so two links of the same contacts never wait on each other. */
async function lockContacts(t: Db, ids: string[]) {
  return t
    .select({ id: contacts.id, personId: contacts.personId })
    .from(contacts)
    .where(inArray(contacts.id, ids))
    .orderBy(asc(contacts.id))
    .for('update');
}

export function createPeopleRepository(db: Db): PeopleStorePort {
  return {
    async person(contactId): Promise<Omit<PersonPage, 'suggestions'> | null> {
      const group = await groupOf(db, contactId);
      if (!group) return null;
      const people = await db
        .select()
        .from(contacts)
        .where(inArray(contacts.id, group.contactIds))
        .orderBy(asc(contacts.createdAt), asc(contacts.id));
      const identities = await db
        .select()
        .from(contactIdentities)
        .where(inArray(contactIdentities.contactId, group.contactIds))
        .orderBy(asc(contactIdentities.kind), asc(contactIdentities.createdAt), asc(contactIdentities.id));
      const caseRows = await db
        .select({ c: cases, intoReference: into.reference })
        .from(cases)
        .leftJoin(into, eq(into.id, cases.mergedIntoId))
        .where(inArray(cases.contactId, group.contactIds))
        .orderBy(desc(cases.createdAt), desc(cases.id))
        .limit(200);
      const notes = group.personId
        ? await db
            .select({ n: personNotes, authorName: users.name })
            .from(personNotes)
            .leftJoin(users, eq(users.id, personNotes.authorId))
            .where(eq(personNotes.personId, group.personId))
            .orderBy(desc(personNotes.createdAt), desc(personNotes.id))
            .limit(200)
        : [];
      return {
        contactId,
        personId: group.personId,
        contacts: people.map((p) => ({ id: p.id, displayName: p.displayName, createdAt: iso(p.createdAt) })),
        identities: identities.map((i) => ({
          id: i.id,
          contactId: i.contactId,
          kind: i.kind,
          value: i.value,
          displayName: i.displayName,
          createdAt: iso(i.createdAt),
        })),
        cases: caseRows.map(
          ({ c, intoReference }): PersonCase => ({
            id: c.id,
            reference: c.reference,
            status: c.status,
            priority: c.priority,
            category: c.category,
            channel: c.channel,
            contactId: c.contactId,
            createdAt: iso(c.createdAt),
            lastActivityAt: iso(c.lastActivityAt),
            closedAt: c.closedAt ? iso(c.closedAt) : null,
            mergedInto: c.mergedIntoId && intoReference ? { id: c.mergedIntoId, reference: intoReference } : null,
          }),
        ),
        notes: notes.map(({ n, authorName }) => ({
          id: n.id,
          text: n.text,
          authorId: n.authorId,
          authorName,
          createdAt: iso(n.createdAt),
        })),
      };
    },

    async candidates(keys, exclude): Promise<Candidate[]> {
      const match: SQL[] = [];
      if (keys.lower.length > 0) match.push(inArray(sql`lower(${contactIdentities.value})`, keys.lower));
      if (keys.digits.length > 0)
        match.push(
          and(
            eq(contactIdentities.kind, 'phone'),
            inArray(sql`regexp_replace(${contactIdentities.value}, '[^0-9]', '', 'g')`, keys.digits),
          ) as SQL,
        );
      if (match.length === 0) return [];
      const rows = await db
        .select({ i: contactIdentities, displayName: contacts.displayName })
        .from(contactIdentities)
        .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
        .where(and(or(...match), exclude.length > 0 ? notInArray(contactIdentities.contactId, exclude) : undefined))
        .orderBy(asc(contactIdentities.createdAt), asc(contactIdentities.id))
        .limit(100);
      return rows.map(({ i, displayName }) => ({
        contactId: i.contactId,
        displayName,
        identity: { id: i.id, kind: i.kind, value: i.value },
      }));
    },

    async link(contactId, otherContactId, now, audit: AuditOf<PersonChange>): Promise<PersonChange> {
      if (contactId === otherContactId)
        throw new ValidationError('invalid link', [{ field: 'otherContactId', message: 'the same contact' }]);
      return db.transaction(async (t) => {
        const locked = await lockContacts(t, [contactId, otherContactId]);
        const a = locked.find((c) => c.id === contactId);
        const b = locked.find((c) => c.id === otherContactId);
        if (!a) throw new NotFoundError('contact');
        if (!b) throw new ValidationError('invalid link', [{ field: 'otherContactId', message: 'no such contact' }]);
        if (a.personId && a.personId === b.personId)
          throw new DomainError('these contacts are already one person', 'already_linked');
        // The person that stays: the one already there (with its notes); a second one joins it.
        const personId = a.personId ?? b.personId ?? (await newPerson(t, now));
        const joining = [a, b].map((c) => c.personId).filter((p): p is string => p !== null && p !== personId);
        for (const gone of joining) {
          await t.update(contacts).set({ personId, updatedAt: now }).where(eq(contacts.personId, gone));
          await t.update(personNotes).set({ personId }).where(eq(personNotes.personId, gone));
          await t.delete(persons).where(eq(persons.id, gone));
        }
        await t
          .update(contacts)
          .set({ personId, updatedAt: now })
          .where(inArray(contacts.id, [contactId, otherContactId]));
        await t.update(persons).set({ updatedAt: now }).where(eq(persons.id, personId));
        const group = await groupOf(t, contactId);
        const result = { personId, contactIds: group?.contactIds ?? [contactId, otherContactId] };
        await writeAudit(t, audit(result), now);
        return result;
      });
    },

    async split(contactId, identityIds, now, audit: AuditOf<SplitResult>): Promise<SplitResult> {
      return db.transaction(async (t) => {
        const group = await groupOf(t, contactId, true);
        if (!group) throw new NotFoundError('contact');
        await lockContacts(t, group.contactIds);
        const all = await t
          .select()
          .from(contactIdentities)
          .where(inArray(contactIdentities.contactId, group.contactIds));
        const refuse = (message: string) => new ValidationError('invalid split', [{ field: 'identityIds', message }]);
        if (identityIds.some((id) => !all.some((i) => i.id === id)))
          throw refuse("not an identity of this contact's person");
        if (all.every((i) => identityIds.includes(i.id))) throw refuse('cannot split off every identity');
        const named = all.filter((i) => identityIds.includes(i.id));
        // A contact named with all its identities leaves whole (its cases with it).
        const whole = group.contactIds.filter((cid) => {
          const own = all.filter((i) => i.contactId === cid);
          return own.length > 0 && own.every((i) => identityIds.includes(i.id));
        });
        const parts = named.filter((i) => !whole.includes(i.contactId));
        let newContactId: string | null = null;
        if (parts.length > 0) {
          const [c] = await t
            .insert(contacts)
            .values({
              displayName: parts.find((i) => i.displayName)?.displayName ?? null,
              createdAt: now,
              updatedAt: now,
            })
            .returning({ id: contacts.id });
          if (!c) throw new Error('contact insert returned nothing');
          newContactId = c.id;
          await t
            .update(contactIdentities)
            .set({ contactId: newContactId })
            .where(
              inArray(
                contactIdentities.id,
                parts.map((i) => i.id),
              ),
            );
        }
        const leaving = [...whole, ...(newContactId ? [newContactId] : [])];
        // Two or more leave together as a person; one alone is a person of its own again.
        const personId = leaving.length > 1 ? await newPerson(t, now) : null;
        await t.update(contacts).set({ personId, updatedAt: now }).where(inArray(contacts.id, leaving));
        const staying = group.contactIds.filter((cid) => !leaving.includes(cid));
        const result: SplitResult = {
          split: { personId, contactIds: leaving },
          remaining: { personId: group.personId, contactIds: staying },
          newContactId,
        };
        await writeAudit(t, audit(result), now);
        return result;
      });
    },

    async addNote(input, audit: AuditOf<NoteResult>): Promise<NoteResult> {
      return db.transaction(async (t) => {
        const [c] = await lockContacts(t, [input.contactId]);
        if (!c) throw new NotFoundError('contact');
        // The first note makes the contact a person of its own, to hold it.
        const personId = c.personId ?? (await newPerson(t, input.now));
        if (!c.personId) await t.update(contacts).set({ personId, updatedAt: input.now }).where(eq(contacts.id, c.id));
        const [n] = await t
          .insert(personNotes)
          .values({ personId, text: input.text, authorId: input.authorId, createdAt: input.now })
          .returning();
        if (!n) throw new Error('note insert returned nothing');
        const [author] = await t.select({ name: users.name }).from(users).where(eq(users.id, input.authorId));
        const group = await groupOf(t, input.contactId);
        const result: NoteResult = {
          note: {
            id: n.id,
            text: n.text,
            authorId: n.authorId,
            authorName: author?.name ?? null,
            createdAt: iso(n.createdAt),
          },
          person: { personId, contactIds: group?.contactIds ?? [input.contactId] },
        };
        await writeAudit(t, audit(result), input.now);
        return result;
      });
    },
  };
}
