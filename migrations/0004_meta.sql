CREATE TABLE "meta_page_states" (
	"page_id" text PRIMARY KEY NOT NULL,
	"refused_token" text,
	"reason" text,
	"flagged_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meta_profiles" (
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"page_id" text,
	"status" text NOT NULL,
	"name" text,
	"username" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"fetched_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meta_profiles_kind_value_pk" PRIMARY KEY("kind","value")
);
--> statement-breakpoint
CREATE INDEX "meta_profiles_due_idx" ON "meta_profiles" USING btree ("status","next_attempt_at");