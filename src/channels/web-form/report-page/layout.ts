import { LANG_NAMES, LANGS, type Lang, type MessageKey, t } from '../../../i18n/messages.ts';
import { escapeHtml } from './escape.ts';

/** Shared frame of the public report pages: head, header, footer, and small text helpers. */

export const CENTRE_EMAIL = 'bit@mtt.gov.rs';
const CENTRE_SOCIAL = 'Pametno & Bezbedno';
export const POLICE_NUMBER = '192';
const ASSET_BASE = '/report/assets';
/**
 * The page's styles, linked in this order (later files build on the earlier ones): the frame and
 * header, the form and its notices, then the thank-you and status pages and the footer.
 */
export const STYLESHEETS = ['base.css', 'form.css', 'pages.css'] as const;

/** Escape a message, then put trusted HTML (built and escaped by us) in its `{placeholders}`. */
export function fill(template: string, html: Readonly<Record<string, string>>): string {
  return escapeHtml(template).replace(/\{(\w+)\}/g, (whole, name: string) => html[name] ?? whole);
}

export const msg = (lang: Lang, key: MessageKey): string => escapeHtml(t(lang, key));

export const policeLink = (): string =>
  `<a class="phone-link" href="tel:${escapeHtml(POLICE_NUMBER)}">${escapeHtml(POLICE_NUMBER)}</a>`;

const emailLink = (): string => `<a href="mailto:${escapeHtml(CENTRE_EMAIL)}">${escapeHtml(CENTRE_EMAIL)}</a>`;

/** Build a query string for links that stay on the same path (`?a=1&b=2`), escaped for an href. */
export function queryHref(params: Readonly<Record<string, string>>): string {
  return escapeHtml(`?${new URLSearchParams(params).toString()}`);
}

function languageSwitcher(lang: Lang, keep: Readonly<Record<string, string>>): string {
  const items = LANGS.map((l) => {
    const current = l === lang ? ' aria-current="true"' : '';
    return `<li><a href="${queryHref({ lang: l, ...keep })}" hreflang="${escapeHtml(l)}" lang="${escapeHtml(l)}"${current}>${escapeHtml(LANG_NAMES[l])}</a></li>`;
  }).join('');
  return `<nav class="lang-switch" aria-label="${msg(lang, 'lang.nav')}"><ul>${items}</ul></nav>`;
}

function footer(lang: Lang): string {
  const social = `<span lang="sr-Latn">${escapeHtml(CENTRE_SOCIAL)}</span>`;
  return `<footer class="site-footer">
<div class="wrap">
<h2 class="footer-title">${msg(lang, 'site.name')}</h2>
<ul class="footer-list">
<li>${msg(lang, 'footer.available')}</li>
<li>${fill(t(lang, 'footer.email'), { email: emailLink() })}</li>
<li>${fill(t(lang, 'footer.social'), { page: social })}</li>
</ul>
<p class="footer-police"><strong>${fill(t(lang, 'footer.police'), { police: policeLink() })}</strong></p>
</div>
</footer>`;
}

export interface DocumentOptions {
  lang: Lang;
  title: string;
  main: string;
  /** Query parameters the language switcher keeps; omit to hide the switcher. */
  switcherKeeps?: Readonly<Record<string, string>>;
  withScript?: boolean;
  noIndex?: boolean;
}

export function renderDocument(o: DocumentOptions): string {
  const switcher = o.switcherKeeps ? languageSwitcher(o.lang, o.switcherKeeps) : '';
  return `<!doctype html>
<html lang="${escapeHtml(o.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
${o.noIndex ? '<meta name="robots" content="noindex, nofollow">\n' : ''}<title>${escapeHtml(o.title)} — ${msg(o.lang, 'site.name')}</title>
${STYLESHEETS.map((f) => `<link rel="stylesheet" href="${escapeHtml(`${ASSET_BASE}/${f}`)}">\n`).join('')}${o.withScript ? `<script src="${escapeHtml(`${ASSET_BASE}/report.js`)}" defer></script>\n` : ''}</head>
<body>
<a class="skip-link" href="#main">${msg(o.lang, 'site.skipLink')}</a>
<header class="site-header">
<div class="wrap header-inner">
<p class="site-name">${msg(o.lang, 'site.name')}</p>
${switcher}
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
${o.main}
</main>
${footer(o.lang)}
</body>
</html>
`;
}
