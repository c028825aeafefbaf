import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './db.ts';
import { blobs } from './schema/index.ts';

/** Content-addressed quarantine storage: the same bytes are stored once. */
export function createBlobRepository(db: Db) {
  return {
    async put(bytes: Buffer, contentType: string, now = new Date()): Promise<{ sha256: string; size: number }> {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await db
        .insert(blobs)
        .values({ sha256, size: bytes.length, contentType, bytes, createdAt: now })
        .onConflictDoNothing();
      return { sha256, size: bytes.length };
    },

    async get(sha256: string): Promise<{ bytes: Buffer; contentType: string } | undefined> {
      const [row] = await db
        .select({ bytes: blobs.bytes, contentType: blobs.contentType })
        .from(blobs)
        .where(eq(blobs.sha256, sha256));
      return row;
    },
  };
}

export type BlobRepository = ReturnType<typeof createBlobRepository>;
