ALTER TABLE "retention_runs" ADD COLUMN "dead_letters_erased" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "dead_letters_blob_idx" ON "dead_letters" USING btree ("blob_key");