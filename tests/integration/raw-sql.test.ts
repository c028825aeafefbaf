import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Store } from '../../src/store/db.ts';
import { runStatement, statement } from '../../src/store/raw-sql.ts';
import { openTestStore } from '../helpers/services.ts';

const INSERT = statement(
  'test_raw_insert',
  `insert into contacts (display_name, created_at, updated_at) values ($1, $2, $2) returning id, display_name as "name"`,
);
const FIND = statement('test_raw_find', `select display_name as "name" from contacts where display_name = $1`);

const found = (db: Db, name: string) => runStatement<{ name: string }>(db, FIND, [name]);

describe.each(['postgres', 'pglite'] as const)('fixed SQL on the handle’s own connection (%s)', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(engine));
  }, 180_000);
  afterAll(async () => {
    await dispose?.();
  });

  it('runs on the pool, and inside a transaction sees and rolls back with that transaction', async () => {
    const committed = `kept ${randomUUID()}`;
    const [row] = await runStatement<{ id: string; name: string }>(store.db, INSERT, [committed, new Date()]);
    expect(row?.name).toBe(committed);
    expect(await found(store.db, committed)).toEqual([{ name: committed }]);

    const rolledBack = `dropped ${randomUUID()}`;
    await expect(
      store.db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        await runStatement(t, INSERT, [rolledBack, new Date()]);
        // The statement ran on the transaction's connection: visible inside it, to drizzle as well.
        expect(await found(t, rolledBack)).toHaveLength(1);
        const seen = await t.execute(sql`select count(*)::int as n from contacts where display_name = ${rolledBack}`);
        expect((seen as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await found(store.db, rolledBack)).toEqual([]);
  });

  it('inside a savepoint, rolls back with the savepoint only', async () => {
    const outer = `outer ${randomUUID()}`;
    const inner = `inner ${randomUUID()}`;
    await store.db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      await runStatement(t, INSERT, [outer, new Date()]);
      await t
        .transaction(async (sp) => {
          await runStatement(sp as unknown as Db, INSERT, [inner, new Date()]);
          throw new Error('savepoint only');
        })
        .catch(() => {});
    });
    expect(await found(store.db, outer)).toHaveLength(1);
    expect(await found(store.db, inner)).toEqual([]);
  });

  it('refuses one name declared with two texts', () => {
    expect(() => statement('test_raw_find', 'select 1')).toThrow(/declared twice/);
    expect(statement('test_raw_find', FIND.text)).toEqual(FIND);
  });
});
