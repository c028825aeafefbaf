CREATE TABLE "institutions" (
	"code" text PRIMARY KEY NOT NULL,
	"name_sr_latn" text NOT NULL,
	"name_sr_cyrl" text NOT NULL,
	"name_en" text NOT NULL,
	"email" text NOT NULL,
	"position" integer DEFAULT 100 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "delivery" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "other_means" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "include_contact" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "email_to" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "email_subject" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "email_message_id" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "email_status" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "email_error" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "email_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "email_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "sent_by" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "acknowledged_by" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "answered_by" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "answer_message_id" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_institution_institutions_code_fk" FOREIGN KEY ("institution") REFERENCES "public"."institutions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_answer_message_id_messages_id_fk" FOREIGN KEY ("answer_message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referrals_institution_idx" ON "referrals" USING btree ("institution");--> statement-breakpoint
CREATE INDEX "referrals_open_idx" ON "referrals" USING btree ("sent_at") WHERE status = 'sent';--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_email_message_id_unique" UNIQUE("email_message_id");