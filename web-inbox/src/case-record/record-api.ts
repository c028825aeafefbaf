import { signal } from '@preact/signals';
import type { DescriptionField } from '../../../src/domain/record-fields.ts';
import type { CaseDetail } from '../../../src/inbox/contract.ts';
import { ApiError, request } from '../api.ts';
import type { Lang } from '../i18n/index.ts';

/*
 * The lists a case is described with (GET /api/places, GET /api/subcategories) and the fields admins
 * require before closing (GET/PUT /api/record/settings), as the server answers them (docs/reports.md).
 */

export type Names = Record<Lang, string>;

export interface Municipality {
  code: string;
  district: string;
  names: Names;
  kind: string;
  retired: boolean;
}

export interface District {
  code: string;
  names: Names;
  retired: boolean;
  municipalities: Municipality[];
}

export interface Subcategory {
  code: string;
  category: string;
  labels: Names;
  position: number;
  retired: boolean;
}

export type CaseDescription = CaseDetail['description'];

/** The six fields in the server's order: the server's own list (src/domain/record-fields.ts). */
export { DESCRIPTION_FIELDS, type DescriptionField } from '../../../src/domain/record-fields.ts';

export interface RecordLists {
  districts: District[];
  subcategories: Subcategory[];
  requiredForClose: DescriptionField[];
}

export const recordApi = {
  places: () => request<{ districts: District[] }>('GET', '/api/places'),
  subcategories: () => request<{ items: Subcategory[] }>('GET', '/api/subcategories'),
  settings: () => request<{ requiredForClose: DescriptionField[] }>('GET', '/api/record/settings'),
  setRequired: (requiredForClose: DescriptionField[]) =>
    request<{ requiredForClose: DescriptionField[] }>('PUT', '/api/record/settings', { requiredForClose }),
};

/** Loaded once for the page (every case uses the same lists); null until then, a string when it failed. */
export const recordLists = signal<RecordLists | string | null>(null);
let loading: Promise<void> | null = null;

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/** Fetch the lists (again when `fresh`: an admin changed them here). */
export function loadRecordLists(fresh = false): Promise<void> {
  if (loading && !fresh) return loading;
  loading = (async () => {
    try {
      const [places, subs, settings] = await Promise.all([
        recordApi.places(),
        recordApi.subcategories(),
        recordApi.settings(),
      ]);
      recordLists.value = {
        districts: places.districts,
        subcategories: [...subs.items].sort((a, b) => a.position - b.position || a.code.localeCompare(b.code)),
        requiredForClose: settings.requiredForClose,
      };
    } catch (err) {
      loading = null;
      if (!recordLists.peek() || typeof recordLists.peek() === 'string') recordLists.value = reasonOf(err);
    }
  })();
  return loading;
}
