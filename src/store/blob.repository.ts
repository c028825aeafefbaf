import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './db.ts';
import { blobs } from './schema/index.ts';

export const blobKey = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Store bytes once under their sha256 (inside a caller's transaction when given one). */
export async function putBlob(db: Db, bytes: Buffer, contentType: string, now = new Date()) {
  const sha256 = blobKey(bytes);
  await db
    .insert(blobs)
    .values({ sha256, size: bytes.length, contentType, bytes, createdAt: now })
    .onConflictDoNothing();
  return { sha256, size: bytes.length };
}

/** Content-addressed quarantine storage: the same bytes are stored once. */
export function createBlobRepository(db: Db) {
  return {
    put: (bytes: Buffer, contentType: string, now = new Date()) => putBlob(db, bytes, contentType, now),

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
