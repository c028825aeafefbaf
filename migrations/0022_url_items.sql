CREATE TABLE "url_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"note" text,
	"by_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "url_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"url" text NOT NULL,
	"host" text NOT NULL,
	"platform" text,
	"assessment" text,
	"assessed_at" timestamp with time zone,
	"assessed_by" uuid,
	"hosting_country" text,
	"status" text DEFAULT 'new' NOT NULL,
	"report_count" integer DEFAULT 0 NOT NULL,
	"first_reported_at" timestamp with time zone NOT NULL,
	"last_reported_at" timestamp with time zone NOT NULL,
	"last_action_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "url_platforms" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"hosts" jsonb NOT NULL,
	"abuse_email" text,
	"abuse_url" text,
	"position" integer DEFAULT 100 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "url_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "url_scan_state" (
	"name" text PRIMARY KEY NOT NULL,
	"through" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "url_scans" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL,
	"found" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "url_actions" ADD CONSTRAINT "url_actions_url_id_url_items_id_fk" FOREIGN KEY ("url_id") REFERENCES "public"."url_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "url_actions" ADD CONSTRAINT "url_actions_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "url_items" ADD CONSTRAINT "url_items_platform_url_platforms_code_fk" FOREIGN KEY ("platform") REFERENCES "public"."url_platforms"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "url_items" ADD CONSTRAINT "url_items_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "url_reports" ADD CONSTRAINT "url_reports_url_id_url_items_id_fk" FOREIGN KEY ("url_id") REFERENCES "public"."url_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "url_reports" ADD CONSTRAINT "url_reports_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "url_scans" ADD CONSTRAINT "url_scans_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "url_actions_url_idx" ON "url_actions" USING btree ("url_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "url_items_key_uq" ON "url_items" USING btree ("key");--> statement-breakpoint
CREATE INDEX "url_items_list_idx" ON "url_items" USING btree ("last_reported_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "url_items_status_idx" ON "url_items" USING btree ("status");--> statement-breakpoint
CREATE INDEX "url_items_platform_idx" ON "url_items" USING btree ("platform");--> statement-breakpoint
CREATE INDEX "url_items_first_reported_idx" ON "url_items" USING btree ("first_reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "url_reports_url_message_uq" ON "url_reports" USING btree ("url_id","message_id");--> statement-breakpoint
CREATE INDEX "url_reports_message_idx" ON "url_reports" USING btree ("message_id");