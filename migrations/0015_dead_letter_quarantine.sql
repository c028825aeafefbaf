ALTER TABLE "dead_letters" ALTER COLUMN "payload" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD COLUMN "case_id" uuid;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD COLUMN "blob_key" text;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD COLUMN "size" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD COLUMN "known_hash_entry" text;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dead_letters_case_idx" ON "dead_letters" USING btree ("case_id");--> statement-breakpoint
-- Dead letters already stored: the case they belong to (through their inbound event), and their payload moved into quarantine storage (an unreadable mail as the mail itself).
UPDATE "dead_letters" AS d SET "case_id" = e."case_id" FROM "inbound_events" AS e WHERE d."inbound_event_id" = e."id" AND d."case_id" IS NULL;--> statement-breakpoint
UPDATE "dead_letters" AS d SET "case_id" = c."id" FROM "cases" AS c WHERE d."case_id" IS NULL AND d."payload"->>'caseId' = c."id"::text;--> statement-breakpoint
UPDATE "dead_letters" AS d SET "case_id" = r."case_id" FROM "referrals" AS r WHERE d."case_id" IS NULL AND d."payload"->>'referralId' = r."id"::text;--> statement-breakpoint
WITH moved AS (
  SELECT "id", "created_at",
    CASE WHEN "queue" = 'email-intake' AND jsonb_typeof("payload"->'rawBase64') = 'string'
      THEN decode("payload"->>'rawBase64', 'base64') ELSE convert_to("payload"::text, 'UTF8') END AS bytes,
    CASE WHEN "queue" = 'email-intake' AND jsonb_typeof("payload"->'rawBase64') = 'string'
      THEN 'message/rfc822' ELSE 'application/json' END AS content_type
  FROM "dead_letters" WHERE "payload" IS NOT NULL
), stored AS (
  INSERT INTO "blobs" ("sha256", "size", "content_type", "bytes", "created_at")
  SELECT DISTINCT ON (encode(sha256(bytes), 'hex')) encode(sha256(bytes), 'hex'), octet_length(bytes), content_type, bytes, "created_at" FROM moved
  ON CONFLICT DO NOTHING
  RETURNING "sha256"
)
UPDATE "dead_letters" AS d SET "blob_key" = encode(sha256(m.bytes), 'hex'), "size" = octet_length(m.bytes), "payload" = NULL
FROM moved AS m WHERE d."id" = m."id";
