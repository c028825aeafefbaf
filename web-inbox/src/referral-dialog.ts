import { ApiError } from './api.ts';
import { h, select, uid } from './dom.ts';
import { lang, t } from './i18n/index.ts';
import { field, modal } from './phone-dialog.ts';
import { type InstitutionView, type NewReferralBody, type ReferralView, referralApi } from './referral-api.ts';

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

export const institutionName = (names: InstitutionView['names']) => names[lang()] || names['sr-Latn'];

const isPlaceholder = (email: string) => /\.invalid$/i.test(email);

/**
 * "Refer": pick an institution, start from the proposed summary (contact details removed unless
 * the counselor includes them), edit it, then send by e-mail or record it as sent another way.
 */
export async function openReferDialog(caseId: string, reference: string): Promise<ReferralView | null> {
  const m = modal(t('referral.referTitle', { reference }), 'referral-dialog');
  const status = h('p', { class: 'muted', role: 'status' }, t('referral.loadingDraft'));
  m.body.append(status);
  let institutions: InstitutionView[];
  let draft: Awaited<ReturnType<typeof referralApi.draft>>;
  try {
    [institutions, draft] = [(await referralApi.institutions()).items, await referralApi.draft(caseId, false)];
  } catch (err) {
    status.className = 'error';
    status.textContent = t('referral.refused', { reason: reasonOf(err) });
    return null;
  }
  status.remove();

  const inst = select(
    { 'data-field': 'institution' },
    institutions.map((i) => ({ value: i.code, label: institutionName(i.names) })),
    institutions[0]?.code ?? '',
  );
  const include = h('input', { type: 'checkbox', 'data-field': 'includeContact' });
  const summary = h('textarea', { rows: 14, 'data-field': 'summary', spellcheck: 'true' });
  summary.value = draft.summary;
  let proposed = draft.summary;
  const emailRadio = h('input', { type: 'radio', name: uid('delivery'), value: 'email', 'data-field': 'delivery' });
  const otherRadio = h('input', { type: 'radio', name: emailRadio.name, value: 'other', 'data-field': 'delivery' });
  const emailLabel = h('span', {});
  const emailHint = h('span', { class: 'hint' });
  const means = select(
    { 'data-field': 'otherMeans' },
    (['phone', 'post', 'in_person', 'other'] as const).map((v) => ({ value: v, label: t(`referral.means_${v}`) })),
    'phone',
  );
  const note = h('input', { type: 'text', maxlength: 5000, 'data-field': 'note' });
  const otherFields = h(
    'div',
    { class: 'referral-other' },
    field(t('referral.otherMeans'), means),
    field(t('referral.note'), note),
  );
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'refer' });
  const cancel = h('button', { type: 'button' }, t('referral.cancel'));
  cancel.addEventListener('click', () => m.close());

  const chosen = () => institutions.find((i) => i.code === inst.value);
  const sync = () => {
    const i = chosen();
    const canMail = draft.emailAvailable && !!i && !isPlaceholder(i.email);
    emailRadio.disabled = !canMail;
    if (!canMail && emailRadio.checked) otherRadio.checked = true;
    if (!emailRadio.checked && !otherRadio.checked) (canMail ? emailRadio : otherRadio).checked = true;
    emailLabel.textContent = t('referral.deliveryEmail', { email: i?.email ?? '' });
    emailHint.textContent = !draft.emailAvailable
      ? t('referral.emailUnavailable')
      : i && isPlaceholder(i.email)
        ? t('referral.placeholderEmail')
        : '';
    otherFields.hidden = !otherRadio.checked;
    submit.textContent = emailRadio.checked ? t('referral.send') : t('referral.record');
  };
  inst.addEventListener('change', sync);
  emailRadio.addEventListener('change', sync);
  otherRadio.addEventListener('change', sync);
  include.addEventListener('change', async () => {
    if (summary.value !== proposed && !window.confirm(t('referral.replaceEdited'))) return;
    try {
      draft = await referralApi.draft(caseId, include.checked);
      summary.value = proposed = draft.summary;
    } catch (err) {
      error.textContent = t('referral.refused', { reason: reasonOf(err) });
    }
  });

  const form = h(
    'form',
    { class: 'referral-form' },
    field(t('referral.institution'), inst),
    h(
      'div',
      { class: 'referral-include' },
      h('label', {}, include, ' ', t('referral.includeContact')),
      h('p', { class: 'hint' }, t('referral.includeContactHint')),
    ),
    field(t('referral.summary'), summary),
    h(
      'fieldset',
      { class: 'referral-delivery' },
      h('legend', {}, t('referral.delivery')),
      h('label', {}, emailRadio, ' ', emailLabel),
      emailHint,
      h('label', {}, otherRadio, ' ', t('referral.deliveryOther')),
      otherFields,
    ),
    error,
    h('div', { class: 'dialog-actions' }, cancel, submit),
  );
  m.body.append(form);
  sync();

  return new Promise((resolve) => {
    let result: ReferralView | null = null;
    m.dialog.addEventListener('close', () => resolve(result));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      error.textContent = '';
      submit.disabled = true;
      const body: NewReferralBody = {
        institution: inst.value,
        summary: summary.value,
        includeContact: include.checked,
        delivery: emailRadio.checked ? 'email' : 'other',
        ...(otherRadio.checked && { otherMeans: means.value as NonNullable<NewReferralBody['otherMeans']> }),
        ...(otherRadio.checked && note.value.trim() && { note: note.value.trim() }),
      };
      try {
        result = await referralApi.refer(caseId, body);
        m.close();
      } catch (err) {
        error.textContent = t('referral.refused', { reason: reasonOf(err) });
        submit.disabled = false;
      }
    });
  });
}
