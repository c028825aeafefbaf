import './users.css';
import { ApiError } from './api.ts';
import { h, replace } from './dom.ts';
import { type Key, t } from './i18n/index.ts';
import { field, modal } from './phone-dialog.ts';
import { usersApi } from './users-api.ts';

const codeInput = () =>
  h('input', {
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '[0-9]*',
    maxlength: 6,
    required: true,
    name: 'code',
  });

/** Too many wrong tries (counted as at sign-in): how long to wait; undefined for any other answer. */
function lockedMessage(err: unknown): string | undefined {
  if (!(err instanceof ApiError) || err.status !== 429) return undefined;
  const sec = Number((err.body as { retryAfterSec?: number } | null)?.retryAfterSec ?? 60);
  return t('users.accountLocked', { minutes: Math.max(1, Math.ceil(sec / 60)) });
}

/** A wrong password or code, too many of them, or anything else. */
function wrongWith(err: unknown, fallback: Key): string {
  if (!(err instanceof ApiError)) return t('users.saveFailed');
  return lockedMessage(err) ?? (err.status === 400 ? t(fallback) : t('users.saveFailed'));
}

/** A form's status line (announced to screen readers) and how to set it. */
function statusLine() {
  const el = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const say = (text: string, isError = false) => {
    el.className = isError ? 'form-status error' : 'form-status';
    el.textContent = text;
  };
  return { el, say };
}

/**
 * A signed-in user's own password: the current one, then the new one twice. The server ends every
 * other session of the user; this one stays signed in.
 */
function passwordSection(): HTMLElement {
  const { el: status, say } = statusLine();
  const input = (autocomplete: string) =>
    h('input', { type: 'password', autocomplete, required: true, maxlength: 1024 }) as HTMLInputElement;
  const current = input('current-password');
  const next = input('new-password');
  const again = input('new-password');
  const submit = h('button', { type: 'submit', class: 'primary' }, t('users.changePassword')) as HTMLButtonElement;
  const form = h(
    'form',
    { class: 'password-change', novalidate: true },
    field(t('users.currentPassword'), current),
    field(t('users.newPassword'), next, t('users.passwordTooShort')),
    field(t('users.repeatPassword'), again),
    h('div', { class: 'dialog-actions' }, submit),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!current.value) return say(t('users.wrongPassword'), true);
    if ([...next.value].length < 12) return say(t('users.passwordTooShort'), true);
    if (next.value !== again.value) return say(t('users.passwordsDiffer'), true);
    if (next.value === current.value) return say(t('users.passwordSameAsCurrent'), true);
    submit.disabled = true;
    usersApi
      .changePassword(current.value, next.value)
      .then(
        () => {
          form.reset();
          say(t('users.passwordChanged'));
        },
        (err) => {
          const body = err instanceof ApiError ? (err.body as { fields?: { field: string }[] } | null) : null;
          const fields = body?.fields?.map((f) => f.field) ?? [];
          const locked = lockedMessage(err);
          if (locked) say(locked, true);
          else if (fields.includes('current')) say(t('users.wrongPassword'), true);
          else if (fields.includes('password')) say(t('users.passwordTooShort'), true);
          else say(t('users.saveFailed'), true);
        },
      )
      .finally(() => {
        submit.disabled = false;
      });
  });
  const section = h(
    'section',
    { class: 'account-password' },
    h('h3', {}, t('users.changePasswordTitle')),
    status,
    form,
  );
  queueMicrotask(() => current.focus());
  return section;
}

/**
 * A user's own account: the password, and two-step sign-in (turn it on: password → secret and QR
 * shown once → first code; or off with a current code).
 */
export function openAccountSecurity(): HTMLDialogElement {
  const { dialog, body: dialogBody } = modal(t('users.account'), 'account-security');
  const body = h('div', { class: 'two-step' });
  replace(dialogBody, passwordSection(), h('section', {}, h('h3', {}, t('users.twoStepTitle')), body));
  const { el: status, say } = statusLine();

  const showDisable = (focus = true) => {
    const code = codeInput();
    const form = h(
      'form',
      { class: 'totp-disable', novalidate: true },
      h('p', {}, t('users.twoStepOn')),
      field(t('users.code'), code, t('users.codeHint')),
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit' }, t('users.twoStepDisable'))),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      usersApi.totpDisable(code.value.trim()).then(
        () => {
          showEnable();
          say(t('users.twoStepDisabled'));
        },
        (err) => say(wrongWith(err, 'users.wrongCode'), true),
      );
    });
    replace(body, status, form);
    if (focus) code.focus();
  };

  const showConfirm = (secret: string, qr: string) => {
    const img = h('img', { class: 'totp-qr', alt: t('users.twoStepQrAlt'), width: 200, height: 200 });
    // A data: URL made by our server (the CSP allows data: images); set as a property, not markup.
    img.src = qr;
    const code = codeInput();
    const form = h(
      'form',
      { class: 'totp-confirm', novalidate: true },
      h('p', {}, t('users.twoStepScan')),
      img,
      h('p', {}, t('users.twoStepSecret'), ': ', h('code', { class: 'totp-secret' }, secret)),
      field(t('users.code'), code, t('users.codeHint')),
      h(
        'div',
        { class: 'dialog-actions' },
        h('button', { type: 'submit', class: 'primary' }, t('users.twoStepConfirm')),
      ),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      usersApi.totpConfirm(code.value.trim()).then(
        () => {
          showDisable();
          say(t('users.twoStepEnabled'));
        },
        (err) => say(wrongWith(err, 'users.wrongCode'), true),
      );
    });
    replace(body, status, form);
    code.focus();
  };

  const showEnable = (focus = true) => {
    const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
    const form = h(
      'form',
      { class: 'totp-enable', novalidate: true },
      h('p', {}, t('users.twoStepOff')),
      field(t('users.twoStepPasswordHint'), password),
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'primary' }, t('users.twoStepStart'))),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      usersApi.totpEnrol(password.value).then(
        (r) => {
          say('');
          showConfirm(r.secret, r.qr);
        },
        (err) => say(wrongWith(err, 'users.wrongPassword'), true),
      );
      password.value = '';
    });
    replace(body, status, form);
    if (focus) password.focus();
  };

  usersApi.totpStatus().then(
    (s) => (s.enabled ? showDisable(false) : showEnable(false)),
    () => say(t('users.saveFailed'), true),
  );
  return dialog;
}
