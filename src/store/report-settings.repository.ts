import { asc, eq, sql } from 'drizzle-orm';
import { DESCRIPTION_FIELDS, type DescriptionField } from '../domain/case-description.ts';
import {
  EMPTY_OUTREACH_BASELINE,
  OUTREACH_BASELINE_FIELDS,
  type OutreachBaseline,
  type ReportSettingsPort,
} from '../domain/report-settings.service.ts';
import { writeAudit } from './audit.repository.ts';
import type { Db } from './db.ts';
import { categoryMappings, recordSettings, reportBaseline, reportBaselineChannels } from './schema/index.ts';

const outreachOf = (stored: Record<string, number> | undefined): OutreachBaseline =>
  Object.fromEntries(OUTREACH_BASELINE_FIELDS.map((f) => [f, Number(stored?.[f] ?? 0)])) as OutreachBaseline;

export function createReportSettingsRepository(db: Db): ReportSettingsPort {
  return {
    async requiredForClose() {
      const [row] = await db.select().from(recordSettings).where(eq(recordSettings.id, 1));
      const stored = row?.requiredForClose ?? [];
      return DESCRIPTION_FIELDS.filter((f) => stored.includes(f)) as DescriptionField[];
    },

    async setRequiredForClose(fields, by, now, audit) {
      await db.transaction(async (t) => {
        await t
          .insert(recordSettings)
          .values({ id: 1, requiredForClose: fields, updatedAt: now, updatedBy: by })
          .onConflictDoUpdate({
            target: recordSettings.id,
            set: { requiredForClose: fields, updatedAt: now, updatedBy: by },
          });
        await writeAudit(t, audit(), now);
      });
    },

    async baseline() {
      const rows = await db
        .select()
        .from(reportBaselineChannels)
        .orderBy(asc(reportBaselineChannels.year), asc(reportBaselineChannels.channel));
      const [b] = await db.select().from(reportBaseline).where(eq(reportBaseline.id, 1));
      return {
        channels: rows.map((r) => ({ channel: r.channel, year: r.year, communications: r.communications })),
        outreach: b ? outreachOf(b.outreach) : { ...EMPTY_OUTREACH_BASELINE },
        updatedAt: b?.updatedAt.toISOString() ?? null,
      };
    },

    async setBaseline(b, by, now, audit) {
      await db.transaction(async (t) => {
        await t.delete(reportBaselineChannels);
        if (b.channels.length > 0) await t.insert(reportBaselineChannels).values(b.channels);
        await t
          .insert(reportBaseline)
          .values({ id: 1, outreach: b.outreach, updatedAt: now, updatedBy: by })
          .onConflictDoUpdate({
            target: reportBaseline.id,
            set: { outreach: b.outreach, updatedAt: now, updatedBy: by },
          });
        await writeAudit(t, audit(), now);
      });
    },

    async frameworks() {
      const rows = await db
        .selectDistinct({ framework: categoryMappings.framework })
        .from(categoryMappings)
        .orderBy(asc(categoryMappings.framework));
      return rows.map((r) => r.framework);
    },

    async mappings(framework) {
      const rows = await db
        .select()
        .from(categoryMappings)
        .where(eq(categoryMappings.framework, framework))
        .orderBy(asc(categoryMappings.category), asc(categoryMappings.subcategory));
      return rows.map((r) => ({
        category: r.category,
        subcategory: r.subcategory === '' ? null : r.subcategory,
        externalCode: r.externalCode,
        externalLabel: r.externalLabel,
      }));
    },

    async setMappings(framework, rows, now, audit) {
      await db.transaction(async (t) => {
        await t.delete(categoryMappings).where(eq(categoryMappings.framework, framework));
        if (rows.length > 0)
          await t
            .insert(categoryMappings)
            .values(rows.map((r) => ({ ...r, framework, subcategory: r.subcategory ?? '', updatedAt: now })));
        await writeAudit(t, audit(), now);
      });
    },

    async seedMappings(framework, rows, now) {
      await db.transaction(async (t) => {
        // Only on a store that has no mapping at all: an admin's framework is never joined by the example.
        const [any] = await t.select({ n: sql<number>`count(*)::int` }).from(categoryMappings);
        if (Number(any?.n ?? 0) > 0) return;
        await t
          .insert(categoryMappings)
          .values(rows.map((r) => ({ ...r, framework, subcategory: r.subcategory ?? '', updatedAt: now })))
          .onConflictDoNothing();
      });
    },
  };
}
