import { z } from 'zod';
import { OTHER_MEANS, REFERRAL_STATUSES } from '../../domain/referrals.ts';
import { queryList } from '../query-list.ts';

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, { message: 'must not be empty' });
const name = text(300);
const bool = z.preprocess(
  (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v),
  z.boolean(),
);

export const institutionCodeParam = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and _'),
});

export const institutionBody = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and _ (2 to 64)'),
    names: z.object({ 'sr-Latn': name, 'sr-Cyrl': name, en: name }).strict(),
    email: z.email().max(254),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();

export const institutionPatchBody = z
  .object({
    names: z
      .object({ 'sr-Latn': name.optional(), 'sr-Cyrl': name.optional(), en: name.optional() })
      .strict()
      .optional(),
    email: z.email().max(254).optional(),
    position: z.number().int().min(0).max(100_000).optional(),
    /** true retires (no longer offered; history kept), false brings it back. */
    retired: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'nothing to change' });

export const institutionListQuery = z.object({ all: bool.optional() });

export const draftQuery = z.object({ includeContact: bool.default(false) });

export const referralBody = z
  .object({
    institution: z.string().min(1).max(64),
    summary: text(50_000),
    includeContact: z.boolean().default(false),
    delivery: z.enum(['email', 'other']),
    otherMeans: z.enum(OTHER_MEANS).optional(),
    note: z.string().max(5000).optional(),
  })
  .strict()
  .refine((b) => b.delivery === 'email' || b.otherMeans !== undefined, {
    message: 'say how it was sent: phone, post, in_person or other',
    path: ['otherMeans'],
  });

export const referralPatchBody = z
  .object({
    status: z.enum(REFERRAL_STATUSES),
    /** The institution's answer, or how it ended. */
    outcome: z.string().max(50_000).optional(),
    note: z.string().max(5000).optional(),
  })
  .strict();

export const referralIdParam = z.object({ id: z.uuid() });

const csvStatuses = queryList(z.enum(REFERRAL_STATUSES));

export const referralListQuery = z.object({
  overdue: bool.optional(),
  status: csvStatuses,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
