-- Search folding (src/domain/search-fold.ts does the same in TypeScript; tests/integration/search-fold-sql.test.ts
-- checks they agree): Cyrillic and Latin with or without diacritics to plain a-z0-9 words. Immutable,
-- so indexes and generated columns may use them. pg_trgm indexes the folded text (PGlite loads it in db.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kontakt_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT btrim(regexp_replace(translate(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t, 'Љ', 'lj'), 'љ', 'lj'), 'Њ', 'nj'), 'њ', 'nj'), 'Џ', 'dz'), 'џ', 'dz'), 'Ђ', 'dj'), 'ђ', 'dj'), 'Đ', 'dj'), 'đ', 'dj'), 'Ǆ', 'dz'), 'ǅ', 'dz'), 'ǆ', 'dz'), 'Ǉ', 'lj'), 'ǈ', 'lj'), 'ǉ', 'lj'), 'Ǌ', 'nj'), 'ǋ', 'nj'), 'ǌ', 'nj'), 'Ѓ', 'gj'), 'ѓ', 'gj'), 'Ѕ', 'dz'), 'ѕ', 'dz'), 'Ќ', 'kj'), 'ќ', 'kj'), 'Ю', 'ju'), 'ю', 'ju'), 'Я', 'ja'), 'я', 'ja'), 'Щ', 'sc'), 'щ', 'sc'), 'Є', 'je'), 'є', 'je'), 'Ї', 'ji'), 'ї', 'ji'), 'Ъ', ''), 'ъ', ''), 'Ь', ''), 'ь', ''), 'ß', 'ss'), 'Æ', 'ae'), 'æ', 'ae'), 'Œ', 'oe'), 'œ', 'oe'), 'Þ', 'th'), 'þ', 'th'), 'Ĳ', 'ij'), 'ĳ', 'ij'),
  'AaÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǞǟǠǡǺǻȀȁȂȃȦȧАаBbƀБбCcÇçĆćĈĉĊċČčЋћЦцЧчDdĎďÐðДдEeÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩЕеЁёЭэFfФфGgĜĝĞğĠġĢģǦǧǴǵГгҐґHhĤĥȞȟĦħХхIiÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐȈȉȊȋИиІіJjĴĵǰЈјЙйKkĶķǨǩĸКкLlĹĺĻļĽľĿŀŁłЛлMmМмNnÑñŃńŅņŇňǸǹŉŊŋНнOoÒÓÔÕÖØòóôõöøŌōŎŏŐőƠơǑǒǪǫǬǭȌȍȎȏȪȫȬȭȮȯȰȱОоPpПпQqRrŔŕŖŗŘřȐȑȒȓРрSsŚśŜŝŞşŠšȘșſСсШшTtŢţŤťȚțŦŧТтUuÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗУуЎўVvВвWwŴŵXxYyÝýÿŶŷŸȲȳЫыZzŹźŻżŽžƵƶЗзЖж',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbccccccccccccccccccddddddddeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeffffgggggggggggggggggghhhhhhhhhhiiiiiiiiiiiiiiiiiiiiiiiiiiiiiijjjjjjjjjkkkkkkkkkllllllllllllllmmmmnnnnnnnnnnnnnnnnnooooooooooooooooooooooooooooooooooooooooooppppqqrrrrrrrrrrrrrrsssssssssssssssssttttttttttttuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuvvvvwwwwxxyyyyyyyyyyyyzzzzzzzzzzzzzz'), '[^a-z0-9]+', ' ', 'g'))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kontakt_phone_tokens(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT coalesce(string_agg(regexp_replace(regexp_replace(m[1], '[^0-9]', '', 'g'), '^00', ''), ' '), '')
FROM regexp_matches(t, '([0-9](?:[ ./()-]{0,2}[0-9]){7,})', 'g') AS m
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kontakt_search_doc(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT ' ' || kontakt_fold(left(t, 50000) || ' ' || kontakt_phone_tokens(left(t, 50000))) || ' '
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kontakt_message_doc(subject text, body text, fields jsonb, channel text, author_id uuid) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT kontakt_search_doc(concat_ws(' ', subject, body,
  CASE WHEN channel IN ('facebook', 'instagram') AND author_id IS NULL THEN NULL ELSE (
    SELECT string_agg(v #>> '{}', ' ')
    FROM unnest(ARRAY['urls', 'from', 'fromName', 'to', 'cc', 'replyTo', 'transcript', 'notes', 'recipient']) AS k,
      jsonb_path_query(fields -> k, 'lax $[*] ? (@.type() == "string")') AS v
  ) END))
$$;
