import { ApiError } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { t } from './i18n/index.ts';
import { type ImportReport, phoneApi } from './phone-api.ts';
import { field, modal } from './phone-dialog.ts';

const FORMATS = ['asterisk', 'generic'] as const;

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/**
 * Supervisors' upload of a PBX call log. The file is read here and sent as text; the server parses
 * it and answers with a report, which is shown as a table. Importing the same file again is harmless.
 */
export function openCallImport(): HTMLDialogElement {
  const { dialog, body, close } = modal(t('phone.importTitle'), 'call-import');
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv,text/plain' });
  const group = uid('format');
  const radios = FORMATS.map((f) => {
    const input = h('input', { type: 'radio', name: group, id: uid(`format-${f}`), value: f });
    input.checked = f === 'asterisk';
    return h('span', { class: 'radio' }, input, h('label', { for: input.id }, t(`phone.format_${f}`)));
  });
  const status = h('p', { class: 'form-status', role: 'status' });
  const report = h('div', { class: 'import-report' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('phone.importRun'));
  const cancel = h('button', { type: 'button' }, t('phone.close'));
  cancel.addEventListener('click', close);
  const form = h(
    'form',
    { class: 'call-import-form', novalidate: true },
    field(t('phone.importFile'), file),
    h('fieldset', { class: 'formats' }, h('legend', {}, t('phone.importFormat')), radios),
    status,
    h('div', { class: 'dialog-actions' }, submit, cancel),
  );
  replace(body, form, report);
  file.focus();

  let busy = false;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy) return;
    const chosen = file.files?.[0];
    status.className = 'form-status';
    if (!chosen) {
      status.className = 'form-status error';
      status.textContent = t('phone.importNoFile');
      file.focus();
      return;
    }
    const format =
      form.querySelector<HTMLInputElement>(`input[name="${group}"]:checked`)?.value === 'generic'
        ? 'generic'
        : 'asterisk';
    busy = true;
    submit.disabled = true;
    status.textContent = t('phone.importing');
    replace(report);
    void (async () => {
      try {
        const result = await phoneApi.importCalls(format, await chosen.text());
        status.textContent = '';
        replace(report, reportTable(result));
        report.querySelector<HTMLElement>('h3')?.focus();
      } catch (err) {
        status.className = 'form-status error';
        status.textContent = t('phone.importFailed', { reason: reasonOf(err) });
      } finally {
        busy = false;
        submit.disabled = false;
      }
    })();
  });
  return dialog;
}

function reportTable(r: ImportReport): HTMLElement[] {
  const counts: [string, number][] = [
    ...(['rows', 'imported', 'updated', 'unchanged'] as const).map((k): [string, number] => [
      t(`phone.rep_${k}`),
      r[k],
    ]),
    [t('phone.rep_rejected'), r.rejected.length],
  ];
  return [
    h('h3', { tabindex: -1 }, t('phone.importReport')),
    h(
      'table',
      { class: 'import-counts' },
      h(
        'tbody',
        {},
        counts.map(([name, n]) => h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, String(n)))),
      ),
    ),
    r.rejected.length === 0
      ? h('p', { class: 'muted' }, t('phone.noRejected'))
      : h(
          'table',
          { class: 'import-rejected' },
          h('caption', {}, t('phone.rejectedRows')),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('phone.line')),
              h('th', { scope: 'col' }, t('phone.callId')),
              h('th', { scope: 'col' }, t('phone.reason')),
            ),
          ),
          h(
            'tbody',
            {},
            r.rejected.map((row) =>
              h(
                'tr',
                { 'data-line': row.line },
                h('td', {}, String(row.line)),
                h('td', {}, row.callId ?? '—'),
                h('td', {}, row.reason),
              ),
            ),
          ),
        ),
  ];
}
