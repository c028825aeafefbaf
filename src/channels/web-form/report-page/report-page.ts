import { randomUUID } from 'node:crypto';
import { DESCRIPTION_MAX, URLS_MAX } from '../../../../connectors/web-form/report-submission.ts';
import { ageLabel, categoryLabel, kindLabel, roleLabel } from '../../../i18n/labels.ts';
import { type Lang, t } from '../../../i18n/messages.ts';
import { escapeHtml } from './escape.ts';
import {
  checkboxField,
  type FieldContext,
  type FormValues,
  fieldValue,
  honeypotField,
  inputField,
  radioField,
  selectField,
  textareaField,
} from './fields.ts';
import { CENTRE_EMAIL, fill, msg, POLICE_NUMBER, policeLink, queryHref, renderDocument } from './layout.ts';

export type ReportKind = 'report' | 'help';

export interface ReportPageOptions {
  lang: Lang;
  kind: ReportKind;
  categories: readonly string[];
  values?: FormValues;
  errors?: readonly { field: string; message: string }[];
  /** Where the form posts without JavaScript, normally '/report'. */
  formAction: string;
}

export interface ReportThanksOptions {
  lang: Lang;
  reference: string;
  receipt: string;
}

const API_PATH = '/api/reports';
const ROLES = ['child', 'parent', 'teacher', 'other'] as const;
const AGES = ['under_9', '9_12', '13_15', '16_17', 'adult_unknown'] as const;
/** Fields a person can see and fix; errors on others are listed without a link. */
const VISIBLE_FIELDS = new Set([
  'description',
  'urls',
  'category',
  'reporterRole',
  'ageGroup',
  'anonymous',
  'email',
  'phone',
  'consent',
]);

function kindSwitcher(lang: Lang, kind: ReportKind): string {
  const tab = (k: ReportKind) => {
    const current = k === kind ? ' aria-current="page"' : '';
    return `<li><a class="kind-tab" href="${queryHref({ kind: k, lang })}"${current}>
<span class="kind-tab-title">${escapeHtml(kindLabel(lang, k))}</span>
<span class="kind-tab-hint">${msg(lang, k === 'report' ? 'kind.report.hint' : 'kind.help.hint')}</span>
</a></li>`;
  };
  return `<nav class="kind-switch" aria-label="${msg(lang, 'kind.nav')}"><ul>
${tab('report')}
${tab('help')}
</ul></nav>`;
}

function errorSummary(lang: Lang, errors: readonly { field: string; message: string }[]): string {
  if (errors.length === 0) return '';
  const items = errors
    .map((e) =>
      VISIBLE_FIELDS.has(e.field)
        ? `<li><a href="#field-${escapeHtml(e.field)}">${escapeHtml(e.message)}</a></li>`
        : `<li>${escapeHtml(e.message)}</li>`,
    )
    .join('\n');
  return `<div class="error-summary" id="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 class="error-summary-title" id="error-summary-title">${msg(lang, 'errors.summaryTitle')}</h2>
<ul class="error-summary-list">
${items}
</ul>
</div>`;
}

function warning(lang: Lang): string {
  return `<section class="warning" aria-labelledby="warning-title">
<h2 class="warning-title" id="warning-title">${msg(lang, 'warning.title')}</h2>
<p>${msg(lang, 'warning.body')}</p>
<p><strong>${msg(lang, 'warning.noUpload')}</strong></p>
</section>`;
}

/** Texts the script needs after the page has loaded, so it carries no dictionary of its own. */
function scriptTexts(lang: Lang, kind: ReportKind): string {
  const texts: Record<string, string> = {
    'thanks-title': t(lang, 'thanks.title'),
    'thanks-intro': t(lang, 'thanks.intro'),
    'thanks-reference': t(lang, 'thanks.reference'),
    'thanks-receipt': t(lang, 'thanks.receipt'),
    'thanks-receipt-note': t(lang, 'thanks.receiptNote'),
    'thanks-next': t(lang, 'thanks.next'),
    'thanks-emergency': t(lang, 'page.emergency', { police: POLICE_NUMBER }),
    'thanks-back': t(lang, 'thanks.back'),
    'error-summary-title': t(lang, 'errors.summaryTitle'),
    'error-prefix': t(lang, 'errors.prefix'),
    sending: t(lang, 'submit.sending'),
    'network-error': t(lang, 'js.networkError'),
    'server-error': t(lang, 'js.serverError', { email: CENTRE_EMAIL }),
    'char-count': t(lang, 'js.charCount'),
  };
  const i18n = Object.entries(texts)
    .map(([k, v]) => ` data-i18n-${k}="${escapeHtml(v)}"`)
    .join('');
  return ` data-api="${escapeHtml(API_PATH)}" data-lang="${escapeHtml(lang)}" data-back-href="${queryHref({ kind, lang })}"${i18n}`;
}

function contactFieldset(ctx: FieldContext, kind: ReportKind): string {
  const { lang } = ctx;
  return `<fieldset class="fieldset contact-details" id="contact-details" aria-describedby="hint-contact">
<legend class="legend">${msg(lang, 'field.contact.legend')}</legend>
<p class="hint" id="hint-contact">${msg(lang, 'field.contact.hint')}</p>
${inputField(ctx, { name: 'email', type: 'email', label: t(lang, 'field.email.label'), autocomplete: 'email', maxLength: 254 })}
${inputField(ctx, { name: 'phone', type: 'tel', label: t(lang, 'field.phone.label'), hint: t(lang, 'field.phone.hint'), autocomplete: 'tel', maxLength: 40 })}
${checkboxField(ctx, { name: 'consent', label: t(lang, kind === 'report' ? 'field.consent.label.report' : 'field.consent.label.help') })}
</fieldset>`;
}

function formFields(ctx: FieldContext, kind: ReportKind, categories: readonly string[]): string[] {
  const { lang } = ctx;
  const urlsHint = t(lang, 'field.urls.hint', { max: URLS_MAX });
  const urls = textareaField(ctx, {
    name: 'urls',
    label: t(lang, kind === 'report' ? 'field.urls.label.report' : 'field.urls.label.help'),
    hint: kind === 'report' ? `${urlsHint} ${t(lang, 'field.urls.hint.report')}` : urlsHint,
    required: false,
    rows: kind === 'report' ? 4 : 3,
    attrs: ' spellcheck="false" autocapitalize="off" autocomplete="off"',
  });
  const description = textareaField(ctx, {
    name: 'description',
    label: t(lang, kind === 'report' ? 'field.description.label.report' : 'field.description.label.help'),
    hint: t(lang, kind === 'report' ? 'field.description.hint.report' : 'field.description.hint.help'),
    required: true,
    rows: kind === 'report' ? 6 : 10,
    maxLength: DESCRIPTION_MAX,
  });
  const category = selectField(ctx, {
    name: 'category',
    label: t(lang, 'field.category.label'),
    hint: t(lang, 'field.category.hint'),
    emptyLabel: t(lang, 'field.category.unsure'),
    choices: categories.map((c) => ({ value: c, label: categoryLabel(lang, c) })),
  });
  const role = radioField(ctx, {
    name: 'reporterRole',
    legend: t(lang, 'field.reporterRole.legend'),
    optional: true,
    choices: ROLES.map((r) => ({ value: r, label: roleLabel(lang, r) })),
    checked: fieldValue(ctx, 'reporterRole'),
  });
  const age = selectField(ctx, {
    name: 'ageGroup',
    label: t(lang, 'field.ageGroup.label'),
    hint: t(lang, 'field.ageGroup.hint'),
    emptyLabel: t(lang, 'field.ageGroup.choose'),
    choices: AGES.map((a) => ({ value: a, label: ageLabel(lang, a) })),
  });
  const anonymous = radioField(ctx, {
    name: 'anonymous',
    legend: t(lang, 'field.anonymous.legend'),
    ...(kind === 'help' && { hint: t(lang, 'field.anonymous.hint.help') }),
    optional: false,
    choices: [
      { value: 'true', label: t(lang, 'field.anonymous.true'), hint: t(lang, 'field.anonymous.true.hint') },
      { value: 'false', label: t(lang, 'field.anonymous.false'), hint: t(lang, 'field.anonymous.false.hint') },
    ],
    checked: /^(off|false|0|no)$/i.test(fieldValue(ctx, 'anonymous').trim()) ? 'false' : 'true',
  });
  // The hotline needs the link first; a person asking for help needs to tell their story first.
  const content =
    kind === 'report' ? [urls, description, category, age, role] : [description, role, age, category, urls];
  return [...content, anonymous, contactFieldset(ctx, kind)];
}

export function renderReportPage(opts: ReportPageOptions): string {
  const { lang, kind } = opts;
  const errors = opts.errors ?? [];
  const byField = new Map<string, string>();
  for (const e of errors) {
    const before = byField.get(e.field);
    byField.set(e.field, before === undefined ? e.message : `${before} ${e.message}`);
  }
  const ctx: FieldContext = { lang, values: opts.values ?? {}, errors: byField };
  const title = t(lang, kind === 'report' ? 'page.title.report' : 'page.title.help');
  const main = `${errorSummary(lang, errors)}
${kindSwitcher(lang, kind)}
<h1 class="page-title">${escapeHtml(title)}</h1>
<p class="lead">${msg(lang, kind === 'report' ? 'page.intro.report' : 'page.intro.help')}</p>
<p class="emergency">${fill(t(lang, 'page.emergency'), { police: policeLink() })}</p>
${warning(lang)}
<form class="report-form" id="report-form" method="post" action="${escapeHtml(opts.formAction)}" enctype="application/x-www-form-urlencoded" accept-charset="utf-8" novalidate${scriptTexts(lang, kind)}>
<input type="hidden" name="kind" value="${escapeHtml(kind)}">
<input type="hidden" name="language" value="${escapeHtml(lang)}">
<input type="hidden" name="submission" value="${escapeHtml(submissionKey(ctx))}">
${formFields(ctx, kind, opts.categories).join('\n')}
${honeypotField(lang)}
<div class="actions">
<button class="button" type="submit">${msg(lang, kind === 'report' ? 'submit.report' : 'submit.help')}</button>
</div>
</form>`;
  return renderDocument({
    lang,
    title: errors.length > 0 ? `${t(lang, 'errors.prefix')} ${title}` : title,
    main,
    switcherKeeps: { kind },
    withScript: true,
  });
}

/** The thank-you content; report.js builds the same from the data-i18n-* attributes. */
function thanksMain(lang: Lang, reference: string, receipt: string): string {
  return `<div class="thanks">
<h1 class="page-title" id="thanks-title">${msg(lang, 'thanks.title')}</h1>
<p class="lead">${msg(lang, 'thanks.intro')}</p>
<dl class="receipt">
<div class="receipt-item">
<dt>${msg(lang, 'thanks.reference')}</dt>
<dd><code class="code-big">${escapeHtml(reference)}</code></dd>
</div>
<div class="receipt-item">
<dt>${msg(lang, 'thanks.receipt')}</dt>
<dd><code class="code-big">${escapeHtml(receipt)}</code></dd>
</div>
</dl>
<p class="notice"><strong>${msg(lang, 'thanks.receiptNote')}</strong></p>
<p>${msg(lang, 'thanks.next')}</p>
<p class="emergency">${fill(t(lang, 'page.emergency'), { police: policeLink() })}</p>
<p><a href="${queryHref({ lang })}">${msg(lang, 'thanks.back')}</a></p>
</div>`;
}

export function renderReportThanks(opts: ReportThanksOptions): string {
  // No language switcher: following it would lose the receipt code, which is shown only once.
  return renderDocument({
    lang: opts.lang,
    title: t(opts.lang, 'thanks.title'),
    main: thanksMain(opts.lang, opts.reference, opts.receipt),
    noIndex: true,
  });
}

/** Kept across a re-shown form (errors), so a repeated post is still the same report. */
function submissionKey(ctx: FieldContext): string {
  const kept = fieldValue(ctx, 'submission');
  return /^[0-9a-f-]{36}$/i.test(kept) ? kept : randomUUID();
}
