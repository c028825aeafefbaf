import { z } from 'zod';
import * as account from '../../routes/account.routes.ts';
import * as auth from '../../routes/auth.routes.ts';
import { languageBody } from '../../routes/inbox-extras.routes.ts';
import { signedInUserSchema } from '../../routes/users.schema.ts';
import { type RouteDoc, SIGNED_IN } from '../openapi.registry.ts';

const tag = 'Sign-in and account';
const signedIn = {
  description: 'Signed in: the session cookie is set. Or, with a second factor on, `{ totpRequired, challenge }`.',
  schema: z.union([
    z.strictObject({ user: signedInUserSchema }),
    z.strictObject({ totpRequired: z.literal(true), challenge: z.string() }),
  ]),
};
const throttled = 'Too many tries from this address, or the account is locked for a while (`Retry-After`).';

/** Sign-in, sign-out, the one-time links and the signed-in user's own settings. */
export const accountPaths: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/auth/login',
    tag,
    auth: 'public',
    summary: 'Sign in with e-mail and password',
    description: 'With two-step sign-in on, the answer is `{ totpRequired: true, challenge }` and no session yet.',
    body: auth.loginBody,
    responses: { 200: signedIn, 401: 'Wrong e-mail or password (one answer for both).', 429: throttled },
  },
  {
    method: 'post',
    path: '/api/auth/login/totp',
    tag,
    auth: 'public',
    summary: 'Second step of sign-in: the code from the authenticator app',
    body: auth.totpBody,
    responses: { 200: signedIn, 401: 'Wrong or expired code or challenge.', 429: throttled },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    tag,
    auth: SIGNED_IN,
    summary: 'Sign out (this session)',
    responses: { 204: 'Signed out; the cookie is cleared.' },
  },
  {
    method: 'post',
    path: '/api/auth/logout-all',
    tag,
    auth: SIGNED_IN,
    summary: "Sign out everywhere (all of the user's sessions)",
    responses: { 204: 'Every session of the user ended; the cookie is cleared.' },
  },
  {
    method: 'get',
    path: '/api/me',
    tag,
    auth: SIGNED_IN,
    summary: 'The signed-in user',
    responses: { 200: { description: 'The signed-in user.', schema: z.strictObject({ user: signedInUserSchema }) } },
  },
  {
    method: 'put',
    path: '/api/me/language',
    tag,
    auth: SIGNED_IN,
    summary: "The user's inbox language (a BCP 47 tag for sr-Latn, sr-Cyrl or en)",
    body: languageBody,
    responses: { 204: 'Saved.' },
  },
  {
    method: 'post',
    path: '/api/me/password',
    tag,
    auth: SIGNED_IN,
    summary: 'Change your own password (the current one first)',
    body: account.changePasswordBody,
    responses: { 204: 'Changed; other sessions of the user end.', 429: throttled },
  },
  {
    method: 'get',
    path: '/api/me/totp',
    tag,
    auth: SIGNED_IN,
    summary: 'Whether two-step sign-in is on for you',
    responses: { 200: '`{ enabled, pending }` (pending: enrolled, not yet confirmed).' },
  },
  {
    method: 'post',
    path: '/api/me/totp/enrol',
    tag,
    auth: SIGNED_IN,
    summary: 'Start two-step sign-in: a new secret, its otpauth URI and a QR code',
    body: account.enrolBody,
    responses: { 200: '`{ secret, uri, qr }` (not cached); confirm with a code to turn it on.' },
  },
  {
    method: 'post',
    path: '/api/me/totp/confirm',
    tag,
    auth: SIGNED_IN,
    summary: 'Turn two-step sign-in on with a first code',
    body: account.codeBody,
    responses: { 200: '`{ enabled: true }`.' },
  },
  {
    method: 'post',
    path: '/api/me/totp/disable',
    tag,
    auth: SIGNED_IN,
    summary: 'Turn two-step sign-in off with a current code',
    body: account.codeBody,
    responses: { 200: '`{ enabled: false }`.' },
  },
  {
    method: 'post',
    path: '/api/account/link',
    tag,
    auth: 'public',
    summary: 'What a one-time link (invitation or password reset) is for',
    description: 'The token in the link is the credential; no session is needed.',
    body: account.linkBody,
    responses: {
      200: '`{ kind, email, name }`: invitation or reset, and whose account.',
      404: 'Unknown, used or expired link (one answer for all).',
      429: throttled,
    },
  },
  {
    method: 'post',
    path: '/api/account/password',
    tag,
    auth: 'public',
    summary: 'Choose a password through a one-time link',
    body: account.setPasswordBody,
    responses: {
      204: 'Password set; the link is used up.',
      404: 'Unknown, used or expired link.',
      429: throttled,
    },
  },
];
