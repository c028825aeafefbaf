import './users.css';
import { ApiError } from './api.ts';
import { h, replace, select, uid } from './dom.ts';
import { fullTime } from './format.ts';
import { isKey, t } from './i18n/index.ts';
import { field, modal } from './phone-dialog.ts';
import { type Account, type OneTimeLink, ROLES, type Role, usersApi } from './users-api.ts';

/** The server's reason as words for the admin: known codes translated, anything else as it came. */
function problem(err: unknown): string {
  if (err instanceof ApiError) {
    const code = (err.body as { error?: unknown } | null)?.error;
    const key = `users.err_${String(code)}`;
    // Setting names stay as they are in every script (a placeholder is never transliterated).
    if (isKey(key)) return t(key, { publicUrl: 'PUBLIC_URL', publicHosts: 'PUBLIC_HOSTS' });
    return t('users.err_generic', { reason: err.reason ?? `HTTP ${err.status}` });
  }
  return t('users.err_generic', { reason: err instanceof Error ? err.message : String(err) });
}

const roleOptions = () => ROLES.map((r) => ({ value: r, label: t(`users.role_${r}`) }));

/**
 * Admins' user management: who has an account, with which role; invite (one-time link) or
 * create with a password; change role; deactivate (never delete) and reactivate; a new
 * one-time link for a lost password; reset a lost second factor; see and clear a sign-in lock.
 * Every action is audited by the server.
 */
export function openUsersAdmin(meId: string): HTMLDialogElement {
  const { dialog, body } = modal(t('users.usersTitle'), 'users-admin');
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
    const copy = h('button', { type: 'button' }, t('users.copy'));
    copy.addEventListener('click', () => {
      input.select();
      void navigator.clipboard?.writeText(link.url).then(
        () => say(t('users.copied')),
        () => {},
      );
    });
    replace(
      linkBox,
      h('label', { for: urlId }, t('users.linkReady', { name, until: fullTime(link.expiresAt) })),
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
    const roleSel = select({ 'aria-label': `${t('users.colRole')}: ${u.name}` }, roleOptions(), u.role);
    // A partner works for an institution: choosing that role asks for it before anything is saved.
    const instId = uid('institution');
    const inst = h('input', { id: instId, type: 'text', maxlength: 200, value: u.institution ?? '', required: true });
    const instForm = h(
      'form',
      { class: 'set-institution', novalidate: true, hidden: u.role !== 'partner' },
      h('label', { for: instId }, t('users.institution')),
      inst,
      h('button', { type: 'submit' }, t('users.saveInstitution')),
    );
    instForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!inst.value.trim()) return say(t('users.institutionRequired'), true);
      void act(() => usersApi.setRole(u.id, 'partner', inst.value.trim()), t('users.saved'));
    });
    roleSel.addEventListener('change', () => {
      if (roleSel.value === 'partner') {
        instForm.hidden = false;
        inst.focus();
        return;
      }
      instForm.hidden = u.role !== 'partner';
      void act(() => usersApi.setRole(u.id, roleSel.value as Role), t('users.saved')).then(() => {
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
      button(t('users.deactivate'), () => {
        if (confirm(t('users.confirmDeactivate', { name: u.name })))
          void act(() => usersApi.deactivate(u.id), t('users.saved'));
      });
    } else if (u.status === 'deactivated') {
      button(t('users.reactivate'), () => void act(() => usersApi.reactivate(u.id), t('users.saved')));
    }
    button(t('users.newLink'), () => {
      void act(async () => showLink(u.name, await usersApi.newLink(u.id)));
    });
    if (u.lock) {
      button(t('users.unlock'), () => {
        if (confirm(t('users.confirmUnlock', { name: u.name })))
          void act(() => usersApi.unlock(u.id), t('users.unlocked'));
      });
    }
    if (u.totpEnabled) {
      button(t('users.resetTwoStep'), () => {
        if (confirm(t('users.confirmResetTwoStep', { name: u.name })))
          void act(() => usersApi.resetTotp(u.id), t('users.saved'));
      });
    }
    const pwId = uid('set-pw');
    const pw = h('input', { id: pwId, type: 'password', autocomplete: 'new-password', minlength: 12 });
    const pwSave = h('button', { type: 'submit' }, t('users.setPassword'));
    const pwForm = h('form', { class: 'set-password-inline', novalidate: true }, pw, pwSave);
    pwForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const value = pw.value;
      pw.value = '';
      void act(() => usersApi.setPassword(u.id, value), t('users.passwordSet'));
    });
    const pwDetails = h(
      'details',
      { class: 'set-password' },
      h('summary', {}, t('users.setPassword')),
      h('label', { for: pwId, class: 'visually-hidden' }, t('users.newPassword')),
      pwForm,
    );
    return h(
      'tr',
      { 'data-user': u.email, class: u.active ? '' : 'inactive' },
      h('td', {}, u.name, u.id === meId ? ' ★' : null),
      h('td', {}, u.email),
      h('td', {}, roleSel, instForm),
      h(
        'td',
        { class: `status-${u.status}` },
        t(`users.status_${u.status}`),
        u.lock
          ? h(
              'div',
              { class: 'sign-in-lock' },
              u.lock.scope === 'account'
                ? t('users.lockAccount', { until: fullTime(u.lock.until) })
                : t('users.lockAddress', { n: String(u.lock.addresses), until: fullTime(u.lock.until) }),
            )
          : null,
      ),
      h('td', {}, t(u.totpEnabled ? 'users.yes' : 'users.no')),
      h('td', {}, u.lastLoginAt ? fullTime(u.lastLoginAt) : t('users.never')),
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
              (
                ['colName', 'colEmail', 'colRole', 'colStatus', 'colTwoStep', 'colLastLogin', 'colActions'] as const
              ).map((k) => h('th', { scope: 'col' }, t(`users.${k}`))),
            ),
          ),
          h('tbody', {}, items.map(row)),
        ),
      );
    } catch (err) {
      replace(table, h('p', { class: 'error', role: 'alert' }, t('users.usersLoadError'), ' ', problem(err)));
    }
  };

  const email = h('input', { type: 'email', required: true, autocomplete: 'off', name: 'email' });
  const name = h('input', { type: 'text', required: true, autocomplete: 'off', name: 'name', maxlength: 200 });
  const role = select({ name: 'role' }, roleOptions(), 'counselor');
  const institution = h('input', { type: 'text', autocomplete: 'off', name: 'institution', maxlength: 200 });
  const institutionField = field(t('users.institution'), institution, t('users.institutionHint'));
  institutionField.hidden = true;
  role.addEventListener('change', () => {
    institutionField.hidden = role.value !== 'partner';
  });
  const password = h('input', { type: 'password', autocomplete: 'new-password', name: 'password' });
  const add = h('button', { type: 'submit', class: 'primary' }, t('users.invite'));
  const form = h(
    'form',
    { class: 'invite-form', novalidate: true },
    h('h3', {}, t('users.inviteTitle')),
    field(t('users.colEmail'), email),
    field(t('users.name'), name),
    field(t('users.role'), role),
    institutionField,
    field(t('users.initialPassword'), password, t('users.initialPasswordHint')),
    h('div', { class: 'dialog-actions' }, add),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = {
      email: email.value.trim(),
      name: name.value.trim(),
      role: role.value as Role,
      ...(password.value && { password: password.value }),
      ...(role.value === 'partner' && { institution: institution.value.trim() }),
    };
    void act(async () => {
      const { user, link } = await usersApi.create(input);
      email.value = '';
      name.value = '';
      password.value = '';
      institution.value = '';
      if (link) showLink(user.name, link);
      else say(t('users.saved'));
    });
  });

  replace(body, status, linkBox, table, form);
  void reload();
  return dialog;
}
