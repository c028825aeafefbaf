-- Search (issue 21): the folding functions again, faster (not STRICT, so PostgreSQL inlines kontakt_fold and
-- kontakt_search_doc; the Serbian two-letter replacements only in a text that has one; translate()'s most
-- frequent letters first; the message and phone parts in plpgsql). Same results as 0024, from
-- scripts/search-fold-sql.ts. Then the generated search column of messages, the trigram indexes, saved searches.
CREATE OR REPLACE FUNCTION kontakt_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT btrim(regexp_replace(translate(CASE WHEN t ~ '[ǄǅǆǇǈǉǊǋǌЃѓЅѕЌќЮюЯяЩщЄєЇїЪъЬьßÆæŒœÞþĲĳ]' THEN replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(CASE WHEN t ~ '[ЉљЊњЏџЂђĐđ]' THEN replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t, 'Љ', 'lj'), 'љ', 'lj'), 'Њ', 'nj'), 'њ', 'nj'), 'Џ', 'dz'), 'џ', 'dz'), 'Ђ', 'dj'), 'ђ', 'dj'), 'Đ', 'dj'), 'đ', 'dj') ELSE t END, 'Ǆ', 'dz'), 'ǅ', 'dz'), 'ǆ', 'dz'), 'Ǉ', 'lj'), 'ǈ', 'lj'), 'ǉ', 'lj'), 'Ǌ', 'nj'), 'ǋ', 'nj'), 'ǌ', 'nj'), 'Ѓ', 'gj'), 'ѓ', 'gj'), 'Ѕ', 'dz'), 'ѕ', 'dz'), 'Ќ', 'kj'), 'ќ', 'kj'), 'Ю', 'ju'), 'ю', 'ju'), 'Я', 'ja'), 'я', 'ja'), 'Щ', 'sc'), 'щ', 'sc'), 'Є', 'je'), 'є', 'je'), 'Ї', 'ji'), 'ї', 'ji'), 'Ъ', ''), 'ъ', ''), 'Ь', ''), 'ь', ''), 'ß', 'ss'), 'Æ', 'ae'), 'æ', 'ae'), 'Œ', 'oe'), 'œ', 'oe'), 'Þ', 'th'), 'þ', 'th'), 'Ĳ', 'ij'), 'ĳ', 'ij')
    WHEN t ~ '[ЉљЊњЏџЂђĐđ]' THEN replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t, 'Љ', 'lj'), 'љ', 'lj'), 'Њ', 'nj'), 'њ', 'nj'), 'Џ', 'dz'), 'џ', 'dz'), 'Ђ', 'dj'), 'ђ', 'dj'), 'Đ', 'dj'), 'đ', 'dj')
    ELSE t END,
  'eaoinsrtjlkdmuvpzgcbhfywxq аоеинстрвјлкдмпузгбшчћцжхф.,0123456789!?-:;()"''„”
	čćšžABCDEFGHIJKLMNOPQRSTUVWXYZАОЕИНСТРВЈЛКДМПУЗГБШЧЋЦЖХФČĆŠŽÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǞǟǠǡǺǻȀȁȂȃȦȧƀÇçĈĉĊċĎďÐðÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩЁёЭэĜĝĞğĠġĢģǦǧǴǵҐґĤĥȞȟĦħÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐȈȉȊȋІіĴĵǰЙйĶķǨǩĸĹĺĻļĽľĿŀŁłÑñŃńŅņŇňǸǹŉŊŋÒÓÔÕÖØòóôõöøŌōŎŏŐőƠơǑǒǪǫǬǭȌȍȎȏȪȫȬȭȮȯȰȱŔŕŖŗŘřȐȑȒȓŚśŜŝŞşȘșſŢţŤťȚțŦŧÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗЎўŴŵÝýÿŶŷŸȲȳЫыŹźŻżƵƶ',
  'eaoinsrtjlkdmuvpzgcbhfywxq aoeinstrvjlkdmpuzgbsccczhf  0123456789             ccszabcdefghijklmnopqrstuvwxyzaoeinstrvjlkdmpuzgbsccczhfccszaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabccccccddddeeeeeeeeeeeeeeeeeeeeeeeeeeeegggggggggggggghhhhhhiiiiiiiiiiiiiiiiiiiiiiiiiijjjjjkkkkkllllllllllnnnnnnnnnnnnnoooooooooooooooooooooooooooooooooooooorrrrrrrrrrsssssssssttttttttuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuwwyyyyyyyyyyzzzzzz'), '[^a-z0-9]+', ' ', 'g'))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kontakt_phone_tokens(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE r text;
BEGIN
  IF t !~ '[0-9](?:[ ./()-]{0,2}[0-9]){7,}' THEN RETURN ''; END IF;
  SELECT string_agg(regexp_replace(regexp_replace(m[1], '[^0-9]', '', 'g'), '^00', ''), ' ') INTO r
  FROM regexp_matches(t, '([0-9](?:[ ./()-]{0,2}[0-9]){7,})', 'g') AS m;
  RETURN coalesce(r, '');
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kontakt_search_doc(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT ' ' || public.kontakt_fold(left(t, 50000) || ' ' || public.kontakt_phone_tokens(left(t, 50000))) || ' '
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kontakt_message_doc(subject text, body text, fields jsonb, channel text, author_id uuid) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE extra text;
BEGIN
  -- Meta's links are hidden from every role (src/domain/message-fields.ts): an inbound Meta message's fields are not searched.
  IF fields IS NOT NULL AND NOT (channel IN ('facebook', 'instagram') AND author_id IS NULL) THEN
    SELECT string_agg(v #>> '{}', ' ') INTO extra
    FROM unnest(ARRAY['urls', 'from', 'fromName', 'to', 'cc', 'replyTo', 'transcript', 'notes', 'recipient']) AS k,
      jsonb_path_query(fields -> k, 'lax $[*] ? (@.type() == "string")') AS v;
  END IF;
  RETURN public.kontakt_search_doc(concat_ws(' ', subject, body, extra));
END
$$;
--> statement-breakpoint
CREATE TABLE "saved_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "search_doc" text GENERATED ALWAYS AS (kontakt_message_doc(subject, text, fields, channel, author_id)) STORED;--> statement-breakpoint
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "saved_searches_user_idx" ON "saved_searches" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "contact_identities_search_idx" ON "contact_identities" USING gin (kontakt_search_doc("value" || ' ' || coalesce("display_name", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_search_idx" ON "contacts" USING gin (kontakt_search_doc(coalesce("display_name", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search_doc" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "case_tags_search_idx" ON "case_tags" USING gin (kontakt_search_doc("tag") gin_trgm_ops);