import { ApiError } from '../api.ts';
import { t } from '../i18n/index.ts';
import { DESCRIPTION_FIELDS, type DescriptionField } from './record-api.ts';

/** The name of a record field (or the category) as the counselor reads it. */
export const fieldLabel = (field: DescriptionField | 'category'): string =>
  field === 'category' ? t('record.category') : t(`record.${field}`);

/**
 * What the server said is missing when it refused to close a case: the record fields admins require
 * (`{ field, message: "required before the case is closed" }`) and the category. Empty when the
 * refusal was about something else too (that is said as the server said it).
 */
export function missingOnClose(err: unknown): (DescriptionField | 'category')[] {
  if (!(err instanceof ApiError) || err.status !== 400) return [];
  const fields = (err.body as { fields?: { field?: unknown; message?: unknown }[] } | null)?.fields;
  if (!Array.isArray(fields) || fields.length === 0) return [];
  const out: (DescriptionField | 'category')[] = [];
  for (const f of fields) {
    const name = String(f.field ?? '');
    const message = String(f.message ?? '');
    if ((DESCRIPTION_FIELDS as readonly string[]).includes(name) && message.startsWith('required before'))
      out.push(name as DescriptionField);
    else if (name === 'category' && message.includes('cannot be closed')) out.push('category');
    else return [];
  }
  return out;
}

/** A refused change in the counselor's words: for a refused close, what is still missing. */
export function refusalText(err: unknown): string {
  const missing = missingOnClose(err);
  if (missing.length > 0) return t('record.closeRefused', { fields: missing.map(fieldLabel).join(', ') });
  const reason =
    err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);
  return t('app.refused', { reason });
}
