CREATE TABLE "category_mappings" (
	"framework" text NOT NULL,
	"category" text NOT NULL,
	"subcategory" text DEFAULT '' NOT NULL,
	"external_code" text NOT NULL,
	"external_label" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "category_mappings_framework_category_subcategory_pk" PRIMARY KEY("framework","category","subcategory")
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"code" text PRIMARY KEY NOT NULL,
	"name_sr_latn" text NOT NULL,
	"name_sr_cyrl" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"code" text PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"name_sr_latn" text NOT NULL,
	"name_sr_cyrl" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"required_for_close" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "record_settings_one_row" CHECK ("record_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "report_baseline" (
	"id" integer PRIMARY KEY NOT NULL,
	"outreach" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "report_baseline_one_row" CHECK ("report_baseline"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "report_baseline_channels" (
	"channel" text NOT NULL,
	"year" integer NOT NULL,
	"communications" integer NOT NULL,
	CONSTRAINT "report_baseline_channels_channel_year_pk" PRIMARY KEY("channel","year")
);
--> statement-breakpoint
CREATE TABLE "subcategories" (
	"code" text PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"labels" jsonb NOT NULL,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "gender" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "place_district" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "place_municipality" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "subcategory" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "interventions" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "category_mappings" ADD CONSTRAINT "category_mappings_category_categories_code_fk" FOREIGN KEY ("category") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipalities" ADD CONSTRAINT "municipalities_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_settings" ADD CONSTRAINT "record_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_baseline" ADD CONSTRAINT "report_baseline_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subcategories" ADD CONSTRAINT "subcategories_category_categories_code_fk" FOREIGN KEY ("category") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "municipalities_district_idx" ON "municipalities" USING btree ("district");--> statement-breakpoint
CREATE INDEX "subcategories_category_idx" ON "subcategories" USING btree ("category","position");--> statement-breakpoint
-- The web form's four reporter roles as the case record's seven (src/domain/case-description.ts).
UPDATE "cases" SET "reporter_role" = CASE "reporter_role" WHEN 'parent' THEN 'parent_guardian' WHEN 'teacher' THEN 'teacher_school_staff' ELSE 'citizen' END WHERE "reporter_role" IN ('parent', 'teacher', 'other');
