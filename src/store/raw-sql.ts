import type { Db } from './db.ts';

/**
 * Hand-written statements for the few hottest paths (the channel's acknowledgement, the inbound
 * worker's per-message reads and writes), run on the very connection a drizzle handle stands on:
 * the pool, a transaction's (or savepoint's) connection, or PGlite. Drizzle builds every query
 * again on each call, and on the ingest path that building was a quarter of the server's CPU
 * (`npm run bench ingest` with BENCH_CPU_PROF). Here the SQL text is written once; on PostgreSQL
 * it is also a named prepared statement, parsed and planned once per connection.
 *
 * Only for statements whose SQL is fixed: everything else stays with drizzle.
 */
export interface Statement {
  /** Unique per text: the prepared statement's name on each PostgreSQL connection. */
  name: string;
  text: string;
}

interface PgLike {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}
interface PgliteLike {
  exec(sql: string): Promise<unknown>;
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

const names = new Map<string, string>();

/** Declare a statement; the same name twice with different text is a programming error. */
export function statement(name: string, text: string): Statement {
  const known = names.get(name);
  if (known !== undefined && known !== text) throw new Error(`statement ${name} declared twice with different text`);
  names.set(name, text);
  return { name: `kontakt_${name}`, text };
}

/**
 * The driver client under a drizzle handle (drizzle keeps it as `session.client`: the pool, the
 * connection checked out for a transaction, or PGlite and its transaction).
 */
function clientOf(db: Db): PgLike | PgliteLike {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client || typeof (client as { query?: unknown }).query !== 'function')
    throw new Error('raw-sql: this database handle has no driver client (drizzle internals changed?)');
  return client as PgLike | PgliteLike;
}

const isPglite = (c: PgLike | PgliteLike): c is PgliteLike => typeof (c as PgliteLike).exec === 'function';

/** Run a declared statement with positional parameters; rows come back keyed by column name. */
export async function runStatement<R>(db: Db, s: Statement, values: unknown[]): Promise<R[]> {
  const client = clientOf(db);
  const result = isPglite(client)
    ? await client.query(s.text, values)
    : await client.query({ name: s.name, text: s.text, values });
  return result.rows as R[];
}
