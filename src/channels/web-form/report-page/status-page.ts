import type { PublicReportStatus } from '../../../domain/report-status.ts';
import type { Lang } from '../../../i18n/messages.ts';
import { type StatusKey, st } from '../../../i18n/report-status.messages.ts';
import { escapeHtml } from './escape.ts';
import { renderDocument } from './layout.ts';

const s = (lang: Lang, key: StatusKey) => escapeHtml(st(lang, key));

const dateText = (lang: Lang, iso: string) =>
  escapeHtml(
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sr-Latn-RS', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Belgrade',
    }).format(new Date(iso)),
  );

/** The form: reference and receipt only. Values are echoed back only after a failed check. */
function form(lang: Lang, values: { reference?: string } = {}): string {
  return `<form class="status-form" method="post" action="/report/status" novalidate>
<input type="hidden" name="language" value="${escapeHtml(lang)}">
<div class="field">
<label for="reference">${s(lang, 'reference')}</label>
<p class="hint" id="reference-hint">${s(lang, 'referenceHint')}</p>
<input id="reference" name="reference" type="text" required maxlength="40" autocomplete="off" aria-describedby="reference-hint" value="${escapeHtml(values.reference ?? '')}">
</div>
<div class="field">
<label for="receipt">${s(lang, 'receipt')}</label>
<p class="hint" id="receipt-hint">${s(lang, 'receiptHint')}</p>
<input id="receipt" name="receipt" type="text" required maxlength="64" autocomplete="off" spellcheck="false" aria-describedby="receipt-hint">
</div>
<button type="submit">${s(lang, 'submit')}</button>
</form>`;
}

export function renderStatusForm(lang: Lang, opts: { notFound?: boolean; reference?: string } = {}): string {
  const error = opts.notFound ? `<p class="error-summary" role="alert">${s(lang, 'notFound')}</p>` : '';
  return renderDocument({
    lang,
    title: st(lang, 'title'),
    main: `<h1>${s(lang, 'title')}</h1>\n<p>${s(lang, 'intro')}</p>\n${error}\n${form(lang, { reference: opts.reference ?? '' })}`,
    // Not after a failed post: the switcher is a plain link and would drop what was typed anyway.
    ...(!opts.notFound && { switcherKeeps: {} }),
    noIndex: true,
  });
}

/** What the add-information form needs: the code again (the page is not cached), and its own key. */
export interface AddFormState {
  receipt: string;
  /** Idempotency key of this form: sending it twice (a reload) adds the text once. */
  key: string;
  added?: boolean;
  error?: string;
  text?: string;
}

function addForm(lang: Lang, r: PublicReportStatus, a: AddFormState): string {
  const done = a.added ? `<p class="notice" role="status">${s(lang, 'addDone')}</p>` : '';
  const error = a.error ? `<p class="field-error" id="error-description" role="alert">${escapeHtml(a.error)}</p>` : '';
  return `<h2 id="add-title">${s(lang, 'addTitle')}</h2>
${done}
<form class="status-add" method="post" action="/report/status/add" aria-labelledby="add-title" novalidate>
<input type="hidden" name="language" value="${escapeHtml(lang)}">
<input type="hidden" name="reference" value="${escapeHtml(r.reference)}">
<input type="hidden" name="receipt" value="${escapeHtml(a.receipt)}">
<input type="hidden" name="key" value="${escapeHtml(a.key)}">
<div class="field${a.error ? ' field--error' : ''}" data-field="description">
<label for="description">${s(lang, 'addLabel')}</label>
<p class="hint" id="description-hint">${s(lang, 'addIntro')}</p>
${error}
<textarea class="textarea" id="description" name="description" rows="6" maxlength="20000" required aria-describedby="description-hint${a.error ? ' error-description' : ''}"${a.error ? ' aria-invalid="true"' : ''}>${escapeHtml(a.added ? '' : (a.text ?? ''))}</textarea>
</div>
<button type="submit">${s(lang, 'addSubmit')}</button>
</form>`;
}

export function renderStatusResult(lang: Lang, r: PublicReportStatus, add?: AddFormState): string {
  const outcome = r.outcome
    ? `<section class="status-outcome" aria-labelledby="outcome-title"><h2 id="outcome-title">${s(lang, 'outcomeTitle')}</h2>
<p class="when">${dateText(lang, r.outcome.at)}</p><p class="text">${escapeHtml(r.outcome.text)}</p></section>`
    : '';
  const messages = r.messages.length
    ? `<ol class="status-messages">${r.messages
        .map((m) => `<li><p class="when">${dateText(lang, m.at)}</p><p class="text">${escapeHtml(m.text)}</p></li>`)
        .join('')}</ol>`
    : `<p>${s(lang, 'noMessages')}</p>`;
  return renderDocument({
    lang,
    title: st(lang, 'title'),
    main: `<h1>${s(lang, 'title')}: ${escapeHtml(r.reference)}</h1>
<dl class="status-facts">
<dt>${s(lang, 'statusLabel')}</dt><dd data-status="${escapeHtml(r.status)}">${s(lang, `status.${r.status}`)}</dd>
<dt>${s(lang, 'receivedAt')}</dt><dd>${dateText(lang, r.receivedAt)}</dd>
<dt>${s(lang, 'updatedAt')}</dt><dd>${dateText(lang, r.updatedAt)}</dd>
</dl>
${outcome}
<h2>${s(lang, 'messagesTitle')}</h2>
${messages}
${add ? addForm(lang, r, add) : ''}
<p><a href="/report/status?lang=${escapeHtml(lang)}">${s(lang, 'checkAnother')}</a></p>`,
    noIndex: true,
  });
}
