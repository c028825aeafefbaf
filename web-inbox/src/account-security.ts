import './users.css';
import { ApiError } from './api.ts';
import { h, replace } from './dom.ts';
import { tu, type UsersKey } from './i18n-users.ts';
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

const wrongWith = (err: unknown, fallback: UsersKey): string =>
  err instanceof ApiError && err.status === 400 ? tu(fallback) : tu('saveFailed');

/**
 * A user's own two-step sign-in: turn it on (password → secret and QR shown once → first code),
 * or off with a current code.
 */
export function openAccountSecurity(): void {
  const { body } = modal(tu('twoStepTitle'), 'account-security');
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const say = (text: string, isError = false) => {
    status.className = isError ? 'form-status error' : 'form-status';
    status.textContent = text;
  };

  const showDisable = () => {
    const code = codeInput();
    const form = h(
      'form',
      { class: 'totp-disable', novalidate: true },
      h('p', {}, tu('twoStepOn')),
      field(tu('code'), code, tu('codeHint')),
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit' }, tu('twoStepDisable'))),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      usersApi.totpDisable(code.value.trim()).then(
        () => {
          showEnable();
          say(tu('twoStepDisabled'));
        },
        (err) => say(wrongWith(err, 'wrongCode'), true),
      );
    });
    replace(body, status, form);
    code.focus();
  };

  const showConfirm = (secret: string, qr: string) => {
    const img = h('img', { class: 'totp-qr', alt: tu('twoStepQrAlt'), width: 200, height: 200 });
    // A data: URL made by our server (the CSP allows data: images); set as a property, not markup.
    img.src = qr;
    const code = codeInput();
    const form = h(
      'form',
      { class: 'totp-confirm', novalidate: true },
      h('p', {}, tu('twoStepScan')),
      img,
      h('p', {}, tu('twoStepSecret'), ': ', h('code', { class: 'totp-secret' }, secret)),
      field(tu('code'), code, tu('codeHint')),
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'primary' }, tu('twoStepConfirm'))),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      usersApi.totpConfirm(code.value.trim()).then(
        () => {
          showDisable();
          say(tu('twoStepEnabled'));
        },
        (err) => say(wrongWith(err, 'wrongCode'), true),
      );
    });
    replace(body, status, form);
    code.focus();
  };

  const showEnable = () => {
    const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
    const form = h(
      'form',
      { class: 'totp-enable', novalidate: true },
      h('p', {}, tu('twoStepOff')),
      field(tu('twoStepPasswordHint'), password),
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'primary' }, tu('twoStepStart'))),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      usersApi.totpEnrol(password.value).then(
        (r) => {
          say('');
          showConfirm(r.secret, r.qr);
        },
        (err) => say(wrongWith(err, 'wrongPassword'), true),
      );
      password.value = '';
    });
    replace(body, status, form);
    password.focus();
  };

  usersApi.totpStatus().then(
    (s) => (s.enabled ? showDisable() : showEnable()),
    () => say(tu('saveFailed'), true),
  );
}
