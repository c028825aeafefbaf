import { type SQL, sql } from 'drizzle-orm';
import type { AuditEntry } from '../domain/audit.ts';
import type { SearchPageRow } from '../domain/search.service.ts';
import { messageSearchParts } from '../domain/search-fold.ts';
import { type SearchTerm, termPatterns } from '../domain/search-query.ts';
import type { SnippetSource } from '../domain/search-snippet.ts';
import type { Db } from './db.ts';

/** Matching messages per case read for its snippet. */
const SNIPPET_MESSAGES = 5;

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

interface SourceRow {
  o: number;
  source: string;
  text: string;
  id: string | null;
  subject: string | null;
  fields: Record<string, unknown> | null;
  channel: string | null;
  author_id: string | null;
}

interface PageRow {
  id: string;
  reference: string;
  status: SearchPageRow['summary']['status'];
  priority: SearchPageRow['summary']['priority'];
  category: string | null;
  channel: string;
  contact_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  created_at: string;
  last_activity_at: string;
  preview: string;
  sources: SourceRow[] | string;
}

/** One insert of the search's audit entries, written by the statement that reads the page. */
function auditInsert(entries: AuditEntry[]): SQL {
  if (entries.length === 0) return sql``;
  const values = sql.join(
    entries.map(
      (e) =>
        sql`(now(), ${e.actorId}::uuid, ${e.action}, ${e.entityType ?? null}, ${e.entityId ?? null}, ${e.ip ?? null},
          ${e.details ? JSON.stringify(e.details) : null}::jsonb)`,
    ),
    sql`, `,
  );
  return sql`with audit as (insert into audit_log (at, actor_id, action, entity_type, entity_id, ip, details) values ${values}) `;
}

/**
 * The page's cases in order, each with the texts its snippet may come from (best first: contact,
 * identities, tags, then its matching messages newest first, a few), and the search's audit entry:
 * one statement, so a search is recorded by the very read that shows its results.
 */
export async function readPage(
  db: Db,
  ids: string[],
  terms: SearchTerm[],
  audit: AuditEntry[],
): Promise<SearchPageRow[]> {
  const patterns = terms.flatMap(termPatterns);
  const anyTerm = patterns.length
    ? sql.join(
        patterns.map((p) => sql`m.search_doc like ${p}`),
        sql` or `,
      )
    : sql`false`;
  const idArray = ids.length
    ? sql`array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`
    : sql`array[]::uuid[]`;
  const result = (await db.execute(
    sql`${auditInsert(audit)}select c.id, c.reference, c.status, c.priority, c.category, c.channel,
          ct.display_name as contact_name, c.assignee_id, a.name as assignee_name,
          ${iso('c.created_at')} as created_at, ${iso('c.last_activity_at')} as last_activity_at, c.preview,
          (select coalesce(json_agg(s order by s.o, s.at desc), '[]'::json) from (
            select 1 as o, 'contact' as source, ct.display_name as text, null::uuid as id, null as subject,
              null::jsonb as fields, null as channel, null::uuid as author_id, null::timestamptz as at
            where ct.display_name is not null and ${terms.length > 0}
            union all
            select 2, 'identity', ci.value || coalesce(' (' || ci.display_name || ')', ''), null, null, null, null, null, null
            from contact_identities ci where ci.contact_id = c.contact_id and ${terms.length > 0}
            union all
            select 3, 'tag', tg.tag, null, null, null, null, null, null
            from case_tags tg where tg.case_id = c.id and ${terms.length > 0}
            union all
            (select 4, case when m.direction = 'note' then 'note' else 'message' end, m.text, m.id, m.subject,
               m.fields, m.channel, m.author_id, m.created_at
             from messages m where m.case_id = c.id and (${anyTerm})
             order by m.created_at desc, m.id desc limit ${SNIPPET_MESSAGES})) s) as sources
        from unnest(${idArray}) with ordinality as x(id, n)
        join cases c on c.id = x.id
        left join contacts ct on ct.id = c.contact_id
        left join users a on a.id = c.assignee_id
        order by x.n`,
  )) as unknown as { rows: PageRow[] };
  const references = new Set(terms.flatMap((t) => (t.reference ? [t.reference] : [])));
  return result.rows.map((r) => ({
    summary: {
      id: r.id,
      reference: r.reference,
      status: r.status,
      priority: r.priority,
      category: r.category,
      channel: r.channel,
      contactName: r.contact_name,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      createdAt: r.created_at,
      lastActivityAt: r.last_activity_at,
      preview: r.preview,
    },
    sources: [
      ...(references.has(r.reference) ? [{ source: 'reference', text: r.reference }] : []),
      ...sourcesOf(typeof r.sources === 'string' ? (JSON.parse(r.sources) as SourceRow[]) : r.sources),
    ],
  }));
}

function sourcesOf(rows: SourceRow[]): SnippetSource[] {
  const out: SnippetSource[] = [];
  for (const r of rows) {
    if (r.o < 4 || r.id === null) {
      out.push({ source: r.source, text: r.text });
      continue;
    }
    const parts = messageSearchParts({
      subject: r.subject,
      text: r.text,
      fields: r.fields,
      channel: r.channel ?? '',
      authorId: r.author_id,
    });
    for (const p of parts) out.push({ source: p.part === 'text' ? r.source : p.part, text: p.text, messageId: r.id });
  }
  return out;
}
