import type { MessageView } from '../../src/inbox/contract.ts';
import { ApiError } from './api.ts';
import { h, replace, select, uid } from './dom.ts';
import { t } from './i18n/index.ts';
import { codesOf, label } from './i18n/labels.ts';
import type { LiveSocket } from './live.ts';
import { type ManualCall, newIdempotencyKey, parseDuration, phoneApi } from './phone-api.ts';
import { field, modal } from './phone-dialog.ts';

export interface CallLogDeps {
  socket: () => LiveSocket | null;
  openCase: (id: string) => void;
}

/** How long to wait for the pipeline to file the call before saying it will show up in the list. */
const CASE_WAIT_MS = 15_000;

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/**
 * Log a call by hand, onto a new case or (with `onCase`) the open one. One idempotency key per
 * opening of the form: a double click, or a retry after a lost answer, logs the call once.
 */
export function openCallLogForm(deps: CallLogDeps, onCase?: { caseId: string; reference: string }): HTMLDialogElement {
  const key = newIdempotencyKey();
  const { dialog, body, close } = modal(
    onCase ? t('phone.logCallOnCaseTitle', { reference: onCase.reference }) : t('phone.logCallTitle'),
    'call-log',
  );
  const number = h('input', { type: 'tel', name: 'number', autocomplete: 'off', maxlength: 64 });
  const anonymous = h('input', { type: 'checkbox', name: 'anonymous', id: uid('anon') });
  const direction = select(
    { name: 'direction' },
    (['inbound', 'outbound'] as const).map((d) => ({ value: d, label: t(`phone.dir_${d}`) })),
    'inbound',
  );
  const duration = h('input', { type: 'text', name: 'duration', inputmode: 'numeric', maxlength: 8 });
  const category = select(
    { name: 'category', required: !onCase },
    [
      { value: '', label: onCase ? t('app.noCategory') : '—' },
      ...codesOf('category').map((c) => ({ value: c, label: label('category', c) })),
    ],
    '',
  );
  const notes = h('textarea', { name: 'notes', rows: 4, maxlength: 20000 });
  const status = h('p', { class: 'form-status', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('phone.save'));
  const cancel = h('button', { type: 'button' }, t('phone.cancel'));
  cancel.addEventListener('click', close);
  anonymous.addEventListener('change', () => {
    number.disabled = anonymous.checked;
    if (anonymous.checked) number.value = '';
  });

  const form = h(
    'form',
    { class: 'call-log-form', novalidate: true },
    field(t('phone.number'), number, t('phone.numberHint')),
    h('div', { class: 'field checkbox' }, anonymous, h('label', { for: anonymous.id }, t('phone.anonymousCall'))),
    field(t('phone.direction'), direction),
    field(t('phone.duration'), duration, t('phone.durationHint')),
    field(t('app.category'), category),
    field(t('phone.callNotes'), notes),
    status,
    h('div', { class: 'dialog-actions' }, submit, cancel),
  );
  replace(body, form);
  number.focus();

  // Listening before the POST: the pipeline may file the call before the answer comes back.
  const filed = new Map<string, string>();
  let waiting: ((caseId: string) => void) | null = null;
  let awaitedCallId: string | null = null;
  const onMessage = (e: { message: MessageView }) => {
    if (e.message.channel !== 'phone' || !e.message.externalId) return;
    filed.set(e.message.externalId, e.message.caseId);
    if (e.message.externalId === awaitedCallId) waiting?.(e.message.caseId);
  };
  const socket = deps.socket();
  socket?.on('message:created', onMessage);
  dialog.addEventListener('close', () => socket?.off('message:created', onMessage));

  const caseOf = (callId: string) =>
    new Promise<string | null>((resolve) => {
      const known = filed.get(callId);
      if (known) return resolve(known);
      awaitedCallId = callId;
      const timer = setTimeout(() => resolve(null), CASE_WAIT_MS);
      waiting = (id) => {
        clearTimeout(timer);
        resolve(id);
      };
    });

  let busy = false;
  const fail = (text: string, focus?: HTMLElement) => {
    status.className = 'form-status error';
    status.setAttribute('role', 'alert');
    status.textContent = text;
    focus?.focus();
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy) return;
    const seconds = parseDuration(duration.value);
    if (seconds === null) return fail(t('phone.durationInvalid'), duration);
    if (!anonymous.checked && number.value.trim() === '') return fail(t('phone.numberRequired'), number);
    if (!onCase && !category.value) return fail(t('phone.categoryRequired'), category);
    const call: ManualCall = {
      anonymous: anonymous.checked,
      direction: direction.value === 'outbound' ? 'outbound' : 'inbound',
      ...(!anonymous.checked && { number: number.value.trim() }),
      ...(seconds !== undefined && { durationSec: seconds }),
      ...(category.value && { category: category.value }),
      ...(notes.value.trim() && { notes: notes.value.trim() }),
      ...(onCase && { caseId: onCase.caseId }),
    };
    busy = true;
    submit.disabled = true;
    submit.textContent = t('phone.saving');
    status.className = 'form-status';
    status.textContent = '';
    void (async () => {
      try {
        const res = await phoneApi.logCall(call, key);
        if (onCase) {
          close();
          deps.openCase(onCase.caseId);
          return;
        }
        status.textContent = t('phone.loggedWaiting');
        const caseId = await caseOf(res.callId);
        if (caseId) {
          close();
          deps.openCase(caseId);
        } else {
          status.textContent = t('phone.loggedNoCase');
          submit.hidden = true;
          cancel.textContent = t('phone.close');
          cancel.focus();
        }
      } catch (err) {
        // Same key on the next try: if the first request did land, the server answers with that call.
        busy = false;
        submit.disabled = false;
        submit.textContent = t('phone.save');
        fail(t('phone.logFailed', { reason: reasonOf(err) }));
      }
    })();
  });
  return dialog;
}
