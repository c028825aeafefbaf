import { ApiError } from './api.ts';
import { h, replace } from './dom.ts';
import { fullTime } from './format.ts';
import { t } from './i18n/index.ts';
import { field, modal } from './phone-dialog.ts';
import { type InstitutionView, referralApi } from './referral-api.ts';
import { institutionName } from './referral-dialog.ts';

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/** Supervisors: referrals not acknowledged in time, oldest first; a click opens the case. */
export async function openOverdueDialog(openCase: (id: string) => void): Promise<void> {
  const m = modal(t('referral.overdueList'), 'referral-overdue-dialog');
  try {
    const { items } = await referralApi.overdue();
    if (items.length === 0) {
      m.body.append(h('p', { class: 'muted' }, t('referral.overdueNone')));
      return;
    }
    m.body.append(
      h(
        'ul',
        { class: 'referral-overdue' },
        items.map((r) => {
          const b = h('button', { type: 'button', class: 'small' }, r.caseReference);
          b.addEventListener('click', () => {
            m.close();
            openCase(r.caseId);
          });
          return h(
            'li',
            {},
            b,
            ' ',
            institutionName(r.institution.names),
            ' — ',
            r.sentAt ? fullTime(r.sentAt) : '',
            r.createdBy ? ` (${r.createdBy.name})` : '',
          );
        }),
      ),
    );
  } catch (err) {
    m.body.append(h('p', { class: 'error', role: 'alert' }, t('referral.refused', { reason: reasonOf(err) })));
  }
}

/** Admins: rename, re-address, retire or bring back institutions, and add new ones. */
export async function openInstitutionsDialog(): Promise<void> {
  const m = modal(t('referral.institutions'), 'institutions-dialog');
  const list = h('ul', { class: 'institutions' });
  const error = h('p', { class: 'error', role: 'alert' });
  const reload = async () => {
    try {
      const { items } = await referralApi.institutions(true);
      replace(
        list,
        items.map((i) => row(i)),
      );
    } catch (err) {
      error.textContent = t('referral.refused', { reason: reasonOf(err) });
    }
  };
  const inputs = () => ({
    latn: h('input', { type: 'text', maxlength: 300, 'data-field': 'sr-Latn' }),
    cyrl: h('input', { type: 'text', maxlength: 300, 'data-field': 'sr-Cyrl' }),
    en: h('input', { type: 'text', maxlength: 300, 'data-field': 'en' }),
    email: h('input', { type: 'email', maxlength: 254, 'data-field': 'email' }),
  });
  const save = async (fn: () => Promise<unknown>) => {
    error.textContent = '';
    try {
      await fn();
      await reload();
    } catch (err) {
      error.textContent = t('referral.refused', { reason: reasonOf(err) });
    }
  };
  const row = (i: InstitutionView) => {
    const f = inputs();
    f.latn.value = i.names['sr-Latn'];
    f.cyrl.value = i.names['sr-Cyrl'];
    f.en.value = i.names.en;
    f.email.value = i.email;
    const saveBtn = h('button', { type: 'submit', class: 'small' }, t('referral.save'));
    const toggle = h(
      'button',
      { type: 'button', class: 'small' },
      i.retiredAt ? t('referral.restore') : t('referral.retire'),
    );
    toggle.addEventListener(
      'click',
      () => void save(() => referralApi.patchInstitution(i.code, { retired: !i.retiredAt })),
    );
    const form = h(
      'form',
      { class: 'institution-row', 'data-code': i.code },
      h('strong', {}, institutionName(i.names), i.retiredAt ? ` (${t('referral.retired')})` : ''),
      field(t('referral.nameSrLatn'), f.latn),
      field(t('referral.nameSrCyrl'), f.cyrl),
      field(t('referral.nameEn'), f.en),
      field(t('referral.email'), f.email),
      h('div', { class: 'dialog-actions' }, toggle, saveBtn),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void save(() =>
        referralApi.patchInstitution(i.code, {
          names: { 'sr-Latn': f.latn.value, 'sr-Cyrl': f.cyrl.value, en: f.en.value },
          email: f.email.value,
        }),
      );
    });
    return h('li', {}, form);
  };
  const n = inputs();
  const code = h('input', { type: 'text', maxlength: 64, pattern: '[a-z][a-z0-9_]{1,63}', 'data-field': 'code' });
  const addForm = h(
    'form',
    { class: 'institution-add' },
    h('h3', {}, t('referral.add')),
    field(t('referral.institutionCode'), code),
    field(t('referral.nameSrLatn'), n.latn),
    field(t('referral.nameSrCyrl'), n.cyrl),
    field(t('referral.nameEn'), n.en),
    field(t('referral.email'), n.email),
    h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'primary' }, t('referral.add'))),
  );
  addForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void save(async () => {
      await referralApi.addInstitution({
        code: code.value.trim(),
        names: { 'sr-Latn': n.latn.value, 'sr-Cyrl': n.cyrl.value, en: n.en.value },
        email: n.email.value.trim(),
      });
      addForm.reset();
    });
  });
  m.body.append(error, list, addForm);
  await reload();
}
