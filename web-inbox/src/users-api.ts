import { request, type User } from './api.ts';

export type Role = 'counselor' | 'supervisor' | 'admin';
export const ROLES: Role[] = ['counselor', 'supervisor', 'admin'];

export interface Account {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  status: 'active' | 'invited' | 'deactivated';
  totpEnabled: boolean;
  lastLoginAt: string | null;
  /** Sign-in refused for this account everywhere (`account`), or delayed from some addresses. */
  lock: { scope: 'account' | 'address'; until: string; addresses: number } | null;
}

export interface OneTimeLink {
  url: string;
  kind: 'invite' | 'reset';
  expiresAt: string;
}

export type SignInStep = { user: User } | { totpRequired: true; challenge: string };

const enc = encodeURIComponent;

/** Accounts: admins' user management, one-time links, the second sign-in step and TOTP enrolment. */
export const usersApi = {
  login: (email: string, password: string) =>
    request<SignInStep>('POST', '/api/auth/login', { email, password }, { quiet401: true }),
  loginCode: (challenge: string, code: string) =>
    request<{ user: User }>('POST', '/api/auth/login/totp', { challenge, code }, { quiet401: true }),
  list: () => request<{ items: Account[] }>('GET', '/api/users'),
  create: (input: { email: string; name: string; role: Role; password?: string }) =>
    request<{ user: Account; link?: OneTimeLink }>('POST', '/api/users', input),
  setRole: (id: string, role: Role) => request<{ user: Account }>('PATCH', `/api/users/${enc(id)}`, { role }),
  deactivate: (id: string) => request<{ user: Account }>('POST', `/api/users/${enc(id)}/deactivate`, {}),
  reactivate: (id: string) => request<{ user: Account }>('POST', `/api/users/${enc(id)}/reactivate`, {}),
  setPassword: (id: string, password: string) => request<void>('POST', `/api/users/${enc(id)}/password`, { password }),
  newLink: (id: string) => request<OneTimeLink>('POST', `/api/users/${enc(id)}/link`, {}),
  unlock: (id: string) => request<{ lock: null }>('POST', `/api/users/${enc(id)}/unlock`, {}),
  resetTotp: (id: string) => request<{ removed: boolean }>('POST', `/api/users/${enc(id)}/totp/reset`, {}),
  linkInfo: (token: string) =>
    request<{ kind: 'invite' | 'reset'; email: string; name: string }>(
      'POST',
      '/api/account/link',
      { token },
      { quiet401: true },
    ),
  usePasswordLink: (token: string, password: string) =>
    request<void>('POST', '/api/account/password', { token, password }, { quiet401: true }),
  changePassword: (current: string, password: string) =>
    request<void>('POST', '/api/me/password', { current, password }),
  totpStatus: () => request<{ enabled: boolean; pending: boolean }>('GET', '/api/me/totp'),
  totpEnrol: (password: string) =>
    request<{ secret: string; uri: string; qr: string }>('POST', '/api/me/totp/enrol', { password }),
  totpConfirm: (code: string) => request<{ enabled: boolean }>('POST', '/api/me/totp/confirm', { code }),
  totpDisable: (code: string) => request<{ enabled: boolean }>('POST', '/api/me/totp/disable', { code }),
};
