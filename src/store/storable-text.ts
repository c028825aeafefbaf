/**
 * PostgreSQL (and PGlite) cannot hold two things a JavaScript string can: U+0000 (refused in
 * `text` and in `jsonb`) and lone UTF-16 surrogates (no UTF-8 form; refused in `jsonb`, turned
 * into U+FFFD in `text`). Public input may carry both (a JSON body can escape them), and a write
 * that fails on them would fail on every retry: so what is stored drops U+0000 and has each lone
 * surrogate replaced by U+FFFD. Every other character is kept exactly as received.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function storableString(s: string): string {
  return s.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/** The same for every string (and key) inside plain data: arrays and plain objects; others untouched. */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return storableString(value) as T;
  if (Array.isArray(value)) return value.map((v) => storable(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[storableString(k)] = storable(v);
    return out as T;
  }
  return value;
}
