CREATE TABLE "phone_call_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"call_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"effect" text NOT NULL,
	"record" jsonb NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_callback_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"callback_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"result" text NOT NULL,
	"call_id" text,
	"user_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "phone_callbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"first_call_id" text NOT NULL,
	"last_call_id" text NOT NULL,
	"missed_calls" integer DEFAULT 1 NOT NULL,
	"transcript" text,
	"assignee_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"resolution" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "phone_calls" (
	"call_id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"direction" text NOT NULL,
	"number" text,
	"state" text NOT NULL,
	"outcome" text,
	"started_at" timestamp with time zone NOT NULL,
	"record" jsonb NOT NULL,
	"manual" jsonb,
	"version" integer NOT NULL,
	"message_version" integer DEFAULT 0 NOT NULL,
	"event_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_do_not_call" (
	"number" text PRIMARY KEY NOT NULL,
	"contact_id" uuid,
	"reason" text,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "phone_call_updates" ADD CONSTRAINT "phone_call_updates_call_id_phone_calls_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."phone_calls"("call_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_callback_attempts" ADD CONSTRAINT "phone_callback_attempts_callback_id_phone_callbacks_id_fk" FOREIGN KEY ("callback_id") REFERENCES "public"."phone_callbacks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_callback_attempts" ADD CONSTRAINT "phone_callback_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_callbacks" ADD CONSTRAINT "phone_callbacks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_callbacks" ADD CONSTRAINT "phone_callbacks_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_calls" ADD CONSTRAINT "phone_calls_event_id_inbound_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."inbound_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_do_not_call" ADD CONSTRAINT "phone_do_not_call_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_do_not_call" ADD CONSTRAINT "phone_do_not_call_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "phone_call_updates_call_idx" ON "phone_call_updates" USING btree ("call_id","id");--> statement-breakpoint
CREATE INDEX "phone_callback_attempts_callback_idx" ON "phone_callback_attempts" USING btree ("callback_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "phone_callbacks_active_number_uq" ON "phone_callbacks" USING btree ("number") WHERE status in ('open', 'attempted');--> statement-breakpoint
CREATE INDEX "phone_callbacks_status_due_idx" ON "phone_callbacks" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "phone_calls_number_started_idx" ON "phone_calls" USING btree ("number","started_at");--> statement-breakpoint
CREATE INDEX "phone_calls_stale_message_idx" ON "phone_calls" USING btree ("updated_at") WHERE message_version < version;--> statement-breakpoint
CREATE INDEX "phone_calls_unaccepted_idx" ON "phone_calls" USING btree ("created_at") WHERE event_id is null;