import type { AuditOf, AuditPort } from './audit.ts';
import type { Actor } from './case.service.ts';
import { ValidationError } from './errors.ts';
import { type DraftSource, proposeSummary } from './referral-summary.ts';
import {
  canMove,
  type InstitutionView,
  type OtherMeans,
  type ReferralDraft,
  type ReferralStatus,
  type ReferralView,
  referralSubject,
} from './referrals.ts';
import type { CaseSummary, DomainEvent, EventPublisher } from './views.ts';

export interface InstitutionInput {
  code: string;
  names: InstitutionView['names'];
  email: string;
  position?: number;
}

export interface InstitutionPatch {
  names?: Partial<InstitutionView['names']>;
  email?: string;
  position?: number;
  retired?: boolean;
}

export interface NewReferral {
  caseId: string;
  institution: string;
  summary: string;
  includeContact: boolean;
  delivery: 'email' | 'other';
  otherMeans: OtherMeans | null;
  note: string | null;
  email: { to: string; subject: string; messageDomain: string } | null;
  createdBy: string;
}

export interface ReferralMove {
  status: ReferralStatus;
  by: string | null;
  outcome?: string | null;
  note?: string | null;
  answerMessageId?: string | null;
}

/** After a write: the referral, and the case when its status followed ("referred" / back to open). */
export interface ReferralWrite {
  referral: ReferralView;
  case: CaseSummary;
  caseChanged: boolean;
}

/** The store as the referral use cases see it; implemented by the referral repository. */
export interface ReferralStorePort {
  institutions(includeRetired: boolean): Promise<InstitutionView[]>;
  institution(code: string): Promise<InstitutionView | null>;
  /** Null when the code is taken. `audit`: the entries for the new institution, in its transaction. */
  addInstitution(input: InstitutionInput, now: Date, audit: AuditOf<InstitutionView>): Promise<InstitutionView | null>;
  /** `audit`: made from the institution before (read under its row lock) and after, in the change's transaction. */
  updateInstitution(
    code: string,
    patch: InstitutionPatch,
    now: Date,
    audit: AuditOf<{ before: InstitutionView; after: InstitutionView }>,
  ): Promise<InstitutionView>;
  draftSource(caseId: string): Promise<DraftSource>;
  /** `audit`: the entries for the new referral, written in its transaction (also for `move`). */
  create(input: NewReferral, now: Date, audit: AuditOf<ReferralView>): Promise<ReferralWrite>;
  get(id: string): Promise<ReferralView>;
  forCase(caseId: string): Promise<ReferralView[]>;
  list(filter: { overdue?: boolean; status?: ReferralStatus[]; limit: number }, now: Date): Promise<ReferralView[]>;
  move(id: string, move: ReferralMove, now: Date, audit: AuditOf<ReferralView>): Promise<ReferralWrite>;
  /** Referrals whose e-mail had one of these Message-IDs. */
  byEmailMessageIds(ids: string[]): Promise<ReferralView[]>;
  /** The e-mail back to pending (unless it was sent meanwhile); `audit` in the same transaction. */
  resetEmail(id: string, now: Date, audit: AuditOf<ReferralView>): Promise<ReferralView>;
}

export interface ReferralServiceDeps {
  store: ReferralStorePort;
  audit: AuditPort;
  publisher: EventPublisher;
  /** Null when no mailbox can send: referrals by e-mail are refused with a reason. */
  mail: { domain: string } | null;
  enqueueEmail(referralId: string): Promise<void>;
}

const bad = (field: string, message: string) => new ValidationError('invalid referral', [{ field, message }]);

/** A placeholder address (…@….invalid) must be replaced by an admin before mail goes there. */
const isPlaceholderEmail = (email: string) => /\.invalid$/i.test(email.trim());

export function createReferralService(d: ReferralServiceDeps) {
  const events = (w: ReferralWrite, changed: string[] = ['status']): DomainEvent[] => [
    { type: 'referral:updated', caseId: w.referral.caseId, referral: w.referral },
    ...(w.caseChanged ? [{ type: 'case:updated' as const, case: w.case, changed }] : []),
  ];

  return {
    institutions: (includeRetired: boolean) => d.store.institutions(includeRetired),

    async addInstitution(actor: Actor, input: InstitutionInput): Promise<InstitutionView> {
      const created = await d.store.addInstitution(input, new Date(), (made) => [
        {
          actorId: actor.id,
          action: 'institution.create',
          entityType: 'institution',
          entityId: made.code,
          ip: actor.ip,
          details: { names: made.names, email: made.email },
        },
      ]);
      if (!created) throw bad('code', 'an institution with this code exists');
      return created;
    },

    async updateInstitution(actor: Actor, code: string, patch: InstitutionPatch): Promise<InstitutionView> {
      const shown = (i: InstitutionView) => ({
        names: i.names,
        email: i.email,
        position: i.position,
        retiredAt: i.retiredAt,
      });
      return d.store.updateInstitution(code, patch, new Date(), ({ before, after }) => [
        {
          actorId: actor.id,
          action: 'institution.update',
          entityType: 'institution',
          entityId: code,
          ip: actor.ip,
          details: { before: shown(before), after: shown(after) },
        },
      ]);
    },

    /** The proposed summary; reading it reads the case, so it is audited like a view. */
    async draft(actor: Actor, caseId: string, includeContact: boolean): Promise<ReferralDraft> {
      const src = await d.store.draftSource(caseId);
      await d.audit.write({
        actorId: actor.id,
        action: 'referral.draft',
        entityType: 'case',
        entityId: caseId,
        ip: actor.ip,
        details: { includeContact },
      });
      return {
        caseReference: src.reference,
        includeContact,
        summary: proposeSummary(src, includeContact),
        emailAvailable: d.mail !== null,
      };
    },

    async forCase(actor: Actor, caseId: string): Promise<ReferralView[]> {
      const list = await d.store.forCase(caseId);
      await d.audit.write({
        actorId: actor.id,
        action: 'referral.list',
        entityType: 'case',
        entityId: caseId,
        ip: actor.ip,
      });
      return list;
    },

    async list(actor: Actor, filter: { overdue?: boolean; status?: ReferralStatus[]; limit: number }) {
      const list = await d.store.list(filter, new Date());
      await d.audit.write({
        actorId: actor.id,
        action: 'referral.search',
        entityType: 'referral',
        ip: actor.ip,
        details: { ...filter },
      });
      return list;
    },

    async refer(
      actor: Actor,
      caseId: string,
      input: {
        institution: string;
        summary: string;
        includeContact: boolean;
        delivery: 'email' | 'other';
        otherMeans?: OtherMeans | undefined;
        note?: string | undefined;
      },
    ): Promise<ReferralView> {
      const inst = await d.store.institution(input.institution);
      if (!inst) throw bad('institution', 'unknown institution');
      if (inst.retiredAt) throw bad('institution', 'this institution is retired');
      // Also the 404 for a case that does not exist.
      const src = await d.store.draftSource(caseId);
      let email: NewReferral['email'] = null;
      if (input.delivery === 'email') {
        if (!d.mail) throw bad('delivery', 'e-mail sending is not configured (no mailbox with SMTP)');
        if (isPlaceholderEmail(inst.email))
          throw bad('institution', 'the institution has a placeholder e-mail address; an admin must set the real one');
        email = {
          to: inst.email,
          subject: referralSubject(src.reference, inst.names['sr-Latn']),
          messageDomain: d.mail.domain,
        };
      } else if (!input.otherMeans) throw bad('otherMeans', 'say how it was sent: phone, post, in_person or other');
      const w = await d.store.create(
        {
          caseId,
          institution: inst.code,
          summary: input.summary,
          includeContact: input.includeContact,
          delivery: input.delivery,
          otherMeans: input.delivery === 'other' ? (input.otherMeans ?? null) : null,
          note: input.note ?? null,
          email,
          createdBy: actor.id,
        },
        new Date(),
        (referral) => [
          {
            actorId: actor.id,
            action: 'referral.create',
            entityType: 'referral',
            entityId: referral.id,
            ip: actor.ip,
            details: {
              caseId,
              institution: inst.code,
              delivery: input.delivery,
              includeContact: input.includeContact,
              ...(email && { to: email.to }),
            },
          },
        ],
      );
      await d.publisher.publish(events(w));
      if (email) await d.enqueueEmail(w.referral.id);
      return w.referral;
    },

    async move(
      actor: Actor,
      id: string,
      input: { status: ReferralStatus; outcome?: string | undefined; note?: string | undefined },
    ): Promise<ReferralView> {
      const current = await d.store.get(id);
      if (!canMove(current.status, input.status))
        throw bad('status', `a referral that is ${current.status} cannot become ${input.status}`);
      const w = await d.store.move(
        id,
        {
          status: input.status,
          by: actor.id,
          ...(input.outcome !== undefined && { outcome: input.outcome }),
          ...(input.note !== undefined && { note: input.note }),
        },
        new Date(),
        () => [
          {
            actorId: actor.id,
            action: 'referral.update',
            entityType: 'referral',
            entityId: id,
            ip: actor.ip,
            details: { from: current.status, to: input.status, ...(input.outcome !== undefined && { outcome: true }) },
          },
        ],
      );
      await d.publisher.publish(events(w));
      return w.referral;
    },

    /** Send a failed e-mail again (after an admin fixed the address, or the server came back). */
    async retry(actor: Actor, id: string): Promise<ReferralView> {
      const current = await d.store.get(id);
      if (current.delivery !== 'email' || current.email?.status !== 'failed')
        throw bad('id', 'only a referral whose e-mail failed can be sent again');
      const referral = await d.store.resetEmail(id, new Date(), () => [
        { actorId: actor.id, action: 'referral.retry', entityType: 'referral', entityId: id, ip: actor.ip },
      ]);
      await d.publisher.publish([{ type: 'referral:updated', caseId: referral.caseId, referral }]);
      await d.enqueueEmail(id);
      return referral;
    },

    /**
     * An e-mail that answers a referral e-mail (In-Reply-To / References) and landed in the same
     * case: the referral is answered, with that message attached.
     */
    async answeredByEmail(replyTo: string[], caseId: string, messageId: string): Promise<ReferralView[]> {
      if (replyTo.length === 0) return [];
      const found = await d.store.byEmailMessageIds(replyTo);
      const done: ReferralView[] = [];
      for (const r of found) {
        if (r.caseId !== caseId || (r.status !== 'sent' && r.status !== 'acknowledged')) continue;
        const w = await d.store.move(
          r.id,
          { status: 'answered', by: null, answerMessageId: messageId },
          new Date(),
          () => [
            {
              actorId: null,
              action: 'referral.answered_by_email',
              entityType: 'referral',
              entityId: r.id,
              details: { caseId, messageId },
            },
          ],
        );
        await d.publisher.publish(events(w));
        done.push(w.referral);
      }
      return done;
    },
  };
}

export type ReferralService = ReturnType<typeof createReferralService>;
