import '../case-record/record.css';
import { useEffect, useState } from 'preact/hooks';
import type { CaseDetail } from '../../../src/inbox/contract.ts';
import { ApiError } from '../api.ts';
import { fullTime } from '../format.ts';
import { t } from '../i18n/index.ts';
import { type CaseMarks, type TriageMark, triageApi } from './triage-api.ts';

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

export const markLabel = (m: TriageMark): string => t(`triage.mark_${m}`);

/** The mark that can be said of a case as it stands: an urgent case may have been a false alarm, any other missed. */
export const markFor = (priority: string): TriageMark =>
  priority === 'urgent' ? 'should_not_have_been_urgent' : 'should_have_been_urgent';

/**
 * In the case's side panel: this counselor's mark on how the case was triaged ("should have been
 * urgent" or "should not have been", whichever the case's priority allows), to take back, and the
 * other counselors' marks. The marks carry no words of the case (docs/triage.md).
 */
export function TriageMarkPanel({ detail, meId }: { detail: CaseDetail; meId: string }) {
  const [marks, setMarks] = useState<{ caseId: string; data: CaseMarks } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const caseId = detail.id;
  useEffect(() => {
    let live = true;
    setError(null);
    triageApi.forCase(caseId).then(
      (data) => live && setMarks({ caseId, data }),
      (err) => live && setError(t('triage.loadFailed', { reason: reasonOf(err) })),
    );
    return () => {
      live = false;
    };
  }, [caseId]);
  const data = marks?.caseId === caseId ? marks.data : null;
  const run = async (fn: () => Promise<CaseMarks>) => {
    setBusy(true);
    setError(null);
    try {
      const next = await fn();
      setMarks({ caseId, data: next });
    } catch (err) {
      setError(t('triage.refused', { reason: reasonOf(err) }));
    } finally {
      setBusy(false);
    }
  };
  const offer = markFor(detail.priority);
  const others = data?.marks.filter((m) => m.by.id !== meId) ?? [];
  return (
    <section class="triage-mark" aria-labelledby={`${caseId}-triage`} data-mine={data?.mine ?? undefined}>
      <h3 id={`${caseId}-triage`}>{t('triage.triage')}</h3>
      <div class="triage-actions">
        {data?.mine ? (
          <>
            <span class="triage-mine" role="status">
              {t('triage.markedByMe', { mark: markLabel(data.mine) })}
            </span>
            <button
              type="button"
              class="small"
              data-action="triage-withdraw"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await triageApi.withdraw(caseId);
                  return triageApi.forCase(caseId);
                })
              }
            >
              {t('triage.withdraw')}
            </button>
          </>
        ) : null}
        {data && data.mine !== offer ? (
          <button
            type="button"
            class="small"
            data-action={`triage-${offer}`}
            disabled={busy}
            title={t('triage.markHint')}
            onClick={() => void run(() => triageApi.mark(caseId, offer))}
          >
            {markLabel(offer)}
          </button>
        ) : null}
      </div>
      {others.length > 0 ? (
        <ul class="triage-marks">
          {others.map((m) => (
            <li key={m.by.id}>
              {t('triage.markedBy', { mark: markLabel(m.mark), name: m.by.name ?? '—', time: fullTime(m.at) })}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
