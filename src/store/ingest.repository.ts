import type { IngestUnitOfWork } from '../domain/ingest.service.ts';
import type { Db } from './db.ts';
import { type PrefetchKey, prefetchBatch } from './ingest-prefetch.ts';
import { MARK_APPLIED_MANY } from './ingest-statements.ts';
import { type DeferredMarks, ingestTx } from './ingest-tx.ts';
import { runStatement } from './raw-sql.ts';
import { ensureReferenceSequences } from './reference-sequence.ts';

/*
 * The ingest transaction: one envelope's unit of work, or a batch of them in one transaction.
 * What a unit of work reads and writes is in ingest-tx.ts; its first reads, made ahead in one
 * round trip, in ingest-prefetch.ts; the fixed SQL of the hot path in ingest-statements.ts.
 */

async function writeMarks(db: Db, deferred: DeferredMarks): Promise<void> {
  if (deferred.marks.length === 0) return;
  await runStatement(db, MARK_APPLIED_MANY, [JSON.stringify(deferred.marks)]);
  deferred.marks = [];
}

export function createIngestUnitOfWork(db: Db): IngestUnitOfWork {
  return {
    run: async (fn) => {
      await ensureReferenceSequences(db);
      return db.transaction((tx) => fn(ingestTx(tx)));
    },
  };
}

/** A batch run without savepoints hit an error: it was rolled back whole, to be run again with them. */
export class BatchAborted extends Error {
  constructor(readonly reason: unknown) {
    super('ingest batch rolled back; run it again with savepoints');
    this.name = 'BatchAborted';
  }
}

/**
 * Several envelopes in one transaction. With `savepoints`, each envelope's unit of work is a
 * savepoint: one that fails rolls back alone and the others still commit together. Without, the
 * batch saves those round trips, and the first error rolls back the whole batch and rejects with
 * BatchAborted (every later unit of work fails at once) so the caller can run it again with
 * savepoints. Nothing of the batch is visible (and no event may be published) until `batch` resolves.
 */
export interface BatchIngest {
  /**
   * `prefetch`: the batch's messages, in the order they will be applied. Their first reads are then
   * made in one round trip at the start (see prefetchBatch) instead of one per message.
   */
  batch<T>(
    fn: (uow: IngestUnitOfWork) => Promise<T>,
    opts: { savepoints: boolean; prefetch?: PrefetchKey[] },
  ): Promise<T>;
}

export function createBatchIngest(db: Db): BatchIngest {
  return {
    batch: async (fn, opts) => {
      await ensureReferenceSequences(db);
      return db.transaction(async (t) => {
        const batchMarks: DeferredMarks = { marks: [] };
        const pre = opts.prefetch && opts.prefetch.length > 1 ? await prefetchBatch(t, opts.prefetch) : undefined;
        if (opts.savepoints) {
          const result = await fn({
            run: (apply) =>
              t.transaction(async (savepoint) => {
                // A unit of work that rolls back to its savepoint takes its marks with it.
                const own: DeferredMarks = { marks: [] };
                const value = await apply(ingestTx(savepoint, own, pre));
                batchMarks.marks.push(...own.marks);
                return value;
              }),
          });
          await writeMarks(t, batchMarks);
          return result;
        }
        let failed: { err: unknown } | null = null;
        const result = await fn({
          run: async (apply) => {
            if (failed) throw failed.err;
            try {
              return await apply(ingestTx(t, batchMarks, pre));
            } catch (err) {
              failed = { err };
              throw err;
            }
          },
        });
        if (failed) throw new BatchAborted((failed as { err: unknown }).err);
        await writeMarks(t, batchMarks);
        return result;
      });
    },
  };
}
