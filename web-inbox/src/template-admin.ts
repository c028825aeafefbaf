import { ApiError, type CannedResponse, request } from './api.ts';
import { h, replace, select, uid } from './dom.ts';
import { lang, t } from './i18n/index.ts';
import { languageLabel, outcomeLabel } from './i18n/labels.ts';
import { outcomeApi } from './outcome-dialog.ts';
import { modal } from './phone-dialog.ts';

const LANGUAGES = ['sr-Latn', 'sr-Cyrl', 'en'] as const;

const cannedApi = {
  list: () => request<{ items: CannedResponse[] }>('GET', '/api/canned-responses'),
  add: (c: Omit<CannedResponse, 'id'>) => request<{ id: string }>('POST', '/api/canned-responses', c),
  update: (id: string, c: Omit<CannedResponse, 'id'>) =>
    request<void>('PUT', `/api/canned-responses/${encodeURIComponent(id)}`, c),
  remove: (id: string) => request<void>('DELETE', `/api/canned-responses/${encodeURIComponent(id)}`),
  saveTemplate: (outcome: string, language: string, body: string) =>
    request<void>('PUT', `/api/outcome-templates/${encodeURIComponent(outcome)}/${encodeURIComponent(language)}`, {
      body,
    }),
};

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/** A save button with its own status line: "Saved." or the server's reason. */
function saver(run: () => Promise<void>, text = t('outcome.save')): HTMLElement {
  const button = h('button', { type: 'button', class: 'small' }, text);
  const status = h('span', { class: 'save-status', role: 'status' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.className = 'save-status';
    status.textContent = '';
    try {
      await run();
      status.textContent = t('outcome.saved');
    } catch (err) {
      status.className = 'save-status error';
      status.textContent = t('outcome.failed', { reason: reasonOf(err) });
    } finally {
      button.disabled = false;
    }
  });
  return h('span', { class: 'saver' }, button, ' ', status);
}

/**
 * Supervisors and admins: the outcome messages (one per outcome and language) and the canned
 * responses, advice for parents among them, per language.
 */
export function openTemplateAdmin(): HTMLDialogElement {
  const m = modal(t('outcome.templatesTitle'), 'template-admin');
  let language: string = lang();
  const langId = uid('tpl-lang');
  const langSelect = select(
    { id: langId },
    LANGUAGES.map((l) => ({ value: l, label: languageLabel(l) })),
    language,
  );
  const outcomesEl = h('section', { class: 'outcome-templates' });
  const cannedEl = h('section', { class: 'canned-admin' });
  langSelect.addEventListener('change', () => {
    language = langSelect.value;
    void load();
  });
  replace(
    m.body,
    h('div', { class: 'field' }, h('label', { for: langId }, t('outcome.language')), langSelect),
    outcomesEl,
    cannedEl,
  );

  const textField = (labelText: string, value: string, rows: number, max: number) => {
    const id = uid('tpl');
    const area = h('textarea', { id, rows, maxlength: max });
    area.value = value;
    return { area, el: h('div', { class: 'field' }, h('label', { for: id }, labelText), area) };
  };

  async function load(): Promise<void> {
    try {
      const [templates, canned] = await Promise.all([outcomeApi.templates(), cannedApi.list()]);
      replace(
        outcomesEl,
        h('h3', {}, t('outcome.outcomeTemplates')),
        h('p', { class: 'hint' }, t('outcome.outcomeTemplatesHint')),
        templates.outcomes.map((code) => {
          const body = templates.items.find((t) => t.outcome === code && t.language === language)?.body ?? '';
          const f = textField(outcomeLabel(code), body, 5, 5000);
          f.area.dataset.outcome = code;
          return h(
            'div',
            { class: 'template-row' },
            f.el,
            saver(() => cannedApi.saveTemplate(code, language, f.area.value)),
          );
        }),
      );
      const own = canned.items.filter((c) => c.language === language);
      const title = h('input', { type: 'text', id: uid('canned-title'), maxlength: 120 });
      const body = textField(t('outcome.text'), '', 4, 5000);
      replace(
        cannedEl,
        h('h3', {}, t('outcome.cannedTitle')),
        own.length === 0
          ? h('p', { class: 'muted' }, t('outcome.noCanned'))
          : h(
              'ul',
              { class: 'canned-admin-list' },
              own.map((c) => {
                const title = h('input', { type: 'text', id: uid('canned-title'), maxlength: 120, value: c.title });
                const b = textField(t('outcome.text'), c.body, 4, 5000);
                const del = h('button', { type: 'button', class: 'small danger' }, t('outcome.remove'));
                del.addEventListener('click', async () => {
                  if (!window.confirm(t('outcome.removeConfirm', { title: c.title }))) return;
                  try {
                    await cannedApi.remove(c.id);
                    await load();
                  } catch (err) {
                    window.alert(t('outcome.failed', { reason: reasonOf(err) }));
                  }
                });
                return h(
                  'li',
                  { 'data-canned-id': c.id },
                  h('div', { class: 'field' }, h('label', { for: title.id }, t('outcome.title')), title),
                  b.el,
                  saver(() => cannedApi.update(c.id, { title: title.value, body: b.area.value, language })),
                  ' ',
                  del,
                );
              }),
            ),
        h(
          'div',
          { class: 'canned-add' },
          h('h4', {}, t('outcome.addCanned')),
          h('div', { class: 'field' }, h('label', { for: title.id }, t('outcome.title')), title),
          body.el,
          saver(async () => {
            await cannedApi.add({ title: title.value, body: body.area.value, language });
            await load();
          }, t('outcome.add')),
        ),
      );
    } catch (err) {
      replace(outcomesEl, h('p', { class: 'error', role: 'alert' }, t('outcome.failed', { reason: reasonOf(err) })));
    }
  }
  void load();
  return m.dialog;
}
