-- Search (issue 21): contacts, identities and tags keep their folded text as generated columns, like messages.search_doc,
-- so that a search tests them without folding them again on every read; the trigram indexes move onto those columns.
DROP INDEX "contact_identities_search_idx";--> statement-breakpoint
DROP INDEX "contacts_search_idx";--> statement-breakpoint
DROP INDEX "case_tags_search_idx";--> statement-breakpoint
ALTER TABLE "contact_identities" ADD COLUMN "search_doc" text GENERATED ALWAYS AS (kontakt_search_doc(value || ' ' || coalesce(display_name, ''))) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_doc" text GENERATED ALWAYS AS (kontakt_search_doc(coalesce(display_name, ''))) STORED;--> statement-breakpoint
ALTER TABLE "case_tags" ADD COLUMN "search_doc" text GENERATED ALWAYS AS (kontakt_search_doc(tag)) STORED;--> statement-breakpoint
CREATE INDEX "contact_identities_search_idx" ON "contact_identities" USING gin ("search_doc" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_search_idx" ON "contacts" USING gin ("search_doc" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "case_tags_search_idx" ON "case_tags" USING gin ("search_doc" gin_trgm_ops);