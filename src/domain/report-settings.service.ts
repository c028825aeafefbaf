import type { AuditOf } from './audit.ts';
import type { Actor } from './case.service.ts';
import { DESCRIPTION_FIELDS, type DescriptionField } from './case-description.ts';
import { ForbiddenError, ValidationError } from './errors.ts';
import { OUTREACH_BASELINE_FIELDS, type OutreachBaselineField } from './record-fields.ts';

/** Outreach figures from before the register, added into "since establishment" (one list with the inbox). */
export { OUTREACH_BASELINE_FIELDS, type OutreachBaselineField } from './record-fields.ts';
export type OutreachBaseline = Record<OutreachBaselineField, number>;

export interface Baseline {
  /** Communications the centre registered before Kontakt, per channel and year. */
  channels: { channel: string; year: number; communications: number }[];
  outreach: OutreachBaseline;
  updatedAt: string | null;
}

export const EMPTY_OUTREACH_BASELINE: OutreachBaseline = Object.fromEntries(
  OUTREACH_BASELINE_FIELDS.map((f) => [f, 0]),
) as OutreachBaseline;

/** One row of the mapping: a category (or one of its sub-categories) → an external framework's code. */
export interface CategoryMapping {
  category: string;
  /** Null: the whole category (a sub-category's own row wins over it). */
  subcategory: string | null;
  externalCode: string;
  externalLabel: string;
}

export interface ReportSettingsPort {
  requiredForClose(): Promise<DescriptionField[]>;
  setRequiredForClose(fields: DescriptionField[], by: string, now: Date, audit: AuditOf<void>): Promise<void>;
  baseline(): Promise<Baseline>;
  /** Replaces the whole baseline (every channel-year row and the outreach figures). */
  setBaseline(b: Omit<Baseline, 'updatedAt'>, by: string, now: Date, audit: AuditOf<void>): Promise<void>;
  frameworks(): Promise<string[]>;
  mappings(framework: string): Promise<CategoryMapping[]>;
  /** Replaces the framework's rows. */
  setMappings(framework: string, rows: CategoryMapping[], now: Date, audit: AuditOf<void>): Promise<void>;
  /** Writes the example framework only when no mapping exists at all. */
  seedMappings(framework: string, rows: CategoryMapping[], now: Date): Promise<void>;
}

/**
 * The example framework seeded on a new store: codes in the manner of a helpline network's contact
 * categories. Illustrative only: an admin replaces them with the network's published codes.
 */
export const EXAMPLE_FRAMEWORK = 'helpline_network_example';
const ex = (category: string, subcategory: string | null, externalCode: string, externalLabel: string) => ({
  category,
  subcategory,
  externalCode,
  externalLabel,
});
export const EXAMPLE_MAPPING: CategoryMapping[] = [
  ex('illegal_content', null, 'ONLINE_SEXUAL_ABUSE', 'Online child sexual abuse and exploitation'),
  ex('integrity', null, 'VIOLENCE', 'Violence and abuse'),
  ex('integrity', 'cyberbullying', 'BULLYING', 'Bullying and cyberbullying'),
  ex('integrity', 'grooming', 'ONLINE_SEXUAL_ABUSE', 'Online child sexual abuse and exploitation'),
  ex('integrity', 'sextortion', 'ONLINE_SEXUAL_ABUSE', 'Online child sexual abuse and exploitation'),
  ex('rights', null, 'RIGHTS_LEGAL', 'Children’s rights and legal matters'),
  ex('health', null, 'PHYSICAL_HEALTH', 'Physical health'),
  ex('health', 'self_harm_content', 'MENTAL_HEALTH', 'Mental health and well-being'),
  ex('wellbeing', null, 'MENTAL_HEALTH', 'Mental health and well-being'),
  ex('addiction', null, 'TECHNOLOGY_USE', 'Internet and technology use'),
  ex('advice', null, 'INFORMATION', 'Information and advice'),
  ex('other', null, 'OTHER', 'Other'),
];

const requireAdmin = (actor: Actor) => {
  if (actor.role !== 'admin') throw new ForbiddenError('only admins change the record settings');
};

/** What admins set once for the record: fields required before closing, the baseline, the mapping. */
export function createReportSettingsService(d: {
  store: ReportSettingsPort;
  categoryState(code: string): Promise<'active' | 'retired' | null>;
  subcategoryCategory(code: string): Promise<string | null>;
}) {
  const entry = (actor: Actor, action: string, entityId: string, details: Record<string, unknown>) => ({
    actorId: actor.id,
    action,
    entityType: 'record_settings',
    entityId,
    ip: actor.ip,
    details,
  });
  return {
    requiredForClose: () => d.store.requiredForClose(),

    async setRequiredForClose(actor: Actor, fields: DescriptionField[]): Promise<DescriptionField[]> {
      requireAdmin(actor);
      const ordered = DESCRIPTION_FIELDS.filter((f) => fields.includes(f));
      const before = await d.store.requiredForClose();
      await d.store.setRequiredForClose(ordered, actor.id, new Date(), () => [
        entry(actor, 'record.required_for_close', 'required_for_close', { before, after: ordered }),
      ]);
      return ordered;
    },

    baseline: () => d.store.baseline(),

    async setBaseline(actor: Actor, b: Omit<Baseline, 'updatedAt'>): Promise<Baseline> {
      requireAdmin(actor);
      const seen = new Set<string>();
      b.channels.forEach((r, i) => {
        const key = `${r.channel}:${r.year}`;
        if (seen.has(key))
          throw new ValidationError('repeated row', [
            { field: `channels.${i}`, message: 'channel and year given twice' },
          ]);
        seen.add(key);
      });
      const before = await d.store.baseline();
      await d.store.setBaseline(b, actor.id, new Date(), () => [
        entry(actor, 'report.baseline', 'baseline', {
          before: { channels: before.channels, outreach: before.outreach },
          after: b,
        }),
      ]);
      return d.store.baseline();
    },

    frameworks: () => d.store.frameworks(),
    mappings: (framework: string) => d.store.mappings(framework),
    seedExample: (now = new Date()) => d.store.seedMappings(EXAMPLE_FRAMEWORK, EXAMPLE_MAPPING, now),

    async setMappings(actor: Actor, framework: string, rows: CategoryMapping[]): Promise<CategoryMapping[]> {
      requireAdmin(actor);
      const problems: { field: string; message: string }[] = [];
      const seen = new Set<string>();
      for (const [i, r] of rows.entries()) {
        const key = `${r.category}:${r.subcategory ?? ''}`;
        if (seen.has(key)) problems.push({ field: `rows.${i}`, message: 'category and sub-category given twice' });
        seen.add(key);
        if ((await d.categoryState(r.category)) === null)
          problems.push({ field: `rows.${i}.category`, message: 'unknown category' });
        else if (r.subcategory !== null && (await d.subcategoryCategory(r.subcategory)) !== r.category)
          problems.push({ field: `rows.${i}.subcategory`, message: 'not a sub-category of this category' });
      }
      if (problems.length > 0) throw new ValidationError('invalid mapping', problems);
      const before = await d.store.mappings(framework);
      await d.store.setMappings(framework, rows, new Date(), () => [
        entry(actor, 'report.category_mapping', framework, { before, after: rows }),
      ]);
      return d.store.mappings(framework);
    },
  };
}

export type ReportSettingsService = ReturnType<typeof createReportSettingsService>;
