import { ApiError, NetworkError, type User } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { type Key, onLangChange, t } from './i18n/index.ts';
import { langPicker, rerenderKeepingPicker } from './lang-picker.ts';
import { usersApi } from './users-api.ts';

/** The sign-in screen. Resolves through onSignedIn; returns a function that tears it down. */
export function showLogin(root: HTMLElement, onSignedIn: (user: User) => void, notice?: Key): () => void {
  let email = '';
  let password = '';
  let error: Key | undefined;
  let busy = false;
  /** Set once the password was right and the account asks for a TOTP code as well. */
  let challenge: string | undefined;
  let code = '';
  let codeError: Key | undefined;

  const renderCode = () => {
    const codeId = uid('code');
    const errId = uid('code-error');
    const codeInput = h('input', {
      id: codeId,
      name: 'code',
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      pattern: '[0-9]*',
      maxlength: 6,
      required: true,
      'aria-describedby': codeError ? errId : undefined,
    });
    codeInput.value = code;
    codeInput.addEventListener('input', () => {
      code = codeInput.value;
    });
    const back = h('button', { type: 'button' }, t('users.back'));
    back.addEventListener('click', () => {
      challenge = undefined;
      code = '';
      codeError = undefined;
      render().passInput.focus();
    });
    const form = h(
      'form',
      { class: 'login-form code-form', novalidate: true },
      h('h1', {}, t('app.appName')),
      h('h2', {}, t('users.codeTitle')),
      h('p', {}, t('users.codePrompt')),
      h('div', { class: 'field' }, h('label', { for: codeId }, t('users.code')), codeInput),
      codeError ? h('p', { id: errId, class: 'error', role: 'alert' }, t(codeError)) : null,
      h('button', { type: 'submit', class: 'primary', disabled: busy }, t(busy ? 'users.verifying' : 'users.verify')),
      back,
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void verifyCode();
    });
    replace(root, h('main', { class: 'login' }, h('header', { class: 'login-top' }, langPicker()), form));
    return codeInput;
  };

  const verifyCode = async () => {
    if (busy || !challenge) return;
    if (!/^\d{6}$/.test(code.trim())) {
      codeError = 'users.wrongCode';
      renderCode().focus();
      return;
    }
    busy = true;
    codeError = undefined;
    renderCode();
    try {
      const { user } = await usersApi.loginCode(challenge, code.trim());
      stop();
      onSignedIn(user);
    } catch (err) {
      busy = false;
      code = '';
      if (err instanceof ApiError && err.status === 401) {
        codeError = 'users.wrongCode';
      } else {
        // Locked out, expired, or the server is gone: back to the password.
        challenge = undefined;
        error =
          err instanceof NetworkError
            ? 'app.networkError'
            : err instanceof ApiError && err.status === 429
              ? 'app.tooManyAttempts'
              : 'app.serverError';
        render().passInput.focus();
        return;
      }
      renderCode().focus();
    }
  };

  const render = () => {
    const emailId = uid('email');
    const passId = uid('password');
    const errId = uid('login-error');
    const emailInput = h('input', {
      id: emailId,
      name: 'email',
      type: 'email',
      autocomplete: 'username',
      required: true,
      'aria-describedby': error ? errId : undefined,
    });
    emailInput.value = email;
    emailInput.addEventListener('input', () => {
      email = emailInput.value;
    });
    const passInput = h('input', {
      id: passId,
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
      required: true,
      'aria-describedby': error ? errId : undefined,
    });
    passInput.value = password;
    passInput.addEventListener('input', () => {
      password = passInput.value;
    });
    const submit = h(
      'button',
      { type: 'submit', class: 'primary', disabled: busy },
      t(busy ? 'app.signingIn' : 'app.signIn'),
    );
    const form = h(
      'form',
      { class: 'login-form', novalidate: true },
      h('h1', {}, t('app.appName')),
      h('p', { class: 'tagline' }, t('app.appTagline')),
      h('h2', {}, t('app.signInTitle')),
      notice && !error ? h('p', { class: 'notice', role: 'status' }, t(notice)) : null,
      h('div', { class: 'field' }, h('label', { for: emailId }, t('app.email')), emailInput),
      h('div', { class: 'field' }, h('label', { for: passId }, t('app.password')), passInput),
      error ? h('p', { id: errId, class: 'error', role: 'alert' }, t(error)) : null,
      submit,
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void signIn();
    });
    replace(root, h('main', { class: 'login' }, h('header', { class: 'login-top' }, langPicker()), form));
    return { emailInput, passInput };
  };

  const signIn = async () => {
    if (busy) return;
    if (!email.trim() || !password) {
      error = 'app.invalidCredentials';
      render().emailInput.focus();
      return;
    }
    busy = true;
    error = undefined;
    render();
    try {
      const step = await usersApi.login(email.trim(), password);
      if ('totpRequired' in step) {
        busy = false;
        password = '';
        challenge = step.challenge;
        renderCode().focus();
        return;
      }
      stop();
      onSignedIn(step.user);
    } catch (err) {
      busy = false;
      password = '';
      error =
        err instanceof NetworkError
          ? 'app.networkError'
          : err instanceof ApiError && err.status === 429
            ? 'app.tooManyAttempts'
            : err instanceof ApiError && (err.status === 401 || err.status === 400)
              ? 'app.invalidCredentials'
              : 'app.serverError';
      render().passInput.focus();
    }
  };

  const stop = onLangChange(() => rerenderKeepingPicker(root, () => (challenge ? renderCode() : render())));
  const { emailInput } = render();
  emailInput.focus();
  return stop;
}
