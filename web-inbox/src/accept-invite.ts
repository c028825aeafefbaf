import { ApiError } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { type Key, onLangChange, t } from './i18n/index.ts';
import { langPicker, rerenderKeepingPicker } from './lang-picker.ts';
import { usersApi } from './users-api.ts';

const LINK_HASH = /^#set-password=([A-Za-z0-9_-]{20,100})$/;

/**
 * The token of a one-time link (invitation or password reset) from the address, taken out of it at
 * once so it stays neither in the address bar nor in the history. It lives in the fragment, which
 * browsers never send to a server or in a Referer.
 */
export function takeLinkToken(): string | undefined {
  const token = LINK_HASH.exec(location.hash)?.[1];
  if (location.hash.startsWith('#set-password=')) history.replaceState(null, '', location.pathname + location.search);
  return token;
}

/** The page an invitee (or a user who lost a password) sets a password on; no session needed. */
export function showSetPassword(root: HTMLElement, token: string | undefined, onDone: () => void): void {
  let info: { kind: 'invite' | 'reset'; email: string; name: string } | null = null;
  let state: 'loading' | 'form' | 'invalid' | 'done' = 'loading';
  let error: Key | undefined;
  let busy = false;
  let first = '';
  let second = '';

  const page = (...children: (Node | null)[]) =>
    replace(
      root,
      h(
        'main',
        { class: 'login set-password' },
        h('header', { class: 'login-top' }, langPicker()),
        h(
          'div',
          { class: 'login-form' },
          h('h1', {}, t('app.appName')),
          h('h2', {}, t('users.setPasswordTitle')),
          ...children,
        ),
      ),
    );

  const toSignIn = () => {
    const b = h('button', { type: 'button', class: 'primary' }, t('users.toSignIn'));
    b.addEventListener('click', () => {
      stopLang();
      onDone();
    });
    return b;
  };

  const render = () => {
    if (state === 'loading') return page(h('p', { class: 'muted', role: 'status' }, t('app.loading')));
    if (state === 'invalid') return page(h('p', { class: 'error', role: 'alert' }, t('users.linkInvalid')), toSignIn());
    if (state === 'done')
      return page(h('p', { class: 'notice', role: 'status' }, t('users.passwordSaved')), toSignIn());
    const who = info as NonNullable<typeof info>;
    const firstId = uid('new-password');
    const secondId = uid('repeat-password');
    const hintId = uid('hint');
    const errId = uid('set-error');
    const a = h('input', {
      id: firstId,
      type: 'password',
      autocomplete: 'new-password',
      minlength: 12,
      required: true,
      'aria-describedby': error ? `${hintId} ${errId}` : hintId,
    });
    a.value = first;
    a.addEventListener('input', () => {
      first = a.value;
    });
    const b = h('input', { id: secondId, type: 'password', autocomplete: 'new-password', required: true });
    b.value = second;
    b.addEventListener('input', () => {
      second = b.value;
    });
    // The e-mail as a username field lets password managers save the new password for the right account.
    const username = h('input', { type: 'email', autocomplete: 'username', readonly: true, hidden: true });
    username.value = who.email;
    const form = h(
      'form',
      { novalidate: true },
      h('p', {}, t(who.kind === 'invite' ? 'users.inviteWelcome' : 'users.resetWelcome', { name: who.name })),
      h('p', { class: 'muted' }, t('users.setPasswordFor', { email: who.email })),
      username,
      h(
        'div',
        { class: 'field' },
        h('label', { for: firstId }, t('users.newPassword')),
        a,
        h('p', { class: 'hint', id: hintId }, t('users.newPasswordHint')),
      ),
      h('div', { class: 'field' }, h('label', { for: secondId }, t('users.repeatPassword')), b),
      error ? h('p', { id: errId, class: 'error', role: 'alert' }, t(error)) : null,
      h('button', { type: 'submit', class: 'primary', disabled: busy }, t('users.savePassword')),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void save();
    });
    page(form);
    return a;
  };

  const save = async () => {
    if (busy || !token) return;
    error = [...first].length < 12 ? 'users.passwordTooShort' : first !== second ? 'users.passwordsDiffer' : undefined;
    if (error) {
      render()?.focus();
      return;
    }
    busy = true;
    render();
    try {
      await usersApi.usePasswordLink(token, first);
      state = 'done';
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) state = 'invalid';
      else error = err instanceof ApiError && err.status === 400 ? 'users.passwordTooShort' : 'users.saveFailed';
    }
    busy = false;
    first = '';
    second = '';
    render();
  };

  const stopLang = onLangChange(() => rerenderKeepingPicker(root, () => void render()));
  render();
  if (!token) {
    state = 'invalid';
    render();
    return;
  }
  usersApi.linkInfo(token).then(
    (found) => {
      info = found;
      state = 'form';
      render()?.focus();
    },
    () => {
      state = 'invalid';
      render();
    },
  );
}
