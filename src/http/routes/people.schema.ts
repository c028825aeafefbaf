import { z } from 'zod';

/** Contacts as one person, merging cases, moving a message: what each route accepts. */
export const contactIdParam = z.object({ id: z.uuid() });
export const messageIdParam = z.object({ id: z.uuid() });

const nonEmpty = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, { message: 'must not be empty' })
    .transform((s) => s.trim());

export const contactLinkBody = z
  .object({
    otherContactId: z.uuid(),
    /** Why these are one person ("same number on the form and on the call"): kept in the audit log. */
    reason: nonEmpty(1000),
  })
  .strict();

export const contactSplitBody = z
  .object({
    /** The identities that leave the person (see GET /api/contacts/:id). */
    identityIds: z.array(z.uuid()).min(1).max(100),
    reason: nonEmpty(1000).optional(),
  })
  .strict();

export const contactNoteBody = z.object({ text: nonEmpty(5000) }).strict();

export const caseMergeBody = z
  .object({
    /** The case that survives: the one in the path is absorbed into it. */
    intoCaseId: z.uuid(),
  })
  .strict();

export const messageMoveBody = z.object({ toCaseId: z.uuid() }).strict();
