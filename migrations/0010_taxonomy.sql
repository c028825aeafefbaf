CREATE TABLE "categories" (
	"code" text PRIMARY KEY NOT NULL,
	"labels" jsonb NOT NULL,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "first_response_due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "categories_position_idx" ON "categories" USING btree ("position");