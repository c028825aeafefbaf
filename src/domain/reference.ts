/** KC-<year>-<sequence>: six digits or more (the sequence may outgrow them). */
const REFERENCE = 'KC-\\d{4}-\\d{6,}';
/**
 * A whole string that is a case reference (a link, a route parameter). Imports nothing: the web
 * inbox's router reads links with the very rule the server's routes check them with.
 */
export const CASE_REFERENCE = new RegExp(`^${REFERENCE}$`);
const REFERENCE_IN_TEXT = new RegExp(`\\b${REFERENCE}\\b`);

export function formatReference(year: number, seq: number): string {
  return `KC-${year}-${String(seq).padStart(6, '0')}`;
}

/** The case reference quoted anywhere in a text (an e-mail subject "[KC-2026-000123]"). */
export function findReference(text: string | undefined): string | undefined {
  return text ? REFERENCE_IN_TEXT.exec(text)?.[0] : undefined;
}
