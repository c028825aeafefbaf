import type { AuditOf, AuditPort } from './audit.ts';
import type { Actor } from './case.service.ts';
import { NotFoundError } from './errors.ts';
import { type MatchKeys, matchKeys, sameAs } from './identity-match.ts';
import type { CaseStatus, Priority } from './taxonomy.ts';
import type { EventPublisher } from './views.ts';

/*
 * One person across channels. A contact is who wrote on one channel (an address, a number, a
 * page-scoped Facebook or Instagram id); a counselor links contacts that are the same person
 * (contacts.person_id), with a reason, and splits them again. The contact page shows the whole
 * person: every identity (and whose it is), every case of every linked contact, notes about the
 * person, and other contacts that share an address or number but are not linked yet.
 */

export interface PersonIdentity {
  id: string;
  /** The contact this identity belongs to. */
  contactId: string;
  kind: string;
  value: string;
  displayName: string | null;
  createdAt: string;
}

export interface PersonContact {
  id: string;
  displayName: string | null;
  createdAt: string;
}

export interface PersonCase {
  id: string;
  reference: string;
  status: CaseStatus;
  priority: Priority;
  category: string | null;
  channel: string;
  contactId: string | null;
  createdAt: string;
  lastActivityAt: string;
  closedAt: string | null;
  /** Merged into another case: its reference resolves there. */
  mergedInto: { id: string; reference: string } | null;
}

export interface PersonNote {
  id: string;
  text: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
}

/** Another contact with an identity that is the same address or number as one of this person's. */
export interface LinkSuggestion {
  contactId: string;
  displayName: string | null;
  identity: { id: string; kind: string; value: string };
  /** The person's own identity it matches. */
  sameAs: { id: string; kind: string; value: string };
}

export interface PersonPage {
  /** The contact the page was opened for. */
  contactId: string;
  /** Null while nobody linked or noted anything: the contact is a person of its own. */
  personId: string | null;
  contacts: PersonContact[];
  identities: PersonIdentity[];
  /** Newest first, merged cases included (marked). */
  cases: PersonCase[];
  notes: PersonNote[];
  suggestions: LinkSuggestion[];
}

/** Who belongs to the person after a change (every contact whose page or cases may show it). */
export interface PersonChange {
  personId: string | null;
  contactIds: string[];
}

export interface SplitResult {
  /** The identities' new person (null when they form a single contact of their own). */
  split: PersonChange;
  /** What stays with the contact the split was made from. */
  remaining: PersonChange;
  /** A contact made for identities split off a contact that keeps others; null when whole contacts moved. */
  newContactId: string | null;
}

export interface NoteResult {
  note: PersonNote;
  person: PersonChange;
}

export interface Candidate {
  contactId: string;
  displayName: string | null;
  identity: { id: string; kind: string; value: string };
}

/** The store as the people use cases see it; every change writes its audit entries in its transaction. */
export interface PeopleStorePort {
  /** Everything on the page but the suggestions; null when there is no such contact. */
  person(contactId: string): Promise<Omit<PersonPage, 'suggestions'> | null>;
  /** Identities of contacts not in `exclude` whose value lower-cased, or whose digits, are one of the keys. */
  candidates(keys: MatchKeys, exclude: string[]): Promise<Candidate[]>;
  /**
   * One person of both contacts (and of everyone already linked to either). Refuses the same
   * contact (400 otherContactId), an unknown other contact (400) and two already linked (409).
   */
  link(contactId: string, otherContactId: string, now: Date, audit: AuditOf<PersonChange>): Promise<PersonChange>;
  /**
   * These identities (of the contact's person) leave it: a contact all of whose identities are
   * named leaves whole, with its cases; identities named from a contact that keeps others go to
   * a new contact. Refuses identities of anyone else, and all of the person's identities (400).
   */
  split(contactId: string, identityIds: string[], now: Date, audit: AuditOf<SplitResult>): Promise<SplitResult>;
  addNote(
    input: { contactId: string; text: string; authorId: string; now: Date },
    audit: AuditOf<NoteResult>,
  ): Promise<NoteResult>;
}

export interface PeopleServiceDeps {
  store: PeopleStorePort;
  audit: AuditPort;
  publisher: EventPublisher;
}

const MAX_SUGGESTIONS = 20;

export function createPeopleService(d: PeopleServiceDeps) {
  const changed = (...groups: PersonChange[]) =>
    d.publisher.publish([
      { type: 'person:updated', contactIds: [...new Set(groups.flatMap((g) => g.contactIds))].sort() },
    ]);

  return {
    /** The contact page; reading it is audited like opening a case (it is a child's details). */
    async page(actor: Actor, contactId: string): Promise<PersonPage> {
      const person = await d.store.person(contactId);
      if (!person) throw new NotFoundError('contact');
      const own = person.contacts.map((c) => c.id);
      const found = await d.store.candidates(matchKeys(person.identities), own);
      const suggestions: LinkSuggestion[] = [];
      for (const c of found) {
        const mine = sameAs(c.identity, person.identities);
        if (!mine || suggestions.length >= MAX_SUGGESTIONS) continue;
        suggestions.push({ ...c, sameAs: { id: mine.id, kind: mine.kind, value: mine.value } });
      }
      await d.audit.write({
        actorId: actor.id,
        action: 'contact.view',
        entityType: 'contact',
        entityId: contactId,
        ip: actor.ip,
      });
      return { ...person, suggestions };
    },

    async link(actor: Actor, contactId: string, otherContactId: string, reason: string): Promise<PersonChange> {
      const result = await d.store.link(contactId, otherContactId, new Date(), (r) =>
        [contactId, otherContactId].map((id) => ({
          actorId: actor.id,
          action: 'contact.link',
          entityType: 'contact',
          entityId: id,
          ip: actor.ip,
          details: { with: id === contactId ? otherContactId : contactId, reason, personId: r.personId },
        })),
      );
      await changed(result);
      return result;
    },

    async split(actor: Actor, contactId: string, identityIds: string[], reason?: string): Promise<SplitResult> {
      const ids = [...new Set(identityIds)];
      const result = await d.store.split(contactId, ids, new Date(), (r) => [
        {
          actorId: actor.id,
          action: 'contact.split',
          entityType: 'contact',
          entityId: contactId,
          ip: actor.ip,
          details: {
            identityIds: ids,
            splitContactIds: r.split.contactIds,
            newContactId: r.newContactId,
            personId: r.split.personId,
            ...(reason !== undefined && { reason }),
          },
        },
      ]);
      await changed(result.split, result.remaining);
      return result;
    },

    async addNote(actor: Actor, contactId: string, text: string): Promise<PersonNote> {
      const { note, person } = await d.store.addNote({ contactId, text, authorId: actor.id, now: new Date() }, (r) => [
        {
          actorId: actor.id,
          action: 'contact.note',
          entityType: 'contact',
          entityId: contactId,
          ip: actor.ip,
          details: { noteId: r.note.id, personId: r.person.personId },
        },
      ]);
      await changed(person);
      return note;
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
