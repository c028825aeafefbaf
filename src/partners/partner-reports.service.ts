import type { FormLanguage } from '../../connectors/web-form/report-submission.ts';
import {
  type FieldError,
  parseReportSubmission,
  reportToEnvelope,
  submissionContentHash,
} from '../../connectors/web-form/report-submission.ts';
import { DomainError } from '../domain/errors.ts';
import { acceptReport } from '../domain/report-intake.service.ts';
import type { PartnerReportRepository, PartnerSubmission } from './partner-reports.repository.ts';

export interface PartnerAccount {
  id: string;
  name: string;
  ip: string | null;
}

/** An admin has not recorded the partner's institution yet: nothing can be submitted in its name. */
export class NoInstitutionError extends DomainError {
  constructor() {
    super('no institution is recorded for this account; ask an administrator', 'no_institution');
  }
}

export type PartnerSubmitResult =
  | { ok: true; reference: string; receipt: string }
  | { ok: false; errors: FieldError[] }
  | { ok: false; keyReused: true };

export interface PartnerReportDeps {
  store: PartnerReportRepository;
  categories: readonly string[];
  language(tag: unknown): FormLanguage | undefined;
  enqueue(eventId: string): Promise<void>;
  receiptFor(key: string): string;
}

/**
 * A health centre's contact person submits a report for someone: the public form's fields and
 * rules, the public form's intake (reference and receipt at once, the case opened by the worker),
 * marked as a partner report with the institution, and listed for that partner alone.
 */
export function createPartnerReportService(d: PartnerReportDeps) {
  return {
    async submit(partner: PartnerAccount, body: unknown, key?: string): Promise<PartnerSubmitResult> {
      const institution = await d.store.institutionOf(partner.id);
      if (!institution) throw new NoInstitutionError();
      const withKey = key === undefined ? body : { ...(body as object), submission: key };
      const parsed = parseReportSubmission(withKey, { categories: d.categories, language: d.language });
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      const s = parsed.value;
      const accepted = await acceptReport(
        {
          recordWithReference: d.store.recordFor({
            id: partner.id,
            institution,
            audit: (reference) => [
              {
                actorId: partner.id,
                action: 'partner.report',
                entityType: 'case_reference',
                entityId: reference,
                ip: partner.ip,
                details: { institution },
              },
            ],
          }),
          enqueue: d.enqueue,
          receiptFor: d.receiptFor,
        },
        (meta) => {
          const env = reportToEnvelope(s, meta);
          // Shown with the report in the inbox: who submitted it, for which institution.
          env.message.fields = { ...env.message.fields, partner: { institution, submittedBy: partner.name } };
          return env;
        },
        // A partner's key is theirs alone: the same key from another account is another report.
        { hash: submissionContentHash(s), submissionKey: s.submission && `partner-${partner.id}-${s.submission}` },
      );
      if ('keyReused' in accepted) return { ok: false, keyReused: true };
      return { ok: true, reference: accepted.reference, receipt: accepted.receipt };
    },

    list: (partnerId: string, opts: { limit: number; before?: string | undefined }) =>
      d.store.listFor(partnerId, opts) as Promise<{ items: PartnerSubmission[]; next: string | null }>,
  };
}

export type PartnerReportService = ReturnType<typeof createPartnerReportService>;
