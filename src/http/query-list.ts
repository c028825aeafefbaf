import { z } from 'zod';

/**
 * A list in a query string, `?x=a,b` or a repeated `?x=a&x=b`: one trimmed list either way, empty
 * parts dropped, absent when nothing is given; `max` caps how many items one request may name.
 */
export function queryList<T extends z.ZodType>(item: T, max?: number) {
  const items = z.array(item);
  return z.preprocess((v) => {
    if (v === undefined || v === '') return undefined;
    return (Array.isArray(v) ? v : [v])
      .flatMap((s) => String(s).split(','))
      .map((s) => s.trim())
      .filter(Boolean);
  }, (max === undefined ? items : items.max(max)).optional());
}
