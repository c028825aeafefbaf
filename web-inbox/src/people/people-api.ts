import type {
  Carried,
  CaseSummary,
  MessageView,
  PersonChange,
  PersonNote,
  PersonPage,
  SplitResult,
} from '../../../src/inbox/contract.ts';
import { ApiError, request } from '../api.ts';
import { isKey, t } from '../i18n/index.ts';

export type { PersonPage };

const enc = encodeURIComponent;

/** The contact page, linking and splitting a person, merging a case and moving a message. */
export const peopleApi = {
  page: (contactId: string) => request<PersonPage>('GET', `/api/contacts/${enc(contactId)}`),
  addNote: (contactId: string, text: string) =>
    request<PersonNote>('POST', `/api/contacts/${enc(contactId)}/notes`, { text }),
  link: (contactId: string, otherContactId: string, reason: string) =>
    request<PersonChange>('POST', `/api/contacts/${enc(contactId)}/link`, { otherContactId, reason }),
  split: (contactId: string, identityIds: string[], reason?: string) =>
    request<SplitResult>('POST', `/api/contacts/${enc(contactId)}/split`, {
      identityIds,
      ...(reason ? { reason } : {}),
    }),
  merge: (caseId: string, intoCaseId: string) =>
    request<{ merged: CaseSummary; into: CaseSummary; carried: Carried }>('POST', `/api/cases/${enc(caseId)}/merge`, {
      intoCaseId,
    }),
  moveMessage: (messageId: string, toCaseId: string) =>
    request<{ message: MessageView; from: CaseSummary; to: CaseSummary }>(
      'POST',
      `/api/messages/${enc(messageId)}/move`,
      { toCaseId },
    ),
};

/** Why the server refused, in the counselor's words: a known refusal code, else the server's own reason. */
export function refusalText(err: unknown): string {
  if (err instanceof ApiError) {
    const code = (err.body as { error?: unknown } | null)?.error;
    const key = typeof code === 'string' ? `people.why_${code}` : '';
    const reason = key && isKey(key) ? t(key) : (err.reason ?? `HTTP ${err.status}`);
    return t('people.refused', { reason });
  }
  return t('people.refused', { reason: err instanceof Error ? err.message : String(err) });
}
