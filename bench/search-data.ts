/**
 * Seeds the search benchmark's data in SQL (generate_series over small word tables), so that
 * 200,000 cases and 2,000,000 messages take minutes, not hours: contacts with names and
 * identities in both scripts, cases over two years, conversations of 1 to 19 messages (replies
 * and notes among them), form links, tags, referrals, attachments and a few known-hash matches.
 * Deterministic: the same rows every run.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../src/store/db.ts';
import { FIRST_NAMES, LAST_NAMES, names, type Paragraph, paragraphs, subjects } from './search-corpus.ts';

export interface SeedSize {
  cases: number;
}

/** Messages per case: 1 + (n·7 mod 19), ten on average. */
export const MESSAGES_PER_CASE = 10;
const POOL = { inbound: 6000, outbound: 2000, note: 600 };

/** Knuth's multiplicative hash of an integer expression, 0 ≤ h < 2^32. */
const hash = (expr: string) => `((${expr})::bigint * 2654435761 % 4294967296)`;

export async function wordTable(db: Db, name: string, rows: Paragraph[]): Promise<void> {
  await db.execute(sql.raw(`create unlogged table ${name} (i int primary key, lat text not null, cyr text not null)`));
  const json = JSON.stringify(rows.map((r, i) => ({ i, lat: r.lat, cyr: r.cyr })));
  await db.execute(
    sql`insert into ${sql.raw(name)} select i, lat, cyr from jsonb_to_recordset(${json}::jsonb) as r(i int, lat text, cyr text)`,
  );
}

/** Fill an empty, migrated store; returns what the queries need to know about it. */
export async function seedSearchData(db: Db, size: SeedSize, log: (step: string) => void = () => {}): Promise<void> {
  const C = size.cases;
  const K = Math.round(C * 0.75); // contacts; a fifth of the cases are anonymous
  await db.execute(sql`set max_parallel_workers_per_gather = 0`);
  // Bulk load: foreign keys unchecked (the rows are made consistent), the secondary indexes of the
  // big tables built once at the end instead of row by row; the same definitions come back.
  await db.execute(sql`set session_replication_role = replica`);
  const rebuild = await dropSecondaryIndexes(db);
  await wordTable(db, 'bench_first', names(FIRST_NAMES));
  await wordTable(db, 'bench_last', names(LAST_NAMES));
  await wordTable(db, 'bench_subject', subjects());
  await wordTable(db, 'bench_in', paragraphs('inbound', POOL.inbound, 11));
  await wordTable(db, 'bench_out', paragraphs('outbound', POOL.outbound, 12));
  await wordTable(db, 'bench_note', paragraphs('note', POOL.note, 13));
  await db.execute(sql`analyze bench_first, bench_last, bench_subject, bench_in, bench_out, bench_note`);
  const F = FIRST_NAMES.length;
  const L = LAST_NAMES.length;

  await db.execute(
    sql.raw(`
    insert into users (id, email, name, role, password_hash, created_at)
    select md5('user' || g)::uuid, 'savetnik' || g || '@bench.kontakt', 'Savetnik ' || g,
      case when g = 1 then 'admin' when g <= 3 then 'supervisor' else 'counselor' end, 'x', now()
    from generate_series(1, 20) g`),
  );
  await db.execute(
    sql.raw(`
    insert into institutions (code, name_sr_latn, name_sr_cyrl, name_en, email, created_at, updated_at)
    select code, code, code, code, code || '@bench.kontakt', now(), now()
    from unnest(array['ministry_education','ministry_social_work','ministry_health','ministry_interior',
      'prosecutor_high_tech_crime']) code
    on conflict do nothing`),
  );

  // Contacts: a name in Latin or (three in ten) Cyrillic; identities by kind.
  await db.execute(
    sql.raw(`
    insert into contacts (id, display_name, created_at, updated_at)
    select md5('contact' || g)::uuid,
      case when g % 10 < 3 then f.cyr || ' ' || l.cyr else f.lat || ' ' || l.lat end,
      timestamptz '2024-01-01', timestamptz '2024-01-01'
    from generate_series(1, ${K}) g
    join bench_first f on f.i = ${hash('g')} % ${F}
    join bench_last l on l.i = ${hash('g + 7')} % ${L}`),
  );
  await db.execute(
    sql.raw(`
    insert into contact_identities (contact_id, kind, value, display_name, created_at)
    select md5('contact' || g)::uuid, k.kind, k.value, k.display_name, timestamptz '2024-01-01'
    from generate_series(1, ${K}) g
    join bench_first f on f.i = ${hash('g')} % ${F}
    join bench_last l on l.i = ${hash('g + 7')} % ${L}
    cross join lateral (values
      (case when g % 10 < 4 then 'email' when g % 10 < 7 then 'phone' when g % 10 < 9 then 'instagram' else 'facebook' end,
       case when g % 10 < 4 then replace(kontakt_fold(f.lat || ' ' || l.lat), ' ', '.') || (g % 1000) || '@' ||
              (array['gmail.com','yahoo.com','hotmail.com','eunet.rs'])[1 + g % 4]
            when g % 10 < 7 then '+3816' || (g % 7) || lpad(((g::bigint * 7) % 10000000)::text, 7, '0')
            when g % 10 < 9 then (17841400000000000 + g)::text
            else (9000000000000 + g)::text end,
       case when g % 10 < 4 then f.lat || ' ' || l.lat
            when g % 10 < 7 then null
            when g % 10 < 9 then replace(kontakt_fold(f.lat || ' ' || l.lat), ' ', '_') || '_' || (g % 100)
            else f.lat || ' ' || l.lat end),
      (case when g % 5 = 0 then 'phone' end, '+38169' || lpad(((g::bigint * 13) % 10000000)::text, 7, '0'), null)
    ) as k(kind, value, display_name)
    where k.kind is not null`),
  );

  // Cases over two years; the script of the case decides the script of its messages.
  await db.execute(
    sql.raw(`
    insert into cases (id, reference, kind, status, priority, category, assignee_id, channel, contact_id, anonymous,
      consent, reporter_role, age_group, language, subject, preview, message_count, created_at, updated_at, last_activity_at)
    select md5('case' || g)::uuid,
      'KC-' || (2024 + (g * 2 - 1) / ${C}) || '-' || lpad(g::text, 6, '0'),
      case when ch = 'web_form' then 'report' when ch = 'phone' then 'call' else 'conversation' end,
      (array['new','open','open','waiting','referred','closed','closed','closed','closed','closed'])[1 + ${hash('g + 1')} % 10],
      (array['urgent','high','normal','normal','normal','low'])[1 + ${hash('g + 2')} % 6],
      (array['illegal_content','integrity','integrity','rights','health','wellbeing','addiction','advice','other', null])[1 + ${hash('g + 3')} % 10],
      case when g % 5 = 4 then null else md5('user' || (1 + g % 20))::uuid end,
      ch,
      case when g % 5 = 0 then null else md5('contact' || (1 + (g::bigint * 7919) % ${K}))::uuid end,
      g % 5 = 0, g % 3 <> 0,
      (array['child','child','parent_guardian','teacher_school_staff','citizen', null])[1 + ${hash('g + 4')} % 6],
      (array['under_9','9_12','13_15','13_15','16_17','adult_unknown', null])[1 + ${hash('g + 5')} % 7],
      case when g % 10 < 3 then 'sr-Cyrl' else 'sr-Latn' end,
      case when ch = 'email' then case when g % 10 < 3 then s.cyr else s.lat end end,
      '', 1 + (g * 7) % 19, t, t, t + ((g % 72) || ' hours')::interval
    from generate_series(1, ${C}) g
    cross join lateral (select (array['email','email','email','web_form','web_form','instagram','instagram','facebook','phone','phone'])[1 + ${hash('g + 6')} % 10] as ch,
      timestamptz '2024-01-01' + (g::double precision / ${C}) * interval '730 days' as t) x
    join bench_subject s on s.i = g % 10`),
  );
  log('cases');
  await seedMessages(db, C, log);
  await seedExtras(db, C);
  log('extras');
  for (const t of ['bench_first', 'bench_last', 'bench_subject', 'bench_in', 'bench_out', 'bench_note'])
    await db.execute(sql.raw(`drop table ${t}`));
  await db.execute(sql`set session_replication_role = origin`);
  await db.execute(sql`set maintenance_work_mem = '512MB'`);
  for (const def of rebuild) await db.execute(sql.raw(def));
  log('indexes');
  await db.execute(sql`analyze`);
  log('analyze');
}

/** The tables whose indexes are built after the load; contact_identities keeps its own (the seeding reads it). */
const BULK_TABLES = ['messages', 'contacts', 'case_tags'];

/** Drop the indexes of the big tables that no constraint owns; returns the statements that make them again. */
async function dropSecondaryIndexes(db: Db): Promise<string[]> {
  const rows = (await db.execute(sql`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.schemaname = 'public' and i.tablename in (${sql.join(
      BULK_TABLES.map((t) => sql`${t}`),
      sql`, `,
    )})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`)) as unknown as {
    rows: { name: string; def: string }[];
  };
  for (const r of rows.rows) await db.execute(sql.raw(`drop index "${r.name}"`));
  return rows.rows.map((r) => r.def);
}

/** The conversations, in slices of cases so that one statement does not hold everything at once. */
async function seedMessages(db: Db, C: number, log: (step: string) => void): Promise<void> {
  const slice = 20_000;
  for (let from = 1; from <= C; from += slice) {
    const to = Math.min(C, from + slice - 1);
    await db.execute(
      sql.raw(`
      insert into messages (id, case_id, direction, channel, external_id, text, subject, fields, author_id,
        created_at, received_at)
      select ('00000000-0000-4000-8000-' || lpad(to_hex(g::bigint * 32 + i), 12, '0'))::uuid, c.id, d.direction,
        case when d.direction = 'note' then 'internal' else c.channel end,
        case when d.direction = 'note' then null else c.reference || '/' || i end,
        case when i = 1 and g % 10 = 1 then (case when d.in_cyr then 'Здраво, ја сам ' else 'Zdravo, ja sam ' end) || split_part(ct.display_name, ' ', 1) || '. ' else '' end
          || case when d.in_cyr then p.cyr else p.lat end
          || case when i = 1 and g % 20 = 3 and ph.value is not null then ' Moj broj je ' ||
                substr(ph.value, 5, 2) || ' ' || substr(ph.value, 7, 3) || ' ' || substr(ph.value, 10) || '.' else '' end
          || case when i = 1 and g % 20 = 7 and ig.display_name is not null then ' Profil: @' || ig.display_name else '' end,
        case when c.channel = 'email' and d.direction <> 'note' then c.subject end,
        case when c.channel = 'web_form' and i = 1 then jsonb_build_object('kind', 'report', 'urls',
                case when g % 3 = 0 then jsonb_build_array('https://www.instagram.com/lazni_profil_' || g || '/') else '[]'::jsonb end)
             when c.channel = 'email' and d.direction = 'inbound' then jsonb_build_object('from', em.value, 'to', jsonb_build_array('pomoc@bench.kontakt'))
        end,
        case when d.direction <> 'inbound' then c.assignee_id end,
        c.created_at + i * interval '5 minutes', c.created_at + i * interval '5 minutes'
      from generate_series(${from}, ${to}) g
      join cases c on c.id = md5('case' || g)::uuid
      left join contacts ct on ct.id = c.contact_id
      left join lateral (select value from contact_identities where contact_id = c.contact_id and kind = 'phone' limit 1) ph on true
      left join lateral (select value from contact_identities where contact_id = c.contact_id and kind = 'email' limit 1) em on true
      left join lateral (select display_name from contact_identities where contact_id = c.contact_id and kind = 'instagram' limit 1) ig on true
      cross join lateral generate_series(1, c.message_count) i
      cross join lateral (select c.language = 'sr-Cyrl' as in_cyr,
        case when i = 1 or i % 2 = 1 and i % 7 <> 0 then 'inbound' when i % 7 = 0 then 'note' else 'outbound' end as direction,
        power(${hash('g * 32 + i')} / 4294967296.0, 2.2) as u) d
      join lateral (
        select lat, cyr from bench_in where d.direction = 'inbound' and i = floor(d.u * ${POOL.inbound})::int
        union all select lat, cyr from bench_out where d.direction = 'outbound' and i = floor(d.u * ${POOL.outbound})::int
        union all select lat, cyr from bench_note where d.direction = 'note' and i = floor(d.u * ${POOL.note})::int
      ) p on true`),
    );
    log(`messages of cases ${from}–${to}`);
  }
  await db.execute(
    sql.raw(`
    update cases c set preview = left(m.text, 160)
    from (select distinct on (case_id) case_id, text from messages order by case_id, created_at desc) m
    where m.case_id = c.id`),
  );
  log('previews');
}

async function seedExtras(db: Db, C: number): Promise<void> {
  const statements = [
    `insert into case_tags (case_id, tag, created_at)
     select md5('case' || g)::uuid, (array['škola','ponovljeni kontakt','policija','roditelj','lažni profil','ucena'])[1 + g % 6], now()
     from generate_series(1, ${C}) g where g % 10 = 2`,
    `insert into referrals (case_id, institution, status, summary, created_at, updated_at)
     select md5('case' || g)::uuid,
       (array['ministry_education','ministry_social_work','ministry_health','ministry_interior','prosecutor_high_tech_crime'])[1 + g % 5],
       'sent', 'Upućeno', now(), now()
     from generate_series(1, ${C}) g where g % 20 = 5`,
    // A screenshot on the first message of one case in 25; one in 1,000 is on the known-hash list.
    `insert into attachments (message_id, file_name, content_type, size, sha256, created_at)
     select m.id, 'snimak-ekrana-' || g || '.png', 'image/png', 1000, md5('file' || g) || md5('file' || g), now()
     from generate_series(1, ${C}) g
     join messages m on m.id = ('00000000-0000-4000-8000-' || lpad(to_hex(g::bigint * 32 + 1), 12, '0'))::uuid
     where g % 25 = 4`,
    `insert into known_hash_matches (attachment_id, case_id, sha256, list_entry, matched_at)
     select a.id, m.case_id, a.sha256, 'bench:1', now()
     from generate_series(1, ${C}) g
     join attachments a on a.file_name = 'snimak-ekrana-' || g || '.png'
     join messages m on m.id = a.message_id
     where g % 1000 = 4`,
  ];
  for (const s of statements) await db.execute(sql.raw(s));
}
