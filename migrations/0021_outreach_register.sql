CREATE TABLE "outreach_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"institution_name" text,
	"institution_kind" text,
	"municipality" text,
	"institution_key" text,
	"educators" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"students" integer DEFAULT 0 NOT NULL,
	"parents" integer DEFAULT 0 NOT NULL,
	"teachers" integer DEFAULT 0 NOT NULL,
	"health_workers" integer DEFAULT 0 NOT NULL,
	"others" integer DEFAULT 0 NOT NULL,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outreach_activities" ADD CONSTRAINT "outreach_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outreach_held_idx" ON "outreach_activities" USING btree ("held_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "outreach_municipality_idx" ON "outreach_activities" USING btree (lower("municipality"));--> statement-breakpoint
CREATE INDEX "outreach_institution_idx" ON "outreach_activities" USING btree ("institution_key");