import { INSTITUTION_OUTCOMES, type InstitutionOutcome } from '../../domain/referrals.ts';
import { escapeHtml } from '../../http/escape-html.ts';
import { LANG_NAMES, LANGS, type Lang } from '../../i18n/messages.ts';
import type { ReplyLinkState } from './reply-link.repository.ts';
import { REPLY_PATH } from './reply-link.service.ts';
import { type ReplyKey, rt } from './reply-page.messages.ts';

/**
 * The institutions' reply page: server-rendered, no script, the report page's stylesheets (served
 * under the same CSP). Every value goes through escapeHtml, our own texts too.
 */

export const CENTRE_EMAIL = 'bit@mtt.gov.rs';
export const ANSWER_MAX = 5000;
const STYLESHEETS = ['/report/assets/base.css', '/report/assets/form.css', '/report/assets/pages.css'];

const m = (lang: Lang, key: ReplyKey, params?: Record<string, string | number>) => escapeHtml(rt(lang, key, params));
const dateText = (lang: Lang, d: Date) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang === 'sr-Cyrl' ? 'sr-Cyrl-RS' : 'sr-Latn-RS', {
    dateStyle: 'long',
    timeZone: 'Europe/Belgrade',
  }).format(d);
const hrefOf = (params: Record<string, string>) => escapeHtml(`${REPLY_PATH}?${new URLSearchParams(params)}`);

function page(lang: Lang, title: string, main: string, keep?: { t: string }): string {
  const switcher = keep
    ? `<nav class="lang-switch" aria-label="${m(lang, 'langNav')}"><ul>${LANGS.map(
        (l) =>
          `<li><a href="${hrefOf({ t: keep.t, lang: l })}" hreflang="${escapeHtml(l)}" lang="${escapeHtml(l)}"${
            l === lang ? ' aria-current="true"' : ''
          }>${escapeHtml(LANG_NAMES[l])}</a></li>`,
      ).join('')}</ul></nav>`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} — ${m(lang, 'siteName')}</title>
${STYLESHEETS.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n')}
</head>
<body>
<header class="site-header">
<div class="wrap header-inner">
<p class="site-name">${m(lang, 'siteName')}</p>
${switcher}
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
${main}
</main>
</body>
</html>
`;
}

/**
 * The lines the referral e-mail carries under its summary: the link, in Serbian and English (the
 * e-mail's subject is bilingual too), with the day it stops working.
 */
export function mailFooter(url: string, expiresAt: Date): string {
  return [
    rt('sr-Latn', 'mailLine', { date: dateText('sr-Latn', expiresAt) }),
    rt('en', 'mailLine', { date: dateText('en', expiresAt) }),
    url,
  ].join('\n');
}

/** Unknown, malformed and expired links alike: nothing tells which it was. */
export function renderGone(lang: Lang): string {
  return page(
    lang,
    rt(lang, 'goneTitle'),
    `<h1>${m(lang, 'goneTitle')}</h1>\n<p>${m(lang, 'gone', { email: CENTRE_EMAIL })}</p>`,
  );
}

/** A plain message page (a cross-site post refused). */
export function renderNotice(lang: Lang, text: string): string {
  return page(
    lang,
    rt(lang, 'title'),
    `<h1>${m(lang, 'title')}</h1>\n<p class="error-summary" role="alert">${escapeHtml(text)}</p>`,
  );
}

export interface ReplyFormState {
  error?: { field: 'text' | 'outcome'; message: string };
  text?: string;
  outcome?: string;
  /** An answer was already taken (409). */
  alreadyAnswered?: boolean;
}

function confirmSection(lang: Lang, s: ReplyLinkState, token: string): string {
  const body = s.confirmedAt
    ? `<p class="notice" role="status">${m(lang, 'confirmed', { date: dateText(lang, s.confirmedAt) })}</p>`
    : `<form method="post" action="${escapeHtml(REPLY_PATH)}">
<input type="hidden" name="t" value="${escapeHtml(token)}">
<input type="hidden" name="language" value="${escapeHtml(lang)}">
<input type="hidden" name="action" value="confirm">
<button type="submit">${m(lang, 'confirmButton')}</button>
</form>`;
  return `<section aria-labelledby="confirm-title"><h2 id="confirm-title">${m(lang, 'confirmTitle')}</h2>\n${body}</section>`;
}

function answerSection(lang: Lang, s: ReplyLinkState, token: string, f: ReplyFormState): string {
  if (s.answeredAt) {
    const code = s.outcomeCode ? `<p>${m(lang, `outcome.${s.outcomeCode}` as ReplyKey)}</p>` : '';
    const again = f.alreadyAnswered
      ? `<p class="error-summary" role="alert">${m(lang, 'alreadyAnswered', { email: CENTRE_EMAIL })}</p>`
      : '';
    return `<section aria-labelledby="answer-title"><h2 id="answer-title">${m(lang, 'yourAnswer')}</h2>
${again}<p class="notice" role="status">${m(lang, 'answered', { date: dateText(lang, s.answeredAt) })}</p>
${code}<p class="text">${escapeHtml(s.answerText ?? '')}</p></section>`;
  }
  const err = (field: 'text' | 'outcome') =>
    f.error?.field === field
      ? `<p class="field-error" id="error-${field}" role="alert">${escapeHtml(f.error.message)}</p>`
      : '';
  const invalid = (field: 'text' | 'outcome') =>
    f.error?.field === field ? ` aria-invalid="true" aria-describedby="error-${field}"` : '';
  const options = [
    `<option value="">${m(lang, 'outcomeNone')}</option>`,
    ...INSTITUTION_OUTCOMES.map(
      (o: InstitutionOutcome) =>
        `<option value="${escapeHtml(o)}"${f.outcome === o ? ' selected' : ''}>${m(lang, `outcome.${o}`)}</option>`,
    ),
  ].join('');
  return `<section aria-labelledby="answer-title"><h2 id="answer-title">${m(lang, 'answerTitle')}</h2>
<form method="post" action="${escapeHtml(REPLY_PATH)}" novalidate>
<input type="hidden" name="t" value="${escapeHtml(token)}">
<input type="hidden" name="language" value="${escapeHtml(lang)}">
<input type="hidden" name="action" value="answer">
<div class="field${f.error?.field === 'text' ? ' field--error' : ''}">
<label for="text">${m(lang, 'answerLabel')}</label>
<p class="hint">${m(lang, 'answerHint')}</p>
${err('text')}<textarea class="textarea" id="text" name="text" rows="6" maxlength="${ANSWER_MAX}" required${invalid('text')}>${escapeHtml(f.text ?? '')}</textarea>
</div>
<div class="field${f.error?.field === 'outcome' ? ' field--error' : ''}">
<label for="outcome">${m(lang, 'outcomeLabel')}</label>
${err('outcome')}<select id="outcome" name="outcome"${invalid('outcome')}>${options}</select>
</div>
<button type="submit">${m(lang, 'answerButton')}</button>
</form></section>`;
}

export function renderReplyPage(lang: Lang, s: ReplyLinkState, token: string, f: ReplyFormState = {}): string {
  const sent = s.sentAt ? `<p>${m(lang, 'sent', { date: dateText(lang, s.sentAt) })}</p>\n` : '';
  const main = `<h1>${m(lang, 'title')}</h1>
<p>${m(lang, 'intro', { reference: s.reference, institution: s.institution[lang] })}</p>
${sent}<p class="hint">${m(lang, 'noData')} ${m(lang, 'expires', { date: dateText(lang, s.expiresAt) })}</p>
${confirmSection(lang, s, token)}
${answerSection(lang, s, token, f)}`;
  return page(lang, rt(lang, 'title'), main, { t: token });
}
