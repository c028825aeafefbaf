import type { Account, OneTimeLink, UserView } from '../../src/http/routes/users.schema.ts';
import { request, type User } from './api.ts';

/** The accounts' shapes are the server's schemas (users.schema.ts), imported as types only. */
export type { Account, OneTimeLink };
export type Role = Account['role'];
/** The roles this screen offers: the case workers, the education team, and partners (with their institution). */
export const ROLES = ['counselor', 'supervisor', 'admin', 'educator', 'partner'] as const satisfies readonly Role[];

export type SignInStep = { user: User } | { totpRequired: true; challenge: string };

const enc = encodeURIComponent;

/** Accounts: admins' user management, one-time links, the second sign-in step and TOTP enrolment. */
export const usersApi = {
  login: (email: string, password: string) =>
    request<SignInStep>('POST', '/api/auth/login', { email, password }, { quiet401: true }),
  loginCode: (challenge: string, code: string) =>
    request<{ user: User }>('POST', '/api/auth/login/totp', { challenge, code }, { quiet401: true }),
  list: () => request<{ items: Account[] }>('GET', '/api/users'),
  create: (input: { email: string; name: string; role: Role; password?: string; institution?: string }) =>
    request<{ user: UserView; link?: OneTimeLink }>('POST', '/api/users', input),
  /** A partner's role comes with their institution (the server requires it, and drops it for any other role). */
  setRole: (id: string, role: Role, institution?: string) =>
    request<{ user: UserView }>('PATCH', `/api/users/${enc(id)}`, { role, ...(institution && { institution }) }),
  deactivate: (id: string) => request<{ user: UserView }>('POST', `/api/users/${enc(id)}/deactivate`, {}),
  reactivate: (id: string) => request<{ user: UserView }>('POST', `/api/users/${enc(id)}/reactivate`, {}),
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
