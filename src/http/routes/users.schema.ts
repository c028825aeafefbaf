import { z } from 'zod';
import { ROLES } from '../../domain/taxonomy.ts';

/*
 * Accounts as the API answers them, written once: the routes build these shapes (typed by them),
 * the OpenAPI document shows them, and the web inbox imports the types (type-only).
 */

const iso = z.string().meta({ description: 'ISO 8601 date-time' });

/** The signed-in user (GET /api/me, sign-in): a partner's answer also names their institution. */
export const signedInUserSchema = z
  .strictObject({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    language: z.string(),
    institution: z.string().nullable().optional(),
  })
  .meta({ id: 'SignedInUser' });

/** An account as a change to it answers (create, role, deactivate, reactivate). */
export const userViewSchema = z
  .strictObject({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    institution: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'User' });

/** An account in the admins' list, with what they need to act on it. */
export const accountSchema = userViewSchema
  .extend({
    hasPassword: z.boolean(),
    invitePending: z.boolean(),
    totpEnabled: z.boolean(),
    createdAt: iso,
    lastLoginAt: iso.nullable(),
    status: z.enum(['active', 'invited', 'deactivated']),
    lock: z
      .strictObject({ scope: z.enum(['account', 'address']), until: iso, addresses: z.number().int() })
      .nullable()
      .meta({ description: 'Sign-in refused for the account everywhere, or delayed from some addresses' }),
  })
  .meta({ id: 'Account' });

export const oneTimeLinkSchema = z
  .strictObject({ url: z.string(), kind: z.enum(['invite', 'reset']), expiresAt: iso })
  .meta({ id: 'OneTimeLink' });

export type SignedInUser = z.infer<typeof signedInUserSchema>;
export type UserView = z.infer<typeof userViewSchema>;
export type Account = z.infer<typeof accountSchema>;
export type OneTimeLink = z.infer<typeof oneTimeLinkSchema>;
