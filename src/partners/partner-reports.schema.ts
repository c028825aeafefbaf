import { z } from 'zod';

/** The partner's list: newest first, `before` = the `next` of the page before. */
export const partnerListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    before: z
      .string()
      .max(80)
      .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[A-Z]+-\d{4}-\d+$/, 'a cursor from the page before')
      .optional(),
  })
  .strict();

export type { PartnerSubmission } from './partner-reports.repository.ts';
