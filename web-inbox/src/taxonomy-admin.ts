import './stats.css';
import { ApiError } from './api.ts';
import { type Category, categoryApi, setCategories } from './categories.ts';
import { h, replace } from './dom.ts';
import { type Lang, t } from './i18n/index.ts';
import { field, modal } from './phone-dialog.ts';

const LANG_KEYS = [
  ['sr-Latn', 'labelLatn'],
  ['sr-Cyrl', 'labelCyrl'],
  ['en', 'labelEn'],
] as const satisfies readonly (readonly [Lang, 'labelLatn' | 'labelCyrl' | 'labelEn'])[];

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/**
 * Admins' screen for the case taxonomy: rename a category in each language, retire or restore
 * it, add a new one. Codes are shown, never edited. Every change goes to the server (audited
 * there) and the inbox's pickers and labels follow at once.
 */
export function openTaxonomyAdmin(onChanged: () => void): HTMLDialogElement {
  const { dialog, body } = modal(t('taxonomy.taxonomyTitle'), 'taxonomy-admin');
  const status = h('p', { class: 'form-status', role: 'status' });
  const table = h('div', { class: 'taxonomy-table' });
  let items: Category[] = [];

  const show = (text: string, error = false) => {
    status.className = error ? 'form-status error' : 'form-status';
    status.textContent = text;
  };
  const changed = (next: Category[]) => {
    items = next;
    setCategories(items);
    renderTable();
    onChanged();
  };
  const upsert = (c: Category) =>
    changed(items.some((x) => x.code === c.code) ? items.map((x) => (x.code === c.code ? c : x)) : [...items, c]);

  const renderRow = (c: Category) => {
    const inputs = LANG_KEYS.map(([l, key]) =>
      h('input', {
        type: 'text',
        value: c.labels[l],
        maxlength: 120,
        'aria-label': `${t(`taxonomy.${key}`)} — ${c.code}`,
        'data-lang': l,
      }),
    );
    const save = h('button', { type: 'button', class: 'small', 'data-action': 'save' }, t('taxonomy.save'));
    const toggle = h(
      'button',
      { type: 'button', class: 'small', 'data-action': c.retired ? 'restore' : 'retire' },
      t(c.retired ? 'taxonomy.restore' : 'taxonomy.retire'),
    );
    const run = async (patch: { labels?: Partial<Record<Lang, string>>; retired?: boolean }) => {
      save.disabled = true;
      toggle.disabled = true;
      try {
        upsert(await categoryApi.change(c.code, patch));
        show(t('taxonomy.saved'));
      } catch (err) {
        show(t('taxonomy.failed', { reason: reasonOf(err) }), true);
        save.disabled = false;
        toggle.disabled = false;
      }
    };
    save.addEventListener('click', () => {
      const labels: Partial<Record<Lang, string>> = {};
      inputs.forEach((input, i) => {
        const l = LANG_KEYS[i]?.[0];
        if (l && input.value.trim() !== c.labels[l]) labels[l] = input.value;
      });
      void run({ labels });
    });
    toggle.addEventListener('click', () => void run({ retired: !c.retired }));
    return h(
      'tr',
      { 'data-code': c.code, class: c.retired ? 'retired' : undefined },
      h('th', { scope: 'row' }, h('code', {}, c.code)),
      inputs.map((i) => h('td', {}, i)),
      h('td', { class: 'state' }, t(c.retired ? 'taxonomy.retired' : 'taxonomy.active')),
      h('td', { class: 'actions' }, save, ' ', toggle),
    );
  };

  const renderTable = () => {
    replace(
      table,
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('taxonomy.code')),
            LANG_KEYS.map(([, key]) => h('th', { scope: 'col' }, t(`taxonomy.${key}`))),
            h('th', { scope: 'col' }, t('taxonomy.state')),
            h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('taxonomy.save'))),
          ),
        ),
        h('tbody', {}, items.map(renderRow)),
      ),
    );
  };

  const code = h('input', { type: 'text', name: 'code', required: true, maxlength: 48, autocomplete: 'off' });
  const newLabels = LANG_KEYS.map(([l]) =>
    h('input', { type: 'text', name: `label-${l}`, maxlength: 120, required: l !== 'sr-Cyrl' }),
  );
  const addBtn = h('button', { type: 'submit', class: 'primary' }, t('taxonomy.add'));
  const addForm = h(
    'form',
    { class: 'taxonomy-add', novalidate: true },
    h('h3', {}, t('taxonomy.addTitle')),
    field(t('taxonomy.code'), code, t('taxonomy.codeHint')),
    LANG_KEYS.map(([l, key], i) =>
      field(
        t(`taxonomy.${key}`),
        newLabels[i] as HTMLInputElement,
        l === 'sr-Cyrl' ? t('taxonomy.cyrlHint') : undefined,
      ),
    ),
    h('div', { class: 'dialog-actions' }, addBtn),
  );
  addForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const labels: Partial<Record<Lang, string>> = {};
    LANG_KEYS.forEach(([l], i) => {
      const v = newLabels[i]?.value.trim() ?? '';
      if (v || l !== 'sr-Cyrl') labels[l] = v;
    });
    addBtn.disabled = true;
    categoryApi
      .add({ code: code.value.trim(), labels })
      .then((c) => {
        upsert(c);
        addForm.reset();
        show(t('taxonomy.saved'));
      })
      .catch((err) => show(t('taxonomy.failed', { reason: reasonOf(err) }), true))
      .finally(() => {
        addBtn.disabled = false;
      });
  });

  replace(body, h('p', { class: 'hint' }, t('taxonomy.taxonomyIntro')), status, table, addForm);
  show(t('taxonomy.loading'));
  categoryApi.list().then(
    (res) => {
      show('');
      changed(res.items);
    },
    () => show(t('taxonomy.loadFailed'), true),
  );
  return dialog;
}
