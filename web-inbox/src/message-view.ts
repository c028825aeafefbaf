import type { CaseDetail, MessageView } from '../../src/inbox/contract.ts';
import { callBlock } from './call-message.ts';
import { h } from './dom.ts';
import { fullTime } from './format.ts';
import { type LabelGroup, t } from './i18n/index.ts';
import { label } from './i18n/labels.ts';
import { bodyText, hiddenFiles, messageExtras, translatedDeliveryError } from './message-extras.ts';

interface FormFields {
  kind?: string;
  urls: string[];
  category?: string;
  reporterRole?: string;
  ageGroup?: string;
  language?: string;
}

/** `fields` is free-form JSON from the server; take only what has the expected type. */
function formFields(fields: Record<string, unknown> | null): FormFields | null {
  if (!fields) return null;
  const str = (k: string) => (typeof fields[k] === 'string' ? (fields[k] as string) : undefined);
  const urls = Array.isArray(fields.urls) ? fields.urls.filter((u): u is string => typeof u === 'string') : [];
  const out: FormFields = { urls };
  for (const k of ['kind', 'category', 'reporterRole', 'ageGroup', 'language'] as const) {
    const v = str(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * Reported links may point at abuse material: they are shown as text and can be copied for a
 * referral, never rendered as links, so nobody opens one by a stray click.
 */
function linkList(urls: string[]): HTMLElement {
  return h(
    'div',
    { class: 'reported-links' },
    h('p', { class: 'field-label' }, t('app.links')),
    h(
      'ol',
      {},
      urls.map((url, i) => {
        const code = h('code', { class: 'url' }, url);
        const feedback = h('span', { class: 'copy-feedback', role: 'status' });
        const btn = h(
          'button',
          { type: 'button', class: 'small', 'aria-label': t('app.copyLink', { n: i + 1 }) },
          t('app.copy'),
        );
        btn.addEventListener('click', () => {
          const selectIt = () => {
            const range = document.createRange();
            range.selectNodeContents(code);
            const sel = window.getSelection();
            sel?.removeAllRanges();
            sel?.addRange(range);
            feedback.textContent = t('app.copyFailed');
          };
          if (!navigator.clipboard) {
            selectIt();
            return;
          }
          navigator.clipboard.writeText(url).then(() => {
            feedback.textContent = t('app.copied');
          }, selectIt);
        });
        return h('li', {}, code, btn, feedback);
      }),
    ),
  );
}

function fieldsBlock(f: FormFields): HTMLElement {
  const rows: [string, LabelGroup | null, string | undefined][] = [
    [t('app.reportKind'), 'reportKind', f.kind],
    [t('app.category'), 'category', f.category],
    [t('app.reporterRole'), 'reporterRole', f.reporterRole],
    [t('app.ageGroup'), 'ageGroup', f.ageGroup],
    [t('app.formLanguage'), 'formLanguage', f.language],
  ];
  return h(
    'section',
    { class: 'form-fields', 'aria-label': t('app.formDetails') },
    h(
      'dl',
      {},
      rows
        .filter((r) => r[2] !== undefined)
        .flatMap(([name, group, value]) => [
          h('dt', {}, name),
          h('dd', {}, group && value ? label(group, value) : (value ?? '')),
        ]),
    ),
    f.urls.length > 0 ? linkList(f.urls) : null,
  );
}

function who(m: MessageView, c: CaseDetail): string {
  if (m.direction === 'inbound') {
    if (c.anonymous) return t('app.anonymous');
    return c.contact?.displayName ?? c.contactName ?? t('app.unknownContact');
  }
  return m.authorName ?? '';
}

export function messageArticle(m: MessageView, c: CaseDetail): HTMLElement {
  const kindText =
    m.direction === 'inbound' ? t('app.inbound') : m.direction === 'outbound' ? t('app.outbound') : t('app.note');
  const delivery =
    m.direction === 'outbound' && m.deliveryStatus
      ? h(
          'p',
          { class: `delivery delivery-${m.deliveryStatus}` },
          `${t('app.delivery')}: ${label('delivery', m.deliveryStatus)}`,
          m.deliveryError ? ` — ${translatedDeliveryError(m.deliveryError)}` : null,
        )
      : null;
  const fields = m.channel === 'web_form' && m.direction === 'inbound' ? formFields(m.fields) : null;
  return h(
    'article',
    { class: `message message-${m.direction}`, 'data-message-id': m.id, 'aria-label': kindText },
    h(
      'header',
      { class: 'message-meta' },
      h('span', { class: 'message-kind' }, kindText),
      h('span', { class: 'message-who' }, who(m, c)),
      m.direction === 'note' ? null : h('span', { class: 'channel' }, label('channel', m.channel)),
      h('time', { datetime: m.createdAt }, fullTime(m.createdAt)),
    ),
    m.subject ? h('p', { class: 'message-subject' }, m.subject) : null,
    // Text only: an e-mail's HTML body is never rendered here.
    bodyText(m),
    ...messageExtras(m),
    fields ? fieldsBlock(fields) : null,
    callBlock(m),
    hiddenFiles(m),
    delivery,
  );
}
