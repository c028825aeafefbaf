import { type SQL, sql } from 'drizzle-orm';
import type { SearchFilters } from '../domain/search.service.ts';
import { type SearchTerm, termPatterns } from '../domain/search-query.ts';

/*
 * The SQL of a search, as fragments over `cases c`. Each searched text is a generated column with
 * a pg_trgm GIN index (migrations 0027, 0028): messages, contacts, contact_identities and
 * case_tags.search_doc, folded (" word word ") by kontakt_search_doc.
 */

const MESSAGE_DOC = sql.raw('m.search_doc');
const CONTACT_DOC = sql.raw('ct.search_doc');
const IDENTITY_DOC = sql.raw('ci.search_doc');
const TAG_DOC = sql.raw('tg.search_doc');

/** doc LIKE p1 OR doc LIKE p2 …: one term's forms over one searched text. */
function like(doc: SQL, t: SearchTerm): SQL {
  return sql`(${sql.join(
    termPatterns(t).map((p) => sql`${doc} like ${p}`),
    sql` or `,
  )})`;
}

/** The ids of the cases a term matches in their own texts, through the indexes. */
function strongCandidates(t: SearchTerm, all: boolean): SQL {
  const union = sql.raw(all ? 'union all' : 'union');
  return sql`select c2.id from cases c2 join contacts ct on ct.id = c2.contact_id where ${like(CONTACT_DOC, t)}
    ${union} select c2.id from cases c2 join contact_identities ci on ci.contact_id = c2.contact_id where ${
      // A number is stored E.164 on its identity: one lookup in the unique (kind, value) index.
      t.phone ? sql`ci.kind = 'phone' and ci.value = ${t.phone}` : like(IDENTITY_DOC, t)
    }
    ${union} select tg.case_id from case_tags tg where ${like(TAG_DOC, t)}
    ${t.reference ? sql`${union} select c2.id from cases c2 where c2.reference = ${t.reference}` : sql``}`;
}

/** The ids of the cases a term matches anywhere, through the indexes (`all`: with repeats, for counting). */
export function candidates(t: SearchTerm, scope: 'full' | 'strong', all = false): SQL {
  if (scope === 'strong') return strongCandidates(t, all);
  return sql`select m.case_id from messages m where ${like(MESSAGE_DOC, t)}
    ${sql.raw(all ? 'union all' : 'union')} ${strongCandidates(t, all)}`;
}

/** One row's test, asked per case through an index and stopped at the first hit. */
const any = (from: SQL, where: SQL) => sql`coalesce((select true from ${from} where ${where} limit 1), false)`;

/*
 * The per-case tests below are scalar subqueries on purpose: PostgreSQL may turn an EXISTS (or an
 * IN) into one hash of every row the word matches, which for a common word or name costs far more
 * than the few cases a page looks at. Each runs on the case's own rows, through their indexes
 * (contacts_pkey, contact_identities_contact_idx, case_tags' key, messages_case_idx), over the
 * stored search_doc columns.
 */

/**
 * The term matches the case's "own" texts: its reference, its contact's name, addresses, numbers
 * and profile names, its tags; relevance puts these cases first. `c` needs id, contact_id, reference.
 */
export function strongMatch(t: SearchTerm): SQL {
  const identity = t.phone ? sql`ci.kind = 'phone' and ci.value = ${t.phone}` : like(IDENTITY_DOC, t);
  return sql`(${t.reference ? sql`c.reference = ${t.reference} or ` : sql``}${any(
    sql`contacts ct`,
    sql`ct.id = c.contact_id and ${like(CONTACT_DOC, t)}`,
  )}
    or ${any(sql`contact_identities ci`, sql`ci.contact_id = c.contact_id and ${identity}`)}
    or ${any(sql`case_tags tg`, sql`tg.case_id = c.id and ${like(TAG_DOC, t)}`)})`;
}

/** The term matches the case anywhere: any of its messages and notes, or its own texts. */
export function fullMatch(t: SearchTerm): SQL {
  return sql`(${any(sql`messages m`, sql`m.case_id = c.id and ${like(MESSAGE_DOC, t)}`)} or ${strongMatch(t)})`;
}

/**
 * How many rows each term finds through the indexes, counting no further than `cap`, as t0, t1, …:
 * the rarest term leads an indexed search; when every term is that common, walking the newest
 * cases finds a page sooner.
 */
export function probeColumns(terms: SearchTerm[], cap: number): SQL {
  return sql.join(
    terms.map(
      (t, i) => sql`(select count(*) from (${candidates(t, 'full', true)} limit ${cap}) x)::int as ${sql.raw(`t${i}`)}`,
    ),
    sql`, `,
  );
}

/** How many rows the terms find in the cases' own texts (contacts, identities, tags), up to `cap`. */
export function ownCount(terms: SearchTerm[], cap: number): SQL {
  return sql`select count(*)::int from (${sql.join(
    terms.map((t) => candidates(t, 'strong', true)),
    sql` union all `,
  )} limit ${cap}) x`;
}

/** Who may see what and which filters apply, over `cases c`. */
export function narrowing(f: SearchFilters, hideKnownMaterial: boolean): SQL[] {
  const where: SQL[] = [sql`c.merged_into_id is null`];
  // Restricted: a case with a file on the known-hash list is not found by a role that may not see it, nor counted.
  // (NOT IN a small hashed set keeps the newest-first index scan of a walk.)
  if (hideKnownMaterial) where.push(sql`c.id not in (select k.case_id from known_hash_matches k)`);
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (values?.length)
      where.push(
        sql`${sql.raw(column)} in (${sql.join(
          values.map((v) => sql`${v}`),
          sql`, `,
        )})`,
      );
  };
  inList('c.status', f.status);
  inList('c.channel', f.channel);
  inList('c.priority', f.priority);
  inList('c.category', f.category);
  inList('c.reporter_role', f.reporterRole);
  inList('c.age_group', f.ageGroup);
  if (f.assignee === 'none') where.push(sql`c.assignee_id is null`);
  else if (f.assignee) where.push(sql`c.assignee_id = ${f.assignee}`);
  for (const tag of f.tags ?? [])
    where.push(sql`exists (select 1 from case_tags ft where ft.case_id = c.id and ft.tag = ${tag})`);
  if (f.institution?.length)
    where.push(
      sql`exists (select 1 from referrals r where r.case_id = c.id and r.institution in (${sql.join(
        f.institution.map((v) => sql`${v}`),
        sql`, `,
      )}))`,
    );
  if (f.hasAttachments !== undefined)
    where.push(
      sql`${sql.raw(f.hasAttachments ? '' : 'not ')}exists (select 1 from messages fm join attachments a on a.message_id = fm.id where fm.case_id = c.id)`,
    );
  if (f.from) where.push(sql`c.created_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) where.push(sql`c.created_at < ${f.to.toISOString()}::timestamptz`);
  return where;
}

/** After a cursor's case in the newest-first order (the order cases_activity_idx keeps). */
export const after = (at: string, id: string) => sql`(c.last_activity_at, c.id) < (${at}::timestamptz, ${id}::uuid)`;

export const and = (parts: SQL[]) => (parts.length ? sql.join(parts, sql` and `) : sql`true`);
