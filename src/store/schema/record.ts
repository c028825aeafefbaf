import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './core.ts';
import { type CategoryLabels, categories } from './taxonomy.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Serbia's districts and the City of Belgrade, seeded from src/domain/serbian-places.ts and then
 * the admins' to edit: codes are stable (cases keep them), names change, a place is retired, never deleted.
 */
export const districts = pgTable('districts', {
  code: text('code').primaryKey(),
  nameSrLatn: text('name_sr_latn').notNull(),
  nameSrCyrl: text('name_sr_cyrl').notNull(),
  nameEn: text('name_en').notNull(),
  position: integer('position').notNull(),
  retiredAt: ts('retired_at'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** The municipalities and cities of each district (Belgrade's city municipalities under Belgrade). */
export const municipalities = pgTable(
  'municipalities',
  {
    code: text('code').primaryKey(),
    district: text('district')
      .notNull()
      .references(() => districts.code),
    nameSrLatn: text('name_sr_latn').notNull(),
    nameSrCyrl: text('name_sr_cyrl').notNull(),
    nameEn: text('name_en').notNull(),
    /** city | municipality | city_municipality */
    kind: text('kind').notNull(),
    position: integer('position').notNull(),
    retiredAt: ts('retired_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('municipalities_district_idx').on(t.district)],
);

/** Sub-categories under the centre's categories; the same life as a category (code kept, retired). */
export const subcategories = pgTable(
  'subcategories',
  {
    code: text('code').primaryKey(),
    category: text('category')
      .notNull()
      .references(() => categories.code),
    labels: jsonb('labels').$type<CategoryLabels>().notNull(),
    position: integer('position').notNull(),
    retiredAt: ts('retired_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('subcategories_category_idx').on(t.category, t.position)],
);

/** The admins' settings for the case record; one row (id 1). */
export const recordSettings = pgTable(
  'record_settings',
  {
    id: integer('id').primaryKey(),
    /** The description fields a case must have before it is closed (src/domain/case-description.ts). */
    requiredForClose: jsonb('required_for_close').$type<string[]>().notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [check('record_settings_one_row', sql`${t.id} = 1`)],
);

/** The centre's figures from before Kontakt: communications per channel and year. */
export const reportBaselineChannels = pgTable(
  'report_baseline_channels',
  {
    channel: text('channel').notNull(),
    year: integer('year').notNull(),
    communications: integer('communications').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.year] })],
);

/** The outreach totals from before the register; one row (id 1), its figures as JSON. */
export const reportBaseline = pgTable(
  'report_baseline',
  {
    id: integer('id').primaryKey(),
    outreach: jsonb('outreach').$type<Record<string, number>>().notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [check('report_baseline_one_row', sql`${t.id} = 1`)],
);

/**
 * The centre's categories (or one sub-category) mapped to an external framework's codes, e.g. a
 * helpline network's contact categories. `subcategory` '' stands for the whole category.
 */
export const categoryMappings = pgTable(
  'category_mappings',
  {
    framework: text('framework').notNull(),
    category: text('category')
      .notNull()
      .references(() => categories.code),
    subcategory: text('subcategory').notNull().default(''),
    externalCode: text('external_code').notNull(),
    externalLabel: text('external_label').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.framework, t.category, t.subcategory] })],
);

export type DistrictRow = typeof districts.$inferSelect;
export type MunicipalityRow = typeof municipalities.$inferSelect;
export type SubcategoryRow = typeof subcategories.$inferSelect;
