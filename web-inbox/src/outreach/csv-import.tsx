import { useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { uid } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { type ImportRowError, importCsv } from './outreach-api.ts';

/** Import a spreadsheet saved as CSV: all rows or none; a refusal lists each row's problem. */
export function CsvImport({ onImported }: { onImported(n: number): void }) {
  const id = useMemo(() => uid('outreach-import'), []);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; rows: ImportRowError[] } | null>(null);

  const run = async (ev: Event) => {
    ev.preventDefault();
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      const { imported } = await importCsv(await file.text());
      setResult({ ok: true, text: t('outreach.imported', { n: imported }), rows: [] });
      onImported(imported);
    } catch (err) {
      const body = err instanceof ApiError ? (err.body as { message?: string; rows?: ImportRowError[] } | null) : null;
      const reason = body?.message ?? (err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : String(err));
      setResult({ ok: false, text: t('outreach.importRefused', { reason }), rows: body?.rows ?? [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="outreach-import" onSubmit={run} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('outreach.importTitle')}</h3>
      <p class="hint" id={`${id}-hint`}>
        {t('outreach.importHint')}
      </p>
      <div class="field">
        <label for={`${id}-file`}>{t('outreach.importFile')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${id}-hint`}
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
      </div>
      <button type="submit" class="primary" disabled={!file || busy}>
        {t('outreach.importRun')}
      </button>
      {result ? (
        <p class={result.ok ? 'notice' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      ) : null}
      {result && result.rows.length > 0 ? (
        <table class="import-errors">
          <thead>
            <tr>
              <th scope="col">{t('outreach.row')}</th>
              <th scope="col">{t('outreach.field')}</th>
              <th scope="col">{t('outreach.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => (
              <tr key={`${r.row}-${r.field}`}>
                <td>{r.row}</td>
                <td>{r.field}</td>
                <td>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </form>
  );
}
