import './users.css';
import { ApiError } from './api.ts';
import { h, replace, select, uid } from './dom.ts';
import { fullTime } from './format.ts';
import { hasUsersKey, tu } from './i18n-users.ts';
import { field, modal } from './phone-dialog.ts';
import { type Account, type OneTimeLink, ROLES, type Role, usersApi } from './users-api.ts';

/** The server's reason as words for the admin: known codes translated, anything else as it came. */
function problem(err: unknown): string {
  if (err instanceof ApiError) {
    const code = (err.body as { error?: unknown } | null)?.error;
    const key = `err_${String(code)}`;
    // Setting names stay as they are in every script (a placeholder is never transliterated).
    if (hasUsersKey(key)) return tu(key, { publicUrl: 'PUBLIC_URL', publicHosts: 'PUBLIC_HOSTS' });
    return tu('err_generic', { reason: err.reason ?? `HTTP ${err.status}` });
  }
  return tu('err_generic', { reason: err instanceof Error ? err.message : String(err) });
}

const roleOptions = () => ROLES.map((r) => ({ value: r, label: tu(`role_${r}`) }));

/**
 * Admins' user management: who has an account, with which role; invite (one-time link) or
 * create with a password; change role; deactivate (never delete) and reactivate; a new
 * one-time link for a lost password; reset a lost second factor; see and clear a sign-in lock.
 * Every action is audited by the server.
 */
export function openUsersAdmin(meId: string): HTMLDialogElement {
  const { dialog, body } = modal(tu('usersTitle'), 'users-admin');
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const linkBox = h('div', { class: 'one-time-link', hidden: true });
  const table = h('div', { class: 'users-table' });

  const say = (text: string, isError = false) => {
    status.className = isError ? 'form-status error' : 'form-status';
    status.textContent = text;
  };

  const showLink = (name: string, link: OneTimeLink) => {
    const urlId = uid('link');
    const input = h('input', { id: urlId, type: 'text', readonly: true, class: 'link-url' });
    input.value = link.url;
    const copy = h('button', { type: 'button' }, tu('copy'));
    copy.addEventListener('click', () => {
      input.select();
      void navigator.clipboard?.writeText(link.url).then(
        () => say(tu('copied')),
        () => {},
      );
    });
    replace(
      linkBox,
      h('label', { for: urlId }, tu('linkReady', { name, until: fullTime(link.expiresAt) })),
      h('div', { class: 'link-row' }, input, copy),
    );
    linkBox.hidden = false;
    input.focus();
    input.select();
  };

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    try {
      await fn();
      if (done) say(done);
      await reload();
    } catch (err) {
      say(problem(err), true);
    }
  };

  const row = (u: Account) => {
    const roleSel = select({ 'aria-label': `${tu('colRole')}: ${u.name}` }, roleOptions(), u.role);
    roleSel.addEventListener('change', () => {
      void act(() => usersApi.setRole(u.id, roleSel.value as Role), tu('saved')).then(() => {
        roleSel.value = u.role;
      });
    });
    const actions: HTMLElement[] = [];
    const button = (text: string, onClick: () => void) => {
      const b = h('button', { type: 'button' }, text);
      b.addEventListener('click', onClick);
      actions.push(b);
    };
    if (u.active) {
      button(tu('deactivate'), () => {
        if (confirm(tu('confirmDeactivate', { name: u.name }))) void act(() => usersApi.deactivate(u.id), tu('saved'));
      });
    } else if (u.status === 'deactivated') {
      button(tu('reactivate'), () => void act(() => usersApi.reactivate(u.id), tu('saved')));
    }
    button(tu('newLink'), () => {
      void act(async () => showLink(u.name, await usersApi.newLink(u.id)));
    });
    if (u.lock) {
      button(tu('unlock'), () => {
        if (confirm(tu('confirmUnlock', { name: u.name }))) void act(() => usersApi.unlock(u.id), tu('unlocked'));
      });
    }
    if (u.totpEnabled) {
      button(tu('resetTwoStep'), () => {
        if (confirm(tu('confirmResetTwoStep', { name: u.name }))) void act(() => usersApi.resetTotp(u.id), tu('saved'));
      });
    }
    const pwId = uid('set-pw');
    const pw = h('input', { id: pwId, type: 'password', autocomplete: 'new-password', minlength: 12 });
    const pwSave = h('button', { type: 'submit' }, tu('setPassword'));
    const pwForm = h('form', { class: 'set-password-inline', novalidate: true }, pw, pwSave);
    pwForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const value = pw.value;
      pw.value = '';
      void act(() => usersApi.setPassword(u.id, value), tu('passwordSet'));
    });
    const pwDetails = h(
      'details',
      { class: 'set-password' },
      h('summary', {}, tu('setPassword')),
      h('label', { for: pwId, class: 'visually-hidden' }, tu('newPassword')),
      pwForm,
    );
    return h(
      'tr',
      { 'data-user': u.email, class: u.active ? '' : 'inactive' },
      h('td', {}, u.name, u.id === meId ? ' ★' : null),
      h('td', {}, u.email),
      h('td', {}, roleSel),
      h(
        'td',
        { class: `status-${u.status}` },
        tu(`status_${u.status}`),
        u.lock
          ? h(
              'div',
              { class: 'sign-in-lock' },
              u.lock.scope === 'account'
                ? tu('lockAccount', { until: fullTime(u.lock.until) })
                : tu('lockAddress', { n: String(u.lock.addresses), until: fullTime(u.lock.until) }),
            )
          : null,
      ),
      h('td', {}, tu(u.totpEnabled ? 'yes' : 'no')),
      h('td', {}, u.lastLoginAt ? fullTime(u.lastLoginAt) : tu('never')),
      h('td', { class: 'user-actions' }, actions, pwDetails),
    );
  };

  const reload = async () => {
    try {
      const { items } = await usersApi.list();
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
              ['colName', 'colEmail', 'colRole', 'colStatus', 'colTwoStep', 'colLastLogin', 'colActions'].map((k) =>
                h('th', { scope: 'col' }, tu(k as Parameters<typeof tu>[0])),
              ),
            ),
          ),
          h('tbody', {}, items.map(row)),
        ),
      );
    } catch (err) {
      replace(table, h('p', { class: 'error', role: 'alert' }, tu('usersLoadError'), ' ', problem(err)));
    }
  };

  const email = h('input', { type: 'email', required: true, autocomplete: 'off', name: 'email' });
  const name = h('input', { type: 'text', required: true, autocomplete: 'off', name: 'name', maxlength: 200 });
  const role = select({ name: 'role' }, roleOptions(), 'counselor');
  const password = h('input', { type: 'password', autocomplete: 'new-password', name: 'password' });
  const add = h('button', { type: 'submit', class: 'primary' }, tu('invite'));
  const form = h(
    'form',
    { class: 'invite-form', novalidate: true },
    h('h3', {}, tu('inviteTitle')),
    field(tu('colEmail'), email),
    field(tu('name'), name),
    field(tu('role'), role),
    field(tu('initialPassword'), password, tu('initialPasswordHint')),
    h('div', { class: 'dialog-actions' }, add),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = {
      email: email.value.trim(),
      name: name.value.trim(),
      role: role.value as Role,
      ...(password.value && { password: password.value }),
    };
    void act(async () => {
      const { user, link } = await usersApi.create(input);
      email.value = '';
      name.value = '';
      password.value = '';
      if (link) showLink(user.name, link);
      else say(tu('saved'));
    });
  });

  replace(body, status, linkBox, table, form);
  void reload();
  return dialog;
}
