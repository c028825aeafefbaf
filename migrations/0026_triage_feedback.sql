CREATE TABLE "triage_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"mark" text NOT NULL,
	"marked_by" uuid NOT NULL,
	"marked_at" timestamp with time zone NOT NULL,
	"priority_at_mark" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "triage_feedback" ADD CONSTRAINT "triage_feedback_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triage_feedback" ADD CONSTRAINT "triage_feedback_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "triage_feedback_case_user_uq" ON "triage_feedback" USING btree ("case_id","marked_by");--> statement-breakpoint
CREATE INDEX "triage_feedback_marked_at_idx" ON "triage_feedback" USING btree ("marked_at","id");