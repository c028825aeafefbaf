import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/channels/web-form/report-page/escape.ts';
import { STYLESHEETS } from '../../src/channels/web-form/report-page/layout.ts';
import {
  type ReportPageOptions,
  renderReportPage,
  renderReportThanks,
} from '../../src/channels/web-form/report-page/report-page.ts';
import { DEFAULT_CATEGORIES } from '../../src/domain/taxonomy.ts';
import { LANGS, t } from '../../src/i18n/messages.ts';

const ASSETS_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../src/channels/web-form/report-page/assets',
);

const page = (o: Partial<ReportPageOptions> = {}) =>
  renderReportPage({ lang: 'sr-Latn', kind: 'report', categories: DEFAULT_CATEGORIES, formAction: '/report', ...o });

const FIELD_NAMES = [
  'kind',
  'language',
  'description',
  'urls',
  'category',
  'reporterRole',
  'ageGroup',
  'anonymous',
  'email',
  'phone',
  'consent',
  'website',
];
const XSS_SCRIPT = '<script>alert(1)</script>';
const XSS_ATTR = '"><img src=x onerror=alert(1)>';

/** The opening tag of the element with this id. */
const tagWithId = (html: string, id: string) => html.match(new RegExp(`<[a-z]+\\b[^>]*\\bid="${id}"[^>]*>`))?.[0] ?? '';

describe('escapeHtml', () => {
  it('escapes the six dangerous characters', () => {
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('the report page stylesheets', () => {
  it('are linked in order, every one of them, and each is a file the assets route serves', () => {
    const onDisk = fs.readdirSync(ASSETS_DIR).filter((f) => f.endsWith('.css'));
    expect([...STYLESHEETS].sort()).toEqual(onDisk.sort());
    for (const f of STYLESHEETS)
      expect(fs.readFileSync(path.join(ASSETS_DIR, f), 'utf8').split('\n').length).toBeLessThan(350);
  });
});

describe('renderReportPage', () => {
  it('is a complete document with the right language, viewport and external assets only', () => {
    for (const lang of LANGS) {
      const html = page({ lang });
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      const styles = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
      expect(styles).toEqual(['/report/assets/base.css', '/report/assets/form.css', '/report/assets/pages.css']);
      expect(html).toContain('<script src="/report/assets/report.js" defer></script>');
      // A strict CSP forbids inline styles and scripts.
      expect(html).not.toMatch(/<style|\sstyle=|<script(?![^>]*\ssrc=)|\son[a-z]+=/i);
    }
  });

  it('has every field, and every visible control has a label', () => {
    const html = page();
    for (const name of FIELD_NAMES) expect(html, name).toContain(`name="${name}"`);
    const controls = [...html.matchAll(/<(?:input|textarea|select)\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => !tag.includes('type="hidden"'));
    expect(controls.length).toBeGreaterThan(10);
    for (const tag of controls) {
      const id = tag.match(/\bid="([^"]+)"/)?.[1];
      expect(id, tag).toBeDefined();
      expect(html, tag).toMatch(new RegExp(`<label[^>]*\\bfor="${id}"[^>]*>[^<]*\\S`));
    }
    // Radio groups are fieldsets with a legend.
    expect(html).toMatch(/<fieldset[^>]*>\s*<legend[^>]*>Ko popunjava obrazac\?/);
    expect(html).toMatch(/<fieldset[^>]*>\s*<legend[^>]*>Da li želite da ostanete anonimni\?/);
  });

  it('posts a plain form to formAction, with kind and language hidden', () => {
    const html = page({ kind: 'help', lang: 'en', formAction: '/report' });
    expect(html).toMatch(
      /<form[^>]*method="post"[^>]*action="\/report"[^>]*enctype="application\/x-www-form-urlencoded"/,
    );
    expect(html).toContain('<input type="hidden" name="kind" value="help">');
    expect(html).toContain('<input type="hidden" name="language" value="en">');
    expect(html).toMatch(/<textarea[^>]*name="description"[^>]*maxlength="20000"[^>]*required/);
    expect(html).toContain('type="email" id="field-email" name="email"');
    expect(html).toContain('type="tel" id="field-phone" name="phone"');
    expect(html).toMatch(/type="checkbox" id="field-consent" name="consent" value="true"/);
    expect(html).toMatch(/type="radio" id="field-anonymous" name="anonymous" value="true" checked/);
    expect(html).toMatch(/type="radio" id="field-anonymous-false" name="anonymous" value="false"(?! checked)/);
    expect(html).not.toContain('type="file"');
  });

  it('hides the honeypot from people', () => {
    const html = page();
    expect(html).toMatch(
      /<div class="hp" aria-hidden="true">\s*<label for="field-website">[^<]+<\/label>\s*<input[^>]*name="website"[^>]*>/,
    );
    const input = tagWithId(html, 'field-website');
    expect(input).toContain('tabindex="-1"');
    expect(input).toContain('autocomplete="off"');
  });

  it('asks for the link first on the hotline form and the story first on the help form', () => {
    const report = page({ kind: 'report' });
    expect(report.indexOf('name="urls"')).toBeLessThan(report.indexOf('name="description"'));
    const help = page({ kind: 'help' });
    expect(help.indexOf('name="description"')).toBeLessThan(help.indexOf('name="urls"'));
  });

  it('offers both forms and all languages as plain links', () => {
    const html = page({ kind: 'help', lang: 'sr-Cyrl' });
    expect(html).toMatch(/<a class="kind-tab" href="\?kind=help&amp;lang=sr-Cyrl" aria-current="page">/);
    expect(html).toMatch(/<a class="kind-tab" href="\?kind=report&amp;lang=sr-Cyrl">/);
    expect(html).toContain('href="?lang=sr-Latn&amp;kind=help"');
    expect(html).toContain('href="?lang=en&amp;kind=help"');
    expect(html).toMatch(/href="\?lang=sr-Cyrl&amp;kind=help"[^>]*aria-current="true"/);
  });

  it('lists the categories in the given order after a "not sure" option', () => {
    const html = page({ lang: 'en', categories: ['health', 'illegal_content'] });
    const select = html.match(/<select[^>]*name="category"[^>]*>([\s\S]*?)<\/select>/)?.[1] ?? '';
    const values = [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(values).toEqual(['', 'health', 'illegal_content']);
    expect(select).toContain('<option value="" selected>Not sure</option>');
  });

  it('warns never to send images, and shows the centre and the police number', () => {
    const html = page({ lang: 'en' });
    expect(html).toContain(t('en', 'warning.title'));
    expect(html).toContain('no way to attach files');
    expect(html).toContain('<a href="mailto:bit@mtt.gov.rs">bit@mtt.gov.rs</a>');
    expect(html).toContain('Pametno &amp; Bezbedno');
    expect(html).toContain('24 hours a day, 7 days a week');
    expect(html).toContain('<a class="phone-link" href="tel:192">192</a>');
    expect(html).toContain('National Contact Centre for Child Safety on the Internet');
  });

  it('re-fills submitted values', () => {
    const html = page({
      values: {
        urls: ['https://a.example/1', 'https://b.example/2'],
        description: 'Neko mi preti.',
        category: 'health',
        reporterRole: 'parent',
        ageGroup: '13_15',
        anonymous: 'false',
        email: 'roditelj@example.com',
        consent: 'true',
      },
    });
    expect(html).toMatch(/name="urls"[^>]*>\nhttps:\/\/a\.example\/1\nhttps:\/\/b\.example\/2<\/textarea>/);
    expect(html).toMatch(/name="description"[^>]*>\nNeko mi preti\.<\/textarea>/);
    expect(html).toContain('<option value="health" selected>');
    expect(html).toContain('<option value="13_15" selected>');
    expect(tagWithId(html, 'field-reporterRole-parent')).toContain(' checked');
    expect(tagWithId(html, 'field-anonymous-false')).toContain(' checked');
    expect(tagWithId(html, 'field-anonymous')).not.toContain(' checked');
    expect(tagWithId(html, 'field-email')).toContain('value="roditelj@example.com"');
    expect(tagWithId(html, 'field-consent')).toContain(' checked');
  });

  it('escapes everything it re-fills', () => {
    const html = page({
      values: {
        description: XSS_SCRIPT,
        urls: XSS_ATTR,
        email: XSS_ATTR,
        phone: XSS_SCRIPT,
        category: XSS_ATTR,
        reporterRole: XSS_ATTR,
        website: XSS_SCRIPT,
      },
      errors: [{ field: 'email', message: XSS_SCRIPT }],
      formAction: `/report${XSS_ATTR}`,
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(tagWithId(html, 'field-email')).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(tagWithId(html, 'field-website')).toContain('value=""');
  });

  it('shows errors in a summary and next to their fields', () => {
    const errors = [
      { field: 'email', message: 'Unesite ispravnu adresu e-pošte.' },
      { field: 'consent', message: 'Potrebna nam je vaša saglasnost.' },
      { field: 'body', message: 'Zahtev nije u ispravnom obliku.' },
    ];
    const html = page({ values: { anonymous: 'false', email: 'nije-adresa' }, errors });
    expect(html).toMatch(/<title>Greška: /);
    const summary = html.match(/<div class="error-summary"[^>]*role="alert"[^>]*>[\s\S]*?<\/div>/)?.[0] ?? '';
    expect(summary).toContain('<a href="#field-email">Unesite ispravnu adresu e-pošte.</a>');
    expect(summary).toContain('<a href="#field-consent">Potrebna nam je vaša saglasnost.</a>');
    expect(summary).toContain('<li>Zahtev nije u ispravnom obliku.</li>');
    expect(html.indexOf('class="error-summary"')).toBeLessThan(html.indexOf('<form'));

    const email = tagWithId(html, 'field-email');
    expect(email).toContain('aria-invalid="true"');
    expect(email).toMatch(/aria-describedby="[^"]*\berror-email\b/);
    expect(html).toMatch(/<p class="field-error" id="error-email">.*Unesite ispravnu adresu e-pošte\.<\/p>/);
    expect(tagWithId(html, 'field-consent')).toContain('aria-invalid="true"');
    expect(tagWithId(html, 'field-phone')).not.toContain('aria-invalid');
  });

  it('renders the Cyrillic page in Cyrillic', () => {
    const html = page({ lang: 'sr-Cyrl' });
    expect(html).toContain('Пријава');
    expect(html).toContain('Никада не шаљите слике ни снимке злостављања деце');
    expect(html).not.toContain('Prijava');
    expect(html).toContain('Фејсбук и Инстаграм');
  });

  it('gives the script its texts as data attributes', () => {
    const html = page({ lang: 'en' });
    expect(html).toContain(`data-i18n-thanks-title="${t('en', 'thanks.title')}"`);
    expect(html).toContain('data-api="/api/reports"');
    expect(html).toContain('data-lang="en"');
  });
});

describe('renderReportThanks', () => {
  it('shows the reference and the receipt code, and says the code is shown once', () => {
    const html = renderReportThanks({ lang: 'sr-Latn', reference: 'KC-2026-000123', receipt: 'K7QX-3MPA-9RTE-H2WD' });
    expect(html).toContain('<code class="code-big">KC-2026-000123</code>');
    expect(html).toContain('<code class="code-big">K7QX-3MPA-9RTE-H2WD</code>');
    expect(html).toContain('samo jednom');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).not.toContain('<form');
    expect(html).not.toContain('class="lang-switch"');
  });

  it('keeps the reference untransliterated on the Cyrillic page and escapes it', () => {
    const html = renderReportThanks({ lang: 'sr-Cyrl', reference: 'KC-2026-000123', receipt: `<b>${XSS_ATTR}` });
    expect(html).toContain('KC-2026-000123');
    expect(html).toContain('Код потврде');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<img');
  });
});
