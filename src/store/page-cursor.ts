/**
 * The keyset cursor of the lists ordered by a time and then the id (cases by last activity, links by
 * last report): the last row's (time, id) as base64url JSON, opaque to clients.
 */
export const encodeCursor = (at: string, id: string): string =>
  Buffer.from(JSON.stringify([at, id])).toString('base64url');

/** null for anything this list did not hand out: the caller answers it as a bad cursor. */
export function decodeCursor(cursor: string): { at: Date; id: string } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    const d = new Date(at);
    return Number.isNaN(d.getTime()) ? null : { at: d, id };
  } catch {
    return null;
  }
}
