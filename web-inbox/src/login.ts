import { ApiError, api, NetworkError, type User } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { onLangChange, type TextKey, t } from './i18n.ts';
import { langPicker, rerenderKeepingPicker } from './lang-picker.ts';

/** The sign-in screen. Resolves through onSignedIn; returns a function that tears it down. */
export function showLogin(root: HTMLElement, onSignedIn: (user: User) => void, notice?: TextKey): () => void {
  let email = '';
  let password = '';
  let error: TextKey | undefined;
  let busy = false;

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
    const submit = h('button', { type: 'submit', class: 'primary', disabled: busy }, t(busy ? 'signingIn' : 'signIn'));
    const form = h(
      'form',
      { class: 'login-form', novalidate: true },
      h('h1', {}, t('appName')),
      h('p', { class: 'tagline' }, t('appTagline')),
      h('h2', {}, t('signInTitle')),
      notice && !error ? h('p', { class: 'notice', role: 'status' }, t(notice)) : null,
      h('div', { class: 'field' }, h('label', { for: emailId }, t('email')), emailInput),
      h('div', { class: 'field' }, h('label', { for: passId }, t('password')), passInput),
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
      error = 'invalidCredentials';
      render().emailInput.focus();
      return;
    }
    busy = true;
    error = undefined;
    render();
    try {
      const { user } = await api.login(email.trim(), password);
      stop();
      onSignedIn(user);
    } catch (err) {
      busy = false;
      password = '';
      error =
        err instanceof NetworkError
          ? 'networkError'
          : err instanceof ApiError && err.status === 429
            ? 'tooManyAttempts'
            : err instanceof ApiError && (err.status === 401 || err.status === 400)
              ? 'invalidCredentials'
              : 'serverError';
      render().passInput.focus();
    }
  };

  const stop = onLangChange(() => rerenderKeepingPicker(root, render));
  const { emailInput } = render();
  emailInput.focus();
  return stop;
}
