/**
 * Prints the SQL of the search folding functions from the tables in src/domain/search-fold.ts:
 * `npx tsx scripts/search-fold-sql.ts > migrations/00NN_<name>.sql` after a change to those
 * tables (a migration is never edited; a new one replaces the functions and rebuilds what uses
 * them). tests/integration/search-fold-sql.test.ts then checks the two agree.
 */
import { FOLD_MULTI, FOLD_SINGLE, SEARCHED_FIELDS, SEARCHED_LENGTH } from '../src/domain/search-fold.ts';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The letters Serbian text has often; the others are replaced only in a text that has one. */
const SERBIAN_MULTI = new Set([...'ЉљЊњЏџЂђĐđ']);
const common = Object.entries(FOLD_MULTI).filter(([k]) => SERBIAN_MULTI.has(k));
const rare = Object.entries(FOLD_MULTI).filter(([k]) => !SERBIAN_MULTI.has(k));
const chain = (input: string, entries: [string, string][]) =>
  entries.reduce((e, [from, to]) => `replace(${e}, ${q(from)}, ${q(to)})`, input);
const anyOf = (entries: [string, string][]) => q(`[${entries.map(([k]) => k).join('')}]`);

/**
 * translate() looks each character up from the start of its list and stops at the first match, so
 * the most frequent come first; separators map to a space (the regexp after it joins them).
 */
const FREQUENT =
  'eaoinsrtjlkdmuvpzgcbhfywxq аоеинстрвјлкдмпузгбшчћцжхф.,0123456789!?-:;()"\'„”\n\tčćšž' +
  'ABCDEFGHIJKLMNOPQRSTUVWXYZАОЕИНСТРВЈЛКДМПУЗГБШЧЋЦЖХФČĆŠŽ';
const isPlain = (c: string) => /^[a-z0-9]$/.test(c);
const pairs: [string, string][] = [
  ...[...FREQUENT].map((c): [string, string] => [c, FOLD_SINGLE[c] ?? (isPlain(c) ? c : ' ')]),
  ...Object.entries(FOLD_SINGLE).filter(([c]) => !FREQUENT.includes(c)),
];

const multi = `CASE WHEN t ~ ${anyOf(rare)} THEN ${chain(`CASE WHEN t ~ ${anyOf(common)} THEN ${chain('t', common)} ELSE t END`, rare)}
    WHEN t ~ ${anyOf(common)} THEN ${chain('t', common)}
    ELSE t END`;

const PHONE_RUN = '[0-9](?:[ ./()-]{0,2}[0-9]){7,}';

// Calls between them name the schema: PostgreSQL 17 (PGlite) builds indexes and runs ANALYZE with
// search_path = pg_catalog, where an unqualified kontakt_fold would not be found.
// kontakt_fold and kontakt_search_doc are not STRICT so that PostgreSQL inlines them (a STRICT SQL
// function whose body is not strict itself is called, not inlined: several times slower); NULL in gives NULL out.
console.log(`CREATE OR REPLACE FUNCTION kontakt_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT btrim(regexp_replace(translate(${multi},
  ${q(pairs.map(([c]) => c).join(''))},
  ${q(pairs.map(([, to]) => to).join(''))}), '[^a-z0-9]+', ' ', 'g'))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kontakt_phone_tokens(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE r text;
BEGIN
  IF t !~ '${PHONE_RUN}' THEN RETURN ''; END IF;
  SELECT string_agg(regexp_replace(regexp_replace(m[1], '[^0-9]', '', 'g'), '^00', ''), ' ') INTO r
  FROM regexp_matches(t, '(${PHONE_RUN})', 'g') AS m;
  RETURN coalesce(r, '');
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kontakt_search_doc(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT ' ' || public.kontakt_fold(left(t, ${SEARCHED_LENGTH}) || ' ' || public.kontakt_phone_tokens(left(t, ${SEARCHED_LENGTH}))) || ' '
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
    FROM unnest(ARRAY[${SEARCHED_FIELDS.map(q).join(', ')}]) AS k,
      jsonb_path_query(fields -> k, 'lax $[*] ? (@.type() == "string")') AS v;
  END IF;
  RETURN public.kontakt_search_doc(concat_ws(' ', subject, body, extra));
END
$$;`);
