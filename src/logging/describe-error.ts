/**
 * A one-line reason for a dead letter or a log line. Query errors from drizzle carry the SQL
 * parameters (message bodies, addresses) in their message, so the driver's own cause is used instead.
 */
export function describeError(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e instanceof Error; depth++) {
    if (e.name === 'DrizzleQueryError' || e.message.startsWith('Failed query:')) {
      if (e.cause instanceof Error) {
        e = e.cause;
        continue;
      }
      return 'database query failed';
    }
    const code = (e as { code?: unknown }).code;
    return `${e.name}: ${e.message}${typeof code === 'string' ? ` (${code})` : ''}`.slice(0, 1000);
  }
  return String(e).slice(0, 1000);
}
