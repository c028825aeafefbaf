import { APPLIED_VIEW_COLUMNS } from './case-views.ts';
import { statement } from './raw-sql.ts';

/*
 * The statements every applied message runs, as SQL text (see raw-sql.ts for why); the rarer
 * paths of the ingest transaction (ingest-tx.ts) stay with drizzle.
 */
export const FIND_MESSAGE = statement(
  'ingest_find_message',
  `select id, case_id as "caseId" from messages where channel = $1 and external_id = $2 limit 1`,
);
/** Known identities in the order they were given: the first one's contact is the sender's contact. */
export const KNOWN_IDENTITIES = statement(
  'ingest_known_identities',
  `select i.contact_id as "contactId", i.kind, i.value
   from contact_identities i
   join jsonb_array_elements($1::jsonb) with ordinality as r(e, ord)
     on i.kind = r.e->>'kind' and i.value = r.e->>'value'
   order by r.ord`,
);
export const OPEN_CASE_OF_CONTACT = statement(
  'ingest_open_case_of_contact',
  `select id, status, closed_at as "closedAt" from cases
   where contact_id = $1 and channel = $2 and status <> 'closed'
   order by last_activity_at desc limit 1`,
);
/**
 * The three reads a new message starts with, in one round trip: is it stored already, which of
 * the sender's identities are known (in the order given), and the first known contact's open case
 * on the channel; each answer is the one FIND_MESSAGE, KNOWN_IDENTITIES and OPEN_CASE_OF_CONTACT
 * give for the same arguments. One row per element of $1 (`[{channel, externalId, identities}]`,
 * identities as the text `identitiesParam` in ingest-prefetch.ts makes), in order: one message's
 * reads, or a whole batch's at the start of its transaction.
 */
export const PREFETCH = statement(
  'ingest_prefetch',
  `with r as (
     select x.ord, x.e->>'channel' as channel, x.e->>'externalId' as external_id, (x.e->>'identities')::jsonb as identities
     from jsonb_array_elements($1::jsonb) with ordinality as x(e, ord)
   )
   select r.ord, m.id as "messageId", m.case_id as "messageCaseId", k.known, k.contact_id as "contactId",
     o.id as "openId", o.status as "openStatus", o.closed_at as "openClosedAt"
   from r
   left join lateral (
     select id, case_id from messages where channel = r.channel and external_id = r.external_id limit 1
   ) m on true
   left join lateral (
     select coalesce(jsonb_agg(jsonb_build_object('contactId', i.contact_id, 'kind', i.kind, 'value', i.value)
                               order by g.ord), '[]'::jsonb) as known,
       (array_agg(i.contact_id order by g.ord))[1] as contact_id
     from jsonb_array_elements(r.identities) with ordinality as g(e, ord)
     join contact_identities i on i.kind = g.e->>'kind' and i.value = g.e->>'value'
   ) k on true
   left join lateral (
     select id, status, closed_at from cases
     where contact_id = k.contact_id and channel = r.channel and status <> 'closed'
     order by last_activity_at desc limit 1
   ) o on true
   order by r.ord`,
);

/**
 * Insert the message and bump its case in one statement, and answer with both views as they stand
 * after it; no row when (channel, external id) is already stored (then no case is touched).
 */
export const INSERT_AND_TOUCH = statement(
  'ingest_insert_message_touch_case',
  `with m as (
     insert into messages (case_id, channel, external_id, text, html, subject, fields, flags, direction,
                           created_at, received_at)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11)
     on conflict do nothing
     returning *
   ), c as (
     update cases set preview = $12, message_count = message_count + 1, last_activity_at = $13, updated_at = $13,
       status = case when $14::boolean and status = 'closed' then 'open' else status end,
       closed_at = case when $14::boolean and status = 'closed' then null else closed_at end
     where id = (select case_id from m)
     returning *
   )
   select ${APPLIED_VIEW_COLUMNS}
   from m
   join c on c.id = m.case_id
   left join contacts ct on ct.id = c.contact_id
   left join users a on a.id = c.assignee_id
   left join users u on u.id = m.author_id`,
);
export const MARK_APPLIED = statement(
  'ingest_mark_applied',
  `update inbound_events set status = 'applied', applied_at = $2, case_id = $3, message_id = $4, last_error = null
   where id = $1`,
);

export const MARK_APPLIED_MANY = statement(
  'ingest_mark_applied_many',
  `update inbound_events e set status = 'applied', applied_at = r.applied_at, case_id = r.case_id,
     message_id = r.message_id, last_error = null
   from jsonb_to_recordset($1::jsonb) as r(id uuid, case_id uuid, message_id uuid, applied_at timestamptz)
   where e.id = r.id`,
);
