import { z } from 'zod';
import * as users from '../../routes/users.routes.ts';
import { accountSchema, oneTimeLinkSchema, userViewSchema } from '../../routes/users.schema.ts';
import { ADMIN, type RouteDoc } from '../openapi.registry.ts';

const tag = 'Users (admin)';
const params = users.idParam;
const user = { description: 'The account as it now is.', schema: z.strictObject({ user: userViewSchema }) };
const noBase = 'No PUBLIC_URL, and this host is not in PUBLIC_HOSTS: a link cannot be made (`public_url_required`).';

/** Accounts, roles, one-time links, a lost second factor and sign-in locks: admins only. */
export const usersPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/users',
    tag,
    auth: ADMIN,
    summary: 'All accounts, each with its sign-in lock or delay (`lock`)',
    responses: {
      200: { description: 'Every account, by name.', schema: z.strictObject({ items: z.array(accountSchema) }) },
    },
  },
  {
    method: 'post',
    path: '/api/users',
    tag,
    auth: ADMIN,
    summary: 'Create an account: with a password, or invited by a one-time link',
    body: users.createBody,
    responses: {
      201: {
        description: '`link.url` to hand to an invitee.',
        schema: z.strictObject({ user: userViewSchema, link: oneTimeLinkSchema.optional() }),
      },
      409: `${noBase} Or the e-mail is taken (\`email_taken\`).`,
    },
  },
  {
    method: 'patch',
    path: '/api/users/:id',
    tag,
    auth: ADMIN,
    summary: 'Change name or role',
    params,
    body: users.patchBody,
    responses: { 200: user, 404: 'No such user.', 409: 'The last active admin cannot lose the role.' },
  },
  {
    method: 'post',
    path: '/api/users/:id/deactivate',
    tag,
    auth: ADMIN,
    summary: 'Deactivate an account (its sessions and open links end)',
    params,
    responses: { 200: user, 404: 'No such user.', 409: 'The last active admin cannot be deactivated.' },
  },
  {
    method: 'post',
    path: '/api/users/:id/reactivate',
    tag,
    auth: ADMIN,
    summary: 'Reactivate an account',
    params,
    responses: { 200: user, 404: 'No such user.', 409: 'The account has no password yet (`no_password`).' },
  },
  {
    method: 'post',
    path: '/api/users/:id/password',
    tag,
    auth: ADMIN,
    summary: "Set a user's password",
    params,
    body: users.passwordBody,
    responses: { 204: 'Set.', 404: 'No such user.' },
  },
  {
    method: 'post',
    path: '/api/users/:id/link',
    tag,
    auth: ADMIN,
    summary: 'A new one-time link (invitation or password reset)',
    params,
    responses: {
      201: {
        description: 'An invitation while the account has no password, else a reset.',
        schema: oneTimeLinkSchema,
      },
      404: 'No such user.',
      409: `${noBase} Or the account is inactive (\`inactive\`).`,
    },
  },
  {
    method: 'post',
    path: '/api/users/:id/totp/reset',
    tag,
    auth: ADMIN,
    summary: 'Remove a lost second factor',
    params,
    responses: { 200: '`{ removed }`.', 404: 'No such user.' },
  },
  {
    method: 'post',
    path: '/api/users/:id/unlock',
    tag,
    auth: ADMIN,
    summary: 'Clear sign-in delays and the lock on an account (audited)',
    params,
    responses: { 200: '`{ lock: null }`.', 404: 'No such user.' },
  },
];
